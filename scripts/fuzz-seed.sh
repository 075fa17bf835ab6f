#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/seeds/<target>/, git-ignored; scripts/fuzz.sh reads them) from the rule fixtures, the
# shared corpus of real documents and the seed templates. Idempotent: files are named by
# the SHA-1 of their content, as libFuzzer names its own finds.
# The encodings match tests/support/invariants.rs:
#   lint, fix   first byte = selector, modulo KINDS + 8: below KINDS (the number of kinds,
#               Kind::ALL) it forces that kind; KINDS + i leaves the kind to detection with
#               path i of AUTO_PATHS (invariants::options_for, auto_selector).
#   workspace   NUL-separated files, each starting with a byte choosing its path.
#   config      the .specmark.toml text itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=fuzz/seeds
mkdir -p "$out/lint" "$out/fix" "$out/config" "$out/workspace"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Store stdin under its SHA-1 in corpus folder $1.
store() {
  cat > "$tmp/entry"
  local sum
  sum=$(sha1sum "$tmp/entry" | cut -d' ' -f1)
  mv "$tmp/entry" "$1/$sum"
}

# Path index (by file name; corpus names end in __<name>.md) for auto detection (AUTO_PATHS in invariants.rs) and for workspaces.
auto_index() {
  case "$(basename "$1")" in
    *prd.md|*PRD.md) echo 1 ;; *tasks.md) echo 2 ;; *recovery.md) echo 3 ;;
    *analysis.md) echo 4 ;; *plan.md) echo 5 ;; *) echo 0 ;;
  esac
}
ws_index() {
  case "$(basename "$1")" in
    *prd.md|*PRD.md) echo 0 ;; *tasks.md) echo 1 ;; *recovery.md) echo 2 ;;
    *analysis.md) echo 3 ;; *plan.md) echo 4 ;; *) echo 5 ;;
  esac
}
byte() { printf "\\x$(printf %02x "$1")"; }

# The number of kinds (Kind::ALL in src/kind.rs; tests/regressions.rs checks this line).
KINDS=18
docs=()
while IFS= read -r -d '' f; do docs+=("$f"); done < <(
  find tests/fixtures ../shared/realdocs ../shared/seeds -type f -name '*.md' -print0 2>/dev/null | sort -z)

i=0
for f in "${docs[@]}"; do
  auto=$(( KINDS + $(auto_index "$f") ))
  forced=$(( i % KINDS ))
  for target in lint fix; do
    { byte "$auto"; cat "$f"; } | store "$out/$target"
    { byte "$forced"; cat "$f"; } | store "$out/$target"
  done
  i=$((i + 1))
done

# Workspaces: every spec folder of the fixtures, and each corpus folder (first 6 files).
ws_from() {
  local first=1
  {
    for f in "$@"; do
      [ $first = 1 ] || printf '\0'
      local sel
      sel=$(ws_index "$f")
      [ $first = 1 ] && sel=$((sel | 8))
      byte "$sel"
      tr -d '\000' < "$f"
      first=0
    done
  } | store "$out/workspace"
}
while IFS= read -r -d '' dir; do
  mapfile -d '' files < <(find "$dir" -type f -name '*.md' -print0 | sort -z)
  [ ${#files[@]} -gt 0 ] && ws_from "${files[@]:0:8}"
done < <(find tests/fixtures -type d -path '*/specs/*/*' -prune -print0 2>/dev/null | sort -z)
for dir in ../shared/realdocs/*/; do
  mapfile -d '' files < <(find "$dir" -type f -name '*.md' -print0 | sort -z)
  [ ${#files[@]} -gt 0 ] && ws_from "${files[@]:0:6}"
done

# Configurations: every .specmark.toml of the repository and the starter `specmark init` writes.
while IFS= read -r -d '' f; do store "$out/config" < "$f"; done < <(
  find . -name .specmark.toml -not -path './target/*' -not -path './fuzz/*' -print0)
# The team-template example with its template inline (`template-text`, as the npm package and
# the page take it) and a glob that matches the probe: the configuration target derives a
# schema from a template and runs its checks (schema_checks.rs).
{
  printf '[[profiles]]\nname = "design-note"\nextends = "generic-prd"\nmatch = ["**/*.md"]\n'
  printf 'template-text = """\n'
  sed 's/\\/\\\\/g; s/"""/\\"\\"\\"/g' examples/team-template/templates/design-note.md
  printf '"""\n'
} | store "$out/config"
if (cd "$tmp" && cargo run --quiet --manifest-path "$OLDPWD/Cargo.toml" -- init >/dev/null 2>&1); then
  store "$out/config" < "$tmp/.specmark.toml"
fi

for t in lint fix config workspace; do
  echo "fuzz corpus $t: $(find "$out/$t" -type f | wc -l) inputs"
done
