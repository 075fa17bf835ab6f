//! The README stays true: it opens with the two commands, and its rule table lists every
//! rule of the registry with its code.

fn readme() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

#[test]
fn opens_with_exactly_two_commands() {
    let text = readme();
    let block = text
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a first sh code block");
    let commands: Vec<&str> = block
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands, ["npm start", "npm test"]);
    let before = &text[..text.find("```sh").unwrap()];
    assert!(
        !before.contains("```"),
        "the two commands must be the first code block"
    );
}

#[test]
fn rule_table_lists_every_rule() {
    let text = readme();
    for rule in specmark::RULES {
        let row = format!("| {} | `{}` |", rule.code, rule.name);
        assert!(text.contains(&row), "README rule table lacks {row}");
    }
}
