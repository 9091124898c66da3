//! Example stacks, one function per example. Each binary in `src/bin/` builds one of them in an
//! [`App`](cdktf::App) and synthesizes it; the tests synthesize the same functions in memory.

pub mod agent_token;
pub mod multi_stack;
pub mod reusable_construct;
pub mod workspace;
