// cdktf 0.21.0's side of the synthesis benchmark, for `CDKTF=1 benches/run.sh`:
//
//   CDKTF_OUTDIR=DIR node synth.js [N]
//
// The same stack as `examples/src/scale.rs` (run by `examples/src/bin/synth_scale.rs`): the
// stack `scale` with a tfe provider, one agent pool `pool` (name "pool", organization
// "my-org-name", a literal as on the Rust side: there is no organization resource there either)
// and N (default 10,000) agent tokens `token-<i>` whose agent_pool_id is the pool's id (a
// reference, `${tfe_agent_pool.pool.id}`) and description "token <i>". Then `app.synth()` writes
// cdk.tf.json and manifest.json into CDKTF_OUTDIR (cdktf's App reads it, like ours).
//
// The classes are the tfe bindings that cdktf's own generator makes from schema/tfe.json, the
// schema of bindings/tfe (run.sh runs generate.js on it and compiles the TypeScript with the
// pinned typescript into ./tfe next to this file), not bare TerraformResource, so that
// construction goes through the same generated code as a cdktf user's. run.sh times the whole
// node process, module loading and construction included, as it does for synth_scale.
"use strict";
// cdktf's packages report errors to HashiCorp's checkpoint service unless this is set; the
// benchmark must not reach any host.
process.env.CHECKPOINT_DISABLE = process.env.CHECKPOINT_DISABLE || "1";
const path = require("path");
const { App, TerraformStack } = require("cdktf");

const bindings = path.join(__dirname, "tfe", "providers", "tfe");
const { TfeProvider } = require(path.join(bindings, "provider"));
const { AgentPool } = require(path.join(bindings, "agent-pool"));
const { AgentToken } = require(path.join(bindings, "agent-token"));

const n = Number.parseInt(process.argv[2] || "10000", 10);
if (!Number.isInteger(n) || n < 0) {
  console.error("usage: CDKTF_OUTDIR=DIR node synth.js [N]");
  process.exit(2);
}

const start = process.hrtime.bigint();
const app = new App();
const stack = new TerraformStack(app, "scale");
new TfeProvider(stack, "tfe", {});
const pool = new AgentPool(stack, "pool", { name: "pool", organization: "my-org-name" });
for (let i = 0; i < n; i++) {
  new AgentToken(stack, `token-${i}`, { agentPoolId: pool.id, description: `token ${i}` });
}
app.synth();
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.error(`synth.js: ${n} resources built and synthesized in ${secs.toFixed(3)} s`);
