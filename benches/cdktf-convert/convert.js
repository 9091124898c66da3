// cdktf 0.21.0's own converter (@cdktf/hcl2cdk `convert`, TypeScript) on the `hcl` examples of
// the tfe 0.51.1 registry docs, to put its figures beside ours (convert/tests/roundtrip.rs):
//
//   node convert.js DOCS_DIR SCHEMA.json OUTDIR
//
// Writes OUTDIR/exNNN.ts (one converted example each, as the class `MyConvertedCode`),
// OUTDIR/.gen (cdktf's tfe bindings from the same schema), OUTDIR/main.ts (synthesizes every
// example into its own stack, each in a try block) and OUTDIR/tsconfig.json; prints how many
// converted and how long converting took. `check.sh` then compiles and runs them.
"use strict";
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
const fs = require("fs");
const path = require("path");
const { convert } = require("@cdktf/hcl2cdk");
const { generateProviderBindingsFromSchema } = require("@cdktf/provider-generator");

const [docs, schemaPath, outdir] = process.argv.slice(2);
if (!docs || !schemaPath || !outdir) {
  console.error("usage: node convert.js DOCS_DIR SCHEMA.json OUTDIR");
  process.exit(2);
}

function examples() {
  const out = [];
  for (const section of ["r", "d"]) {
    const dir = path.join(docs, section);
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".markdown")).sort()) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      const re = /```hcl\n([\s\S]*?)```/g;
      let m;
      let i = 0;
      while ((m = re.exec(text))) out.push({ page: `${section}/${f}`, index: i++, hcl: m[1] });
    }
  }
  return out;
}

(async () => {
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  fs.mkdirSync(outdir, { recursive: true });
  const all = examples();
  let converted = 0;
  const names = [];
  const start = process.hrtime.bigint();
  for (const [k, ex] of all.entries()) {
    const name = `ex${String(k).padStart(3, "0")}`;
    try {
      const res = await convert(ex.hcl, { language: "typescript", providerSchema: schema });
      // cdktf's output declares the class without exporting it; the export is the harness's.
      fs.writeFileSync(path.join(outdir, `${name}.ts`), `${res.all}\nexport { MyConvertedCode };\n`);
      names.push(name);
      converted++;
    } catch (e) {
      console.error(`${ex.page}#${ex.index}: does not convert: ${String(e).split("\n")[0]}`);
    }
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  await generateProviderBindingsFromSchema(path.join(outdir, ".gen"), schema);
  // Loaded one by one, so that one that fails to load (a missing provider) fails alone.
  const main = [
    'import { Testing } from "cdktf";',
    "declare const require: (m: string) => any;",
    "const out: Record<string, unknown> = {};",
    ...names.map(
      (n) =>
        `try { const m = require("./${n}"); const app = Testing.app(); new m.MyConvertedCode(app, "${n}"); out["${n}"] = JSON.parse(Testing.synth(app.node.children[0] as any)); } catch (e) { out["${n}"] = { error: String(e) }; }`
    ),
    "console.log(JSON.stringify(out));",
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
  console.log(`converted ${converted} of ${all.length} examples in ${secs.toFixed(3)} s`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
