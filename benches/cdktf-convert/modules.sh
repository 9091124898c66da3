#!/usr/bin/env bash
# cdktf 0.21.0's convert on the four aws modules of ../shared/modules, for the figures beside
# ours in the README (convert/tests/modules.rs): installs @cdktf/hcl2cdk under
# target/bench/cdktf-convert (never here), converts each module (timed), compiles with tsc
# (errors per module), synthesizes, and runs `terraform validate` with the aws plugin
# ($CDKTF_TF_PLUGIN_DIR, else /opt/tf-plugins) on what it synthesized.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
plugins=${CDKTF_TF_PLUGIN_DIR:-/opt/tf-plugins}
work=$root/target/bench/cdktf-convert
mkdir -p "$work"
cp "$root"/benches/cdktf-convert/{package.json,package-lock.json,modules.js} "$work/"
cd "$work"
[ -d node_modules/@cdktf/hcl2cdk ] || npm ci --no-audit --no-fund
rm -rf modules
node modules.js "$shared/modules" "$shared/schemas/aws-5.100.0.json" modules 2>modules.err
cd modules
../node_modules/.bin/tsc -p . >tsc.log 2>&1 || true
for f in *.ts; do
  [ "$f" = main.ts ] && continue
  echo "${f%.ts}: $(grep -c "^$f(" tsc.log || true) TypeScript errors"
done
mkdir -p synth
node js/main.js 2>synth.err || true
for dir in synth/*/stacks/*; do
  [ -f "$dir/cdk.tf.json" ] || continue
  (
    cd "$dir"
    terraform init -input=false -no-color -backend=false -plugin-dir="$plugins" >init.log 2>&1 || true
    if terraform validate -no-color >validate.log 2>&1; then
      echo "$(basename "$dir"): terraform validate: valid"
    else
      echo "$(basename "$dir"): terraform validate: $(grep -c '^Error' validate.log) errors"
    fi
  )
done
