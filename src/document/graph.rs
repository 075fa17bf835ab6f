//! The task dependency graph: edges from each task to the tasks it depends on, and cycles.

use super::Document;

impl Document<'_> {
    /// For each task, the indexes of the tasks it depends on (references to unknown ids are
    /// left out; an id used twice resolves to its first task).
    pub fn dependency_edges(&self) -> Vec<Vec<usize>> {
        self.tasks
            .iter()
            .map(|t| {
                let mut v: Vec<usize> = t
                    .deps
                    .iter()
                    .filter_map(|d| self.tasks_with_id(&d.id).first().copied())
                    .collect();
                crate::sort::sort(&mut v);
                v.dedup();
                v
            })
            .collect()
    }

    /// Every dependency cycle, as task indexes in dependency order (`a` depends on `b`
    /// depends on ... depends on `a`); one cycle per strongly connected component, found
    /// iteratively (Tarjan), so long chains cannot overflow the stack.
    pub fn dependency_cycles(&self) -> Vec<Vec<usize>> {
        let edges = self.dependency_edges();
        let mut cycles = Vec::new();
        for comp in strongly_connected(&edges) {
            let self_loop = comp.len() == 1 && edges[comp[0]].contains(&comp[0]);
            if comp.len() > 1 || self_loop {
                cycles.push(cycle_path(&edges, &comp));
            }
        }
        crate::sort::sort(&mut cycles);
        cycles
    }
}

/// Tarjan's algorithm without recursion.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*child) {
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                crate::sort::sort(&mut comp);
                out.push(comp);
            }
        }
    }
    out
}

/// A concrete cycle through the smallest member of a component (breadth-first, so the
/// reported path is a shortest one).
fn cycle_path(edges: &[Vec<usize>], comp: &[usize]) -> Vec<usize> {
    let start = comp[0];
    let inside = |v: usize| comp.binary_search(&v).is_ok();
    let mut prev = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if !inside(w) {
                continue;
            }
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while at != start {
                    at = prev[&at];
                    path.push(at);
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = prev.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    fn cycles(text: &str) -> Vec<Vec<String>> {
        let doc = Document::parse(text, Some("tasks.md"), None);
        doc.dependency_cycles()
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|i| doc.tasks[i].id.as_ref().unwrap().text.to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn finds_cycle_path() {
        let text = "# Tasks: X\n\n- [ ] **Task 2.1**: a\n  - **Depends on**: Task 2.3\n- [ ] **Task 2.2**: b\n- [ ] **Task 2.3**: c\n  - **Depends on**: Task 2.1\n";
        assert_eq!(
            cycles(text),
            vec![vec!["2.1".to_string(), "2.3".to_string()]]
        );
    }

    #[test]
    fn chain_without_cycle_and_long_chain() {
        let mut text = String::from("# Tasks: X\n\n");
        for i in 1..5000 {
            text.push_str(&format!("- [ ] T{i:04} do (depends on T{:04})\n", i + 1));
        }
        assert!(cycles(&text).is_empty());
        text.push_str("- [ ] T5000 last (depends on T0001)\n");
        let c = cycles(&text);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].len(), 5000);
    }
}
