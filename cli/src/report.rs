//! What a run did: one result per stack, the order things happened in, and the summary table.

/// How a stack's run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Terraform succeeded.
    Succeeded,
    /// Terraform failed (or could not run).
    Failed,
    /// Not run: a stack it waits for did not succeed.
    Skipped,
    /// The plan was not approved.
    Dismissed,
}

impl Status {
    fn text(self) -> &'static str {
        match self {
            Status::Succeeded => "ok",
            Status::Failed => "FAILED",
            Status::Skipped => "skipped",
            Status::Dismissed => "dismissed",
        }
    }
}

/// The result of one stack.
#[derive(Clone, Debug)]
pub struct StackResult {
    /// The stack name.
    pub name: String,
    /// How it ended.
    pub status: Status,
    /// One line for the summary: terraform's own summary line, or why it failed or was skipped.
    pub detail: String,
    /// For a plan (`diff`, or `deploy`/`destroy` before approval): whether it has changes.
    pub changes: Option<bool>,
    /// The stack's outputs as `terraform output -json` reports them (after `deploy` and
    /// `output`).
    pub outputs: Option<serde_json::Value>,
    /// The full error text of a failure (the end of terraform's output).
    pub error: Option<String>,
}

impl StackResult {
    pub(crate) fn new(name: &str, status: Status, detail: &str) -> Self {
        StackResult {
            name: name.to_string(),
            status,
            detail: detail.to_string(),
            changes: None,
            outputs: None,
            error: None,
        }
    }
}

/// Something the scheduler did, in order: what ran before what, and what ran at the same time
/// (a stack started before another finished).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Terraform started in the stack.
    Started(String),
    /// The stack finished (succeeded or failed).
    Finished(String),
    /// The stack was skipped because a prerequisite did not succeed.
    Skipped(String),
}

/// The result of `diff`, `deploy`, `destroy` or `output` over the selected stacks.
#[derive(Clone, Debug)]
pub struct Report {
    /// What ran: `diff`, `deploy`, `destroy` or `output`.
    pub action: &'static str,
    /// One result per selected stack, in manifest order.
    pub stacks: Vec<StackResult>,
    /// Starts and finishes, in the order they happened.
    pub events: Vec<Event>,
}

impl Report {
    /// Whether every stack succeeded.
    pub fn success(&self) -> bool {
        self.stacks.iter().all(|s| s.status == Status::Succeeded)
    }

    /// The result of the stack `name`.
    pub fn stack(&self, name: &str) -> Option<&StackResult> {
        self.stacks.iter().find(|s| s.name == name)
    }

    /// The position of `event` in [`Report::events`].
    pub fn position(&self, event: &Event) -> Option<usize> {
        self.events.iter().position(|e| e == event)
    }

    /// The summary table: one row per stack.
    pub fn table(&self) -> String {
        let rows: Vec<[String; 3]> = self
            .stacks
            .iter()
            .map(|s| {
                [
                    s.name.clone(),
                    s.status.text().to_string(),
                    s.detail.clone(),
                ]
            })
            .collect();
        let header = [
            "STACK".to_string(),
            self.action.to_uppercase(),
            "DETAIL".to_string(),
        ];
        let mut widths = [0usize; 3];
        for row in std::iter::once(&header).chain(&rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&header).chain(&rows) {
            let line = format!(
                "{:<w0$}  {:<w1$}  {}",
                row[0],
                row[1],
                row[2],
                w0 = widths[0],
                w1 = widths[1]
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The outputs of every stack that reported them, keyed as cdktf's `--outputs-file` is: stack
    /// name, then the construct path of each output (from the stack's `//.outputs` metadata).
    /// Sensitive outputs are left out unless `include_sensitive`.
    pub fn outputs_by_construct(
        &self,
        manifest: &crate::Manifest,
        include_sensitive: bool,
    ) -> crate::Result<serde_json::Value> {
        let mut all = serde_json::Map::new();
        for s in &self.stacks {
            let (Some(outputs), Some(stack)) = (&s.outputs, manifest.stack(&s.name)) else {
                continue;
            };
            let mapped = crate::outputs::by_construct(stack, outputs, include_sensitive)?;
            for (k, v) in mapped {
                all.insert(k, v);
            }
        }
        Ok(serde_json::Value::Object(all))
    }
}

/// Terraform's summary line of a run (`Apply complete! Resources: ...`, `Plan: ...`,
/// `No changes. ...`), if it printed one.
pub(crate) fn summary_line(lines: &[String]) -> Option<String> {
    const STARTS: [&str; 5] = [
        "Apply complete!",
        "Destroy complete!",
        "Plan:",
        "No changes.",
        "Changes to Outputs:",
    ];
    lines
        .iter()
        .rev()
        .find(|l| STARTS.iter().any(|s| l.trim_start().starts_with(s)))
        .map(|l| l.trim().to_string())
}
