// cdktf 0.21.0's own provider generator on a schema, for `CDKTF=1 benches/run.sh`:
//
//   node generate.js SCHEMA.json OUTDIR
//
// `generateProviderBindingsFromSchema(targetPath, schemaJSON, options?)` (lib/index.d.ts of
// @cdktf/provider-generator 0.21.0) runs its TerraformProviderGenerator over every provider of a
// `terraform providers schema -json` document and saves the TypeScript (codemaker). Without
// `options` it stops there: no jsii, no other language, which is what ours is compared with (it
// writes Rust only). run.sh gives each run a new OUTDIR and times the whole node process, module
// loading and the schema's read and parse included, as it does for `codegen generate`.
// (Loading @cdktf/commons also starts `terraform version -json` in the background, if terraform
// is on PATH; that is part of what cdktf costs, so it is left in.)
"use strict";
// cdktf's packages report errors to HashiCorp's checkpoint service unless this is set; the
// benchmark must not reach any host.
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
const fs = require("fs");
const { generateProviderBindingsFromSchema } = require("@cdktf/provider-generator");

const [schemaPath, outdir] = process.argv.slice(2);
if (!schemaPath || !outdir) {
  console.error("usage: node generate.js SCHEMA.json OUTDIR");
  process.exit(2);
}

(async () => {
  const start = process.hrtime.bigint();
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  fs.mkdirSync(outdir, { recursive: true });
  await generateProviderBindingsFromSchema(outdir, schema);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.error(`generate.js: ${schemaPath} -> ${outdir} in ${secs.toFixed(3)} s`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
