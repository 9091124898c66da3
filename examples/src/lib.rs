//! Example stacks, one function per example. Each binary in `src/bin/` builds one of them in an
//! [`App`](cdktf::App) and synthesizes it; the tests synthesize the same functions in memory.
//!
//! Required arguments are enforced by the compiler: they are the parameters of `XConfig::new`.
//! This compiles:
//!
//! ```
//! use cdktf::prelude::*;
//! use tfe::agent_token::{AgentToken, AgentTokenConfig};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "s");
//! AgentToken::new(&stack, "t", AgentTokenConfig::new("pool-id", "a description"));
//! ```
//!
//! and leaving out the required `description` does not:
//!
//! ```compile_fail,E0061
//! use cdktf::prelude::*;
//! use tfe::agent_token::{AgentToken, AgentTokenConfig};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "s");
//! AgentToken::new(&stack, "t", AgentTokenConfig::new("pool-id"));
//! ```
//!
//! Nor does passing a number reference where a string is expected:
//!
//! ```compile_fail,E0277
//! use cdktf::prelude::*;
//! use tfe::agent_token::{AgentToken, AgentTokenConfig};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "s");
//! let count: Value<f64> = Value::from(3);
//! AgentToken::new(&stack, "t", AgentTokenConfig::new("pool-id", count));
//! ```

pub mod agent_pool_policy;
pub mod agent_token;
pub mod multi_stack;
pub mod reusable_construct;
pub mod scale;
pub mod workspace;
