#!/usr/bin/env bash
# Whole-process figures for issue 5 (see BENCHMARKS.md): wall time and peak memory from
# /usr/bin/time, medians of several runs where a run is short.
#
#   benches/run.sh            every figure (the AWS `cargo check --all-features` takes minutes)
#   QUICK=1 benches/run.sh    all but the AWS `cargo check --all-features`
#   RUNS=5 benches/run.sh     runs per median (default 3)
#   CDKTF=1 benches/run.sh    also times cdktf 0.21.0's own generator and synth on the same
#                             inputs (needs node and npm; see benches/cdktf/) and prints the ratios
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

# median_raw LABEL: the median run (by time) of LABEL, as recorded: "seconds kB".
median_raw() {
  sort -n "$OUT/$1.runs" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

# median LABEL: the median run (by time) of LABEL, as "seconds MB".
median() {
  median_raw "$1" | awk '{printf "%.2f s, %d MB", $1, $2/1024}'
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

# fresh_dir NAME: a directory path under $OUT that does not exist yet. Runs that write a tree
# of files each get one, and the trees are deleted only at the end (`cleanup`): on ext4, creating
# files right after deleting a few thousand costs up to a second more of kernel time (the
# allocator avoids recently freed inodes), which would measure the deletion, not the run.
FRESH=0
fresh_dir() {
  FRESH=$((FRESH + 1))
  echo "$OUT/runs/$1-$$-$FRESH"
}
cleanup() { rm -rf "$OUT/runs"; }
trap cleanup EXIT

echo "== codegen generate, AWS 5.100.0 ($(du -h "$SCHEMA" | cut -f1)), into a new directory"
rm -rf "$OUT/aws"
for _ in $(seq "$RUNS"); do
  dest=$(fresh_dir aws)
  measure generate "$CODEGEN" generate --schema "$SCHEMA" --out "$dest" --runtime-path "$ROOT/cdktf"
done
mv "$dest" "$OUT/aws"
echo "  output: $(du -sh "$OUT/aws" | cut -f1), $(find "$OUT/aws" -name '*.rs' | wc -l) .rs files"
echo "== codegen generate again, nothing changed"
measure regenerate "$CODEGEN" generate --schema "$SCHEMA" --out "$OUT/aws" --runtime-path "$ROOT/cdktf"
grep -o '[0-9]* written, [0-9]* unchanged, [0-9]* removed' "$OUT/last.log" | sed 's/^/  /'
grep -q ' 0 written' "$OUT/last.log" || { echo "FAIL: regenerating wrote files"; exit 1; }

echo "== user crate (aws_s3_bucket, aws_iam_role, aws_lambda_function), debug"
USER_TARGET=$OUT/user-target
# user_clean LABEL [CARGO OPTION...]: RUNS clean debug builds of the user crate.
user_clean() {
  local label=$1; shift
  for _ in $(seq "$RUNS"); do
    rm -rf "$USER_TARGET"
    measure "$label" env CARGO_TARGET_DIR="$USER_TARGET" cargo build -q "$@" \
      --manifest-path benches/user-crate/Cargo.toml
  done
}
user_clean user-clean
MAIN=benches/user-crate/src/main.rs
cp "$MAIN" "$OUT/main.rs.orig"
for i in $(seq "$RUNS"); do
  sed -i "s/bucket_prefix(\"code-[0-9]*-*\")/bucket_prefix(\"code-$i-\")/" "$MAIN"
  measure user-rebuild env CARGO_TARGET_DIR="$USER_TARGET" cargo build -q --manifest-path benches/user-crate/Cargo.toml
done
cp "$OUT/main.rs.orig" "$MAIN"
# The runtime is a path dependency here, which cargo compiles incrementally (slower from
# clean); from crates.io it is not. `user-clean-registry` builds it as a registry dependency
# would be built, and `user-clean-init` also as `cdktf init` sets projects up (dependencies
# without debug info).
REGISTRY='profile.dev.package.cdktf.incremental=false'
user_clean user-clean-registry --config "$REGISTRY"
user_clean user-clean-init --config "$REGISTRY" --config 'profile.dev.package."*".debug=false'

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
for l in generate regenerate user-clean user-clean-registry user-clean-init user-rebuild synth \
  check-all; do
  [ -f "$OUT/$l.runs" ] && printf '  %-20s %s  (%d runs)\n' "$l" "$(median "$l")" "$(wc -l <"$OUT/$l.runs")"
done

# cdktf 0.21.0 side by side (opt in: CDKTF=1). Its own generator on the same AWS schema and its
# synth of the same 10,000-token stack, whole node processes under the same measure/median as
# ours, then both medians and the ratios. It comes last so that it can read the `generate` and
# `synth` runs above, and because it needs node, npm and the npm registry, which the Rust
# figures do not.
cdktf_side_by_side() {
  local src=$ROOT/benches/cdktf dir=$OUT/cdktf-node
  # The schema bindings/tfe is generated from (the agent pool and token are the same in
  # ../shared/schemas/tfe.json, the whole provider).
  local tfe_schema=${TFE_SCHEMA:-$ROOT/schema/tfe.json}
  echo
  echo "== cdktf 0.21.0 side by side"
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "SKIP: cdktf side by side: node or npm not found"; return 0
  fi
  [ -f "$tfe_schema" ] || { echo "SKIP: cdktf side by side: $tfe_schema not found"; return 0; }
  # Installed under target/, never in the source tree: the scripts are copied next to their
  # node_modules so that require() finds the pinned packages. `npm ci` installs exactly
  # package-lock.json; it is skipped when that lock is what the last good install installed.
  mkdir -p "$dir"
  cp "$src"/package.json "$src"/package-lock.json "$src"/tsconfig.json "$src"/*.js "$dir"/
  if ! cmp -s "$src/package-lock.json" "$dir/node_modules/.bench-installed-lock" 2>/dev/null; then
    echo "  npm ci in $dir"
    if ! (cd "$dir" && npm ci --no-audit --no-fund) >"$OUT/npm.log" 2>&1; then
      echo "SKIP: cdktf side by side: npm ci failed (log: $OUT/npm.log)"; tail -5 "$OUT/npm.log"
      return 0
    fi
    cp "$src/package-lock.json" "$dir/node_modules/.bench-installed-lock"
  fi
  # Keeps cdktf's packages from reporting to HashiCorp's checkpoint service (the scripts set it
  # too): the benchmark reaches no host.
  export CHECKPOINT_DISABLE=1
  local ver pkgs=""
  for p in @cdktf/provider-generator cdktf constructs typescript; do
    ver=$(node -p "require('$dir/node_modules/$p/package.json').version")
    pkgs="$pkgs $p@$ver"
  done
  echo "  node $(node --version);$pkgs"

  # synth.js uses the tfe bindings that cdktf's generator makes from that schema, compiled with
  # the pinned typescript (not timed: a cdktf user compiles them once, as ours are built once).
  rm -rf "$dir/tfe"
  (cd "$dir" && node generate.js "$tfe_schema" tfe && node node_modules/typescript/bin/tsc -p tsconfig.json) \
    >"$OUT/last.log" 2>&1 || { echo "FAIL: cdktf tfe bindings"; tail -20 "$OUT/last.log"; exit 1; }

  echo "== cdktf generator (generateProviderBindingsFromSchema, TypeScript only), AWS 5.100.0, into an empty directory"
  local dest
  for _ in $(seq "$RUNS"); do
    dest=$(fresh_dir cdktf-aws)
    measure cdktf-generate node "$dir/generate.js" "$SCHEMA" "$dest"
  done
  echo "  output: $(du -sh "$dest" | cut -f1), $(find "$dest" -name '*.ts' | wc -l) .ts files"
  echo "== cdktf synth, 10,000 tfe_agent_token (generated tfe bindings)"
  for _ in $(seq $((RUNS + 2))); do
    rm -rf "$OUT/cdktf-synth"
    measure cdktf-synth env CDKTF_OUTDIR="$OUT/cdktf-synth" node "$dir/synth.js" 10000
  done

  echo
  echo "== medians, side by side (ratio: cdktf / ours)"
  printf '  %-14s %-18s %-18s %s\n' "" "ours" "cdktf 0.21.0" "time, memory"
  local ours theirs
  for l in generate synth; do
    [ -f "$OUT/$l.runs" ] || { echo "  $l: no Rust runs to compare with"; continue; }
    ours=$(median_raw "$l"); theirs=$(median_raw "cdktf-$l")
    printf '  %-14s %-18s %-18s %s\n' "$l" "$(median "$l")" "$(median "cdktf-$l")" \
      "$(echo "$ours $theirs" | awk '$1 > 0 && $2 > 0 {printf "%.1fx, %.1fx", $3 / $1, $4 / $2}')"
  done
}
# Called from an `if` body, not an `a || b` list, so that `set -e` still holds inside it.
if [ -n "${CDKTF:-}" ]; then
  cdktf_side_by_side
fi
true
