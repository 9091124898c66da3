// cdktf 0.21.0's own converter (@cdktf/hcl2cdk `convert`, TypeScript) on the four aws modules of
// ../shared/modules, beside convert/tests/modules.rs:
//
//   node modules.js MODULES_DIR AWS_SCHEMA.json OUTDIR
//
// Converts each module (its top-level .tf files, in name order, as one configuration) into
// OUTDIR/NAME.ts, generates cdktf's aws bindings for only the resource and data source types the
// modules use (the whole of aws takes cdktf many minutes), and writes OUTDIR/main.ts, which
// synthesizes each module into OUTDIR/synth/NAME/cdk.tf.json, and OUTDIR/tsconfig.json.
// `modules.sh` then compiles, runs and validates them.
"use strict";
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
const fs = require("fs");
const path = require("path");
const { convert } = require("@cdktf/hcl2cdk");
const { generateProviderBindingsFromSchema } = require("@cdktf/provider-generator");

const [modulesDir, schemaPath, outdir] = process.argv.slice(2);
if (!modulesDir || !schemaPath || !outdir) {
  console.error("usage: node modules.js MODULES_DIR AWS_SCHEMA.json OUTDIR");
  process.exit(2);
}
const MODULES = ["alb", "dynamodb-table", "ec2-instance", "kms"];

(async () => {
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  fs.mkdirSync(outdir, { recursive: true });
  const used = { resource: new Set(), data: new Set() };
  const names = [];
  for (const name of MODULES) {
    const dir = path.join(modulesDir, name);
    const hcl = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".tf"))
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    for (const m of hcl.matchAll(/^(resource|data)\s+"([^"]+)"/gm)) used[m[1]].add(m[2]);
    const start = process.hrtime.bigint();
    try {
      const res = await convert(hcl, { language: "typescript", providerSchema: schema });
      const secs = Number(process.hrtime.bigint() - start) / 1e9;
      const file = name.replace(/-/g, "_");
      fs.writeFileSync(path.join(outdir, `${file}.ts`), `${res.all}\nexport { MyConvertedCode };\n`);
      names.push([name, file]);
      console.log(`${name}: converted in ${secs.toFixed(3)} s`);
    } catch (e) {
      console.log(`${name}: does not convert: ${String(e).split("\n")[0]}`);
    }
  }
  // The bindings of the used types only.
  for (const p of Object.values(schema.provider_schemas)) {
    for (const [key, kind] of [["resource_schemas", "resource"], ["data_source_schemas", "data"]]) {
      p[key] = Object.fromEntries(Object.entries(p[key] || {}).filter(([t]) => used[kind].has(t)));
    }
    p.ephemeral_resource_schemas = {};
  }
  await generateProviderBindingsFromSchema(path.join(outdir, ".gen"), schema);
  const main = [
    'import { App } from "cdktf";',
    "declare const require: (m: string) => any;",
    ...names.map(
      ([n, f]) =>
        `try { const m = require("./${f}"); const app = new App({ outdir: "synth/${n}" }); new m.MyConvertedCode(app, "${n}"); app.synth(); console.log("${n}: synthesized"); } catch (e) { console.log("${n}: does not synthesize: " + String(e).split("\\n")[0]); }`
    ),
  ].join("\n");
  fs.writeFileSync(path.join(outdir, "main.ts"), main);
  fs.writeFileSync(
    path.join(outdir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2020", module: "commonjs", strict: true, esModuleInterop: true,
        skipLibCheck: true, experimentalDecorators: true, noEmitOnError: false, outDir: "js",
      },
      include: ["*.ts", ".gen/**/*.ts"],
    })
  );
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
