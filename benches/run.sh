#!/usr/bin/env bash
# Whole-process figures for issue 5 (see BENCHMARKS.md): wall time and peak memory from
# /usr/bin/time, medians of several runs where a run is short.
#
#   benches/run.sh            every figure (the AWS `cargo check --all-features` takes minutes)
#   QUICK=1 benches/run.sh    all but the AWS `cargo check --all-features`
#   RUNS=5 benches/run.sh     runs per median (default 3)
#
# The in-process phase breakdown is `cargo bench -p codegen` (generation) and
# `cargo bench -p integration-tests` (synthesis).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCHEMA=${SCHEMA:-$ROOT/../shared/schemas/aws-5.100.0.json}
RUNS=${RUNS:-3}
OUT=$ROOT/target/bench
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
TIME=/usr/bin/time
mkdir -p "$OUT"

[ -x "$TIME" ] || { echo "SKIP: $TIME not found (GNU time; apt-get install time)"; exit 0; }
[ -f "$SCHEMA" ] || { echo "SKIP: $SCHEMA not found"; exit 0; }

# measure LABEL CMD...: runs CMD once under /usr/bin/time; prints and records "seconds kB".
measure() {
  local label=$1; shift
  "$TIME" -f "%e %M" -o "$OUT/time.txt" "$@" >"$OUT/last.log" 2>&1 || {
    echo "FAIL: $label: $*"; tail -20 "$OUT/last.log"; exit 1; }
  read -r secs kb <"$OUT/time.txt"
  echo "$secs $kb" >>"$OUT/$label.runs"
  printf '  %-28s %7.2f s %8d MB\n' "$label" "$secs" $((kb / 1024))
}

# median LABEL: the median run (by time) of LABEL, as "seconds MB".
median() {
  sort -n "$OUT/$1.runs" | awk '{a[NR]=$0} END {split(a[int((NR+1)/2)], m, " "); printf "%.2f s, %d MB", m[1], m[2]/1024}'
}

echo "== machine"
echo "nproc: $(nproc)"
free -g | head -2
grep -m1 'model name' /proc/cpuinfo || true
rustc --version
rm -f "$OUT"/*.runs

echo "== build (release): codegen, examples"
cargo build --release -q -p codegen -p examples
CODEGEN=$CARGO_TARGET_DIR/release/codegen

echo "== codegen generate, AWS 5.100.0 ($(du -h "$SCHEMA" | cut -f1)), into an empty directory"
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/aws"
  measure generate "$CODEGEN" generate --schema "$SCHEMA" --out "$OUT/aws" --runtime-path "$ROOT/cdktf"
done
echo "  output: $(du -sh "$OUT/aws" | cut -f1), $(find "$OUT/aws" -name '*.rs' | wc -l) .rs files"
echo "== codegen generate again, nothing changed"
measure regenerate "$CODEGEN" generate --schema "$SCHEMA" --out "$OUT/aws" --runtime-path "$ROOT/cdktf"
grep -o '[0-9]* written, [0-9]* unchanged, [0-9]* removed' "$OUT/last.log" | sed 's/^/  /'
grep -q ' 0 written' "$OUT/last.log" || { echo "FAIL: regenerating wrote files"; exit 1; }

echo "== user crate (aws_s3_bucket, aws_iam_role, aws_lambda_function), debug"
USER_TARGET=$OUT/user-target
for _ in $(seq "$RUNS"); do
  rm -rf "$USER_TARGET"
  measure user-clean env CARGO_TARGET_DIR="$USER_TARGET" cargo build -q --manifest-path benches/user-crate/Cargo.toml
done
MAIN=benches/user-crate/src/main.rs
cp "$MAIN" "$OUT/main.rs.orig"
for i in $(seq "$RUNS"); do
  sed -i "s/bucket_prefix(\"code-[0-9]*-*\")/bucket_prefix(\"code-$i-\")/" "$MAIN"
  measure user-rebuild env CARGO_TARGET_DIR="$USER_TARGET" cargo build -q --manifest-path benches/user-crate/Cargo.toml
done
cp "$OUT/main.rs.orig" "$MAIN"

echo "== synthesize 10,000 tfe_agent_token (generated tfe bindings), release"
for _ in $(seq $((RUNS + 2))); do
  rm -rf "$OUT/synth"
  measure synth env CDKTF_OUTDIR="$OUT/synth" "$CARGO_TARGET_DIR/release/synth_scale" 10000
done

if [ -z "${QUICK:-}" ]; then
  echo "== cargo check --all-features of the generated AWS package (clean target)"
  rm -rf "$OUT/aws-target"
  measure check-all env CARGO_TARGET_DIR="$OUT/aws-target" cargo check -q --all-features --manifest-path "$OUT/aws/Cargo.toml"
fi

echo
echo "== medians"
for l in generate regenerate user-clean user-rebuild synth check-all; do
  [ -f "$OUT/$l.runs" ] && printf '  %-14s %s  (%d runs)\n' "$l" "$(median "$l")" "$(wc -l <"$OUT/$l.runs")"
done
true
