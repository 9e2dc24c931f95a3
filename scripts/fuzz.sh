#!/usr/bin/env bash
# `npm run fuzz -- --seconds N [target...]`: builds the fuzz targets of fuzz/ (cargo-fuzz,
# libFuzzer, AddressSanitizer; stable Rust with RUSTC_BOOTSTRAP=1 for the -Z flags cargo-fuzz
# passes), seeds their corpora from the test vectors (scripts/fuzz-seeds.mjs), and runs each
# target for N seconds (default 600) in turn. The corpora grow in target/fuzz/corpus/ from run to
# run; a crash, timeout or out-of-memory input is written to fuzz/artifacts/<target>/ and fails
# the run. Prints each target's executions and coverage at the end. `npm test` runs it with
# `--seconds 4`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1

seconds=600
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)

work=target/fuzz
rm -rf "$work/seeds"
node scripts/fuzz-seeds.mjs "$work/seeds"
cargo fuzz build -O --fuzz-dir fuzz >"$work-build.log" 2>&1 || { cat "$work-build.log"; exit 1; }

summary=()
status=0
for target in "${targets[@]}"; do
  mkdir -p "$work/corpus/$target" "fuzz/artifacts/$target"
  log="$work/$target.log"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: 2 GB is an out-of-memory.
  if ! cargo fuzz run -O --fuzz-dir fuzz "$target" "$work/corpus/$target" "$work/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$target/" >"$log" 2>&1; then
    status=1
    echo "fuzz: $target FAILED (log: $log)"
    grep -m 20 -E 'ERROR|panicked|SUMMARY|Test unit written' "$log" || tail -20 "$log"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  summary+=("$(printf '%-22s %12s executions  %s' "$target" "${runs:-?}" "${cov:-}")")
done
echo "fuzz: $seconds s per target"
printf '%s\n' "${summary[@]}"
exit $status
