#!/usr/bin/env bash
# cdktf 0.21.0's convert on the 103 hcl examples of the tfe 0.51.1 docs, for the figures beside
# ours in the README: installs @cdktf/hcl2cdk under target/bench/cdktf-convert (never here),
# converts (timed), generates cdktf's tfe bindings, compiles with tsc, synthesizes each example,
# then compares with the HCL through convert's own round-trip comparison.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
work=$root/target/bench/cdktf-convert
mkdir -p "$work"
cp "$root"/benches/cdktf-convert/{package.json,package-lock.json,convert.js} "$work/"
cd "$work"
[ -d node_modules/@cdktf/hcl2cdk ] || npm ci --no-audit --no-fund
rm -rf out
node convert.js "$shared/docs/tfe-0.51.1" "$shared/schemas/tfe.json" out 2>convert.err
cd out
../node_modules/.bin/tsc -p . >tsc.log 2>&1 || true
node js/main.js >synth.json 2>synth.err || true
cd "$root"
CDKTF_CONVERT_OUT="$work/out" cargo test -q -p convert --test roundtrip cdktf_side_by_side -- --ignored --nocapture | grep -E "^cdktf convert:"
