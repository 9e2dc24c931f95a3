#!/usr/bin/env bash
# Refreshes data/public_suffix_list.dat, the Public Suffix List that build.rs compiles into the
# crate (see src/psl.rs).
#
# Source, in order of preference:
#   1. https://publicsuffix.org/list/public_suffix_list.dat (the official file, comments included);
#   2. the newest `psl` crate in the cargo registry (its data/rules.txt is the same list with the
#      comments and the ICANN/PRIVATE section markers stripped). A throwaway cargo project with
#      `psl = "2"` is fetched first so the registry holds the newest release.
#
# The result gets LF line endings and a header saying where and when it came from, and is only
# written if it looks like the list (at least MIN_RULES rules).
#
# Usage: scripts/update-psl.sh        (from anywhere; prints the source and the rule count)
set -euo pipefail

URL="https://publicsuffix.org/list/public_suffix_list.dat"
MIN_RULES=5000 # the list has had more than 5,000 rules since 2013; fewer means a broken download

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/data/public_suffix_list.dat"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Prints the path of rules.txt in the highest psl-X.Y.Z in the cargo registry, or nothing.
newest_registry_rules() {
    local cargo_home="${CARGO_HOME:-$HOME/.cargo}" f v
    for f in "$cargo_home"/registry/src/*/psl-[0-9]*/data/rules.txt; do
        [ -f "$f" ] || continue
        v="${f%/data/rules.txt}"
        printf '%s\t%s\n' "${v##*/psl-}" "$f"
    done | sort -V -k1,1 | tail -n 1 | cut -f 2
}

if curl -fsSL --max-time 60 "$URL" -o "$tmp/list"; then
    source="$URL"
    note=""
else
    echo "update-psl: could not download $URL; falling back to the psl crate" >&2
    mkdir -p "$tmp/fetch/src"
    : >"$tmp/fetch/src/lib.rs"
    printf '[package]\nname = "psl-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\npsl = "2"\n' \
        >"$tmp/fetch/Cargo.toml"
    # A failed fetch (offline) still leaves whatever psl the registry already has.
    (cd "$tmp/fetch" && cargo fetch --quiet) ||
        echo "update-psl: cargo fetch failed; using the newest psl already in the registry" >&2
    rules="$(newest_registry_rules)"
    if [ -z "$rules" ]; then
        echo "update-psl: no psl crate in the cargo registry either; nothing changed" >&2
        exit 1
    fi
    cp "$rules" "$tmp/list"
    version="${rules%/data/rules.txt}"
    version="${version##*/psl-}"
    source="data/rules.txt of the psl crate $version (crates.io)"
    note="// That file is the official list without its comments, so its ICANN and PRIVATE sections
// are not marked.
"
fi

{
    printf '// Public Suffix List for cookie-engine, compiled into the crate by build.rs.\n'
    printf '// Source: %s.\n%s' "$source" "$note"
    printf '// Retrieved: %s by scripts/update-psl.sh (run it again to refresh).\n' "$(date -u +%Y-%m-%d)"
    printf '// The list is licensed under the Mozilla Public License 2.0: https://mozilla.org/MPL/2.0/\n'
    printf '\n'
    # CRLF -> LF, and a final newline even when the source has none.
    tr -d '\r' <"$tmp/list" | awk 1
} >"$tmp/out"

# A rule is any line that is neither blank nor a // comment.
count="$(grep -cvE '^[[:space:]]*(//|$)' "$tmp/out" || true)"
if [ "$count" -lt "$MIN_RULES" ]; then
    echo "update-psl: only $count rules in the new list; keeping the old file" >&2
    exit 1
fi

mkdir -p "$(dirname "$out")"
mv "$tmp/out" "$out"
echo "update-psl: wrote $count rules to data/public_suffix_list.dat from $source"
