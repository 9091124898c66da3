//! `moved` blocks: cdktf's `moveTo`, `addMoveTarget`, `moveToId` and `moveFromId`.
//!
//! A resource that moves away ([`Resource::move_to`], [`Resource::move_to_id`]) is not written
//! any more; a `moved` block takes its place, so that Terraform renames the object in the state
//! instead of destroying it. [`Resource::move_from_id`] keeps the resource and records where it
//! came from. As in cdktf, the moved resources are listed in `//.metadata.moved`.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::{Args, Resource, ResourceMode};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! let old = Resource::create(&stack, "old", "terraform_data", ResourceMode::Managed, Args::new());
//! let new = Resource::create(&stack, "new", "terraform_data", ResourceMode::Managed, Args::new());
//! new.add_move_target("the-new-one");
//! old.move_to("the-new-one", None);
//! let json = app.synth_stack("demo")?;
//! assert_eq!(json["moved"][0]["from"], "terraform_data.old");
//! assert_eq!(json["moved"][0]["to"], "terraform_data.new");
//! assert!(json["resource"]["terraform_data"].get("old").is_none());
//! # Ok::<(), cdktf::Error>(())
//! ```
//!
//! Unlike cdktf, `move_to(target, Some(MoveIndex::Number(0)))` writes the index `[0]` (cdktf
//! drops a zero index as if none had been given), and synthesis does not run `terraform version`.

use std::collections::BTreeMap;

use super::Refactor;
use crate::construct::Node;
use crate::element::ElementInfo;
use crate::error::Error;
use crate::render::SynthContext;
use crate::resource::{Resource, ResourceMode};

/// The instance of a resource that uses `count` (a number) or `for_each` (a key) to move to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveIndex {
    /// `[n]`.
    Number(u64),
    /// `["key"]`.
    Key(String),
}

impl From<u64> for MoveIndex {
    fn from(n: u64) -> Self {
        MoveIndex::Number(n)
    }
}

impl From<&str> for MoveIndex {
    fn from(key: &str) -> Self {
        MoveIndex::Key(key.to_string())
    }
}

/// A move to the resource registered under a target name.
#[derive(Clone, Debug)]
pub(crate) struct MoveByTarget {
    target: String,
    index: Option<MoveIndex>,
}

/// A move to or from an address given as text.
#[derive(Clone, Debug)]
pub(crate) struct MoveById {
    to: String,
    from: String,
}

/// The move targets of a stack: name to resource.
#[derive(Default)]
struct MoveTargets(BTreeMap<String, Node>);

impl Resource {
    /// Registers this resource as the move target `target` of its stack, for
    /// [`move_to`](Self::move_to) of another resource.
    pub fn add_move_target(&self, target: &str) {
        let Some(stack) = self.node().stack() else {
            return;
        };
        let existing = stack.with_ext(|t: &mut MoveTargets| {
            if let Some(other) = t.0.get(target) {
                return Some(other.path().to_string());
            }
            t.0.insert(target.to_string(), self.node().clone());
            None
        });
        if let Some(other) = existing {
            self.move_error(format!(
                "the move target {target:?} is already set on the resource at {other}"
            ));
        }
    }

    /// Moves this resource to the resource registered as `target` (with
    /// [`add_move_target`](Self::add_move_target)), or to one of its instances: this resource is
    /// no longer written, a `moved` block is.
    pub fn move_to(&self, target: &str, index: Option<MoveIndex>) {
        if self.mode() != ResourceMode::Managed {
            self.move_error("only managed resources can be moved".into());
            return;
        }
        let twice = self.node().with_ext(|r: &mut Refactor| {
            if let Some(previous) = &r.moved_by_target {
                return Some(previous.target.clone());
            }
            r.moved_by_target = Some(MoveByTarget {
                target: target.to_string(),
                index,
            });
            r.has_moved = true;
            None
        });
        if let Some(previous) = twice {
            self.move_error(format!(
                "already moved to the target {previous:?}, cannot also move to {target:?}"
            ));
        }
    }

    /// Moves this resource to the address `id` (such as `terraform_data.other` or
    /// `module.m.aws_s3_bucket.b`): this resource is no longer written, a `moved` block is.
    pub fn move_to_id(&self, id: &str) {
        let from = self.address();
        self.set_move_by_id(id.to_string(), from, true);
    }

    /// Records that this resource was at the address `id` before: a `moved` block from `id` to
    /// this resource, which stays.
    pub fn move_from_id(&self, id: &str) {
        let to = self.address();
        self.set_move_by_id(to, id.to_string(), false);
    }

    fn address(&self) -> String {
        format!("{}.{}", self.terraform_resource_type(), {
            use crate::element::TerraformElement;
            self.logical_id()
        })
    }

    fn set_move_by_id(&self, to: String, from: String, moves_away: bool) {
        if self.mode() != ResourceMode::Managed {
            self.move_error("only managed resources can be moved".into());
            return;
        }
        let twice = self.node().with_ext(|r: &mut Refactor| {
            if let Some(previous) = &r.moved_by_id {
                return Some(format!("from {} to {}", previous.from, previous.to));
            }
            r.moved_by_id = Some(MoveById { to, from });
            r.has_moved |= moves_away;
            None
        });
        if let Some(previous) = twice {
            self.move_error(format!(
                "already moved by address ({previous}); a resource takes one move"
            ));
        }
    }

    fn move_error(&self, message: String) {
        self.node().record_error(Error::InvalidMove {
            path: self.node().path().to_string(),
            message,
        });
    }
}

/// The `moved` block of a resource, if it moves; an unknown target, a target of another type, or
/// two kinds of move are reported.
pub(crate) fn block(
    cx: &mut SynthContext<'_>,
    el: &ElementInfo<'_>,
    tf_type: &str,
    moved: (Option<MoveByTarget>, Option<MoveById>),
) -> Option<serde_json::Value> {
    let error = |cx: &mut SynthContext<'_>, message: String| {
        cx.error(Error::InvalidMove {
            path: el.node.path().to_string(),
            message,
        });
    };
    let (to, from) = match moved {
        (None, None) => return None,
        (Some(t), Some(i)) => {
            error(
                cx,
                format!(
                    "moved both to the target {:?} and to or from the address {} / {}",
                    t.target, i.to, i.from
                ),
            );
            return None;
        }
        (None, Some(i)) => (i.to, i.from),
        (Some(t), None) => {
            let stack = el.node.stack()?;
            let Some(target) = stack
                .ext_ref(|m: &MoveTargets| m.0.get(&t.target).cloned())
                .flatten()
            else {
                error(
                    cx,
                    format!(
                        "no resource is registered as the move target {:?} (add_move_target)",
                        t.target
                    ),
                );
                return None;
            };
            let target_type = target.element().and_then(|e| {
                e.imp
                    .as_any()
                    .downcast_ref::<crate::resource::ResourceImpl>()
                    .map(|r| r.tf_type)
            });
            if target_type != Some(tf_type) {
                error(
                    cx,
                    format!(
                        "the move target {:?} is a {}, not a {tf_type}",
                        t.target,
                        target_type.unwrap_or("non-resource")
                    ),
                );
                return None;
            }
            let base = format!("{tf_type}.{}", crate::logical_id::of_element(&target));
            let to = match t.index {
                None => base,
                Some(MoveIndex::Number(n)) => format!("{base}[{n}]"),
                Some(MoveIndex::Key(k)) => format!("{base}[\"{k}\"]"),
            };
            (to, format!("{tf_type}.{}", el.logical_id))
        }
    };
    Some(serde_json::json!({ "from": from, "to": to }))
}
