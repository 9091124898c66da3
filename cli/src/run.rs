//! `diff`, `deploy`, `destroy` and `output` over the selected stacks of a manifest.
//!
//! Order comes from the manifest's stack dependencies: dependencies first on deploy (and diff),
//! dependents first on destroy. Independent stacks run at the same time (up to
//! [`RunOptions::parallelism`]). A stack that fails stops the stacks waiting for it; the others
//! run to the end, and nothing is killed, so no state lock is left behind.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::manifest::{Manifest, Stack};
use crate::report::{summary_line, Report, StackResult, Status};
use crate::schedule::{self, Job};
use crate::terraform::{Finished, Terraform};
use crate::ui::Ui;

/// Options of a run, named after the `cdktf` command line's.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct RunOptions {
    auto_approve: bool,
    parallelism: usize,
    terraform_parallelism: Option<u32>,
    vars: Vec<String>,
    var_files: Vec<PathBuf>,
    refresh_only: bool,
    migrate_state: bool,
    ignore_missing_stack_dependencies: bool,
    no_color: bool,
    quiet: bool,
    terraform: Option<Terraform>,
    cancel: Option<Arc<AtomicBool>>,
}

impl RunOptions {
    /// Defaults: ask before applying, no limit on parallel stacks, terraform from
    /// `TERRAFORM_BINARY_NAME`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply (and destroy) without asking (`--auto-approve`).
    pub fn auto_approve(mut self, yes: bool) -> Self {
        self.auto_approve = yes;
        self
    }

    /// At most `n` stacks at once; 0 is no limit (`--parallelism`).
    pub fn parallelism(mut self, n: usize) -> Self {
        self.parallelism = n;
        self
    }

    /// Terraform's own `-parallelism=N` (`--terraform-parallelism`).
    pub fn terraform_parallelism(mut self, n: u32) -> Self {
        self.terraform_parallelism = Some(n);
        self
    }

    /// An input variable, `name=value` (`--var`), for the selected stacks that declare it
    /// (terraform rejects a value for an undeclared variable; a variable no selected stack
    /// declares is an error).
    pub fn var(mut self, assignment: impl Into<String>) -> Self {
        self.vars.push(assignment.into());
        self
    }

    /// A variables file for every stack (`--var-file`); a relative path is taken from the
    /// current directory.
    pub fn var_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.var_files.push(path.into());
        self
    }

    /// Refresh-only planning mode (`--refresh-only`).
    pub fn refresh_only(mut self, yes: bool) -> Self {
        self.refresh_only = yes;
        self
    }

    /// Migrate state when the backend changed (`--migrate-state`, `terraform init
    /// -migrate-state -force-copy`).
    pub fn migrate_state(mut self, yes: bool) -> Self {
        self.migrate_state = yes;
        self
    }

    /// Run the selected stacks even when a stack they depend on (deploy), or that depends on
    /// them (destroy), is not selected (`--ignore-missing-stack-dependencies`).
    pub fn ignore_missing_stack_dependencies(mut self, yes: bool) -> Self {
        self.ignore_missing_stack_dependencies = yes;
        self
    }

    /// No colours in terraform's output (`--no-color`).
    pub fn no_color(mut self, yes: bool) -> Self {
        self.no_color = yes;
        self
    }

    /// Print nothing (the report still has everything).
    pub fn quiet(mut self, yes: bool) -> Self {
        self.quiet = yes;
        self
    }

    /// A flag that, once set (by a Ctrl-C handler, say), stops stacks from starting; the
    /// running ones finish, so their state locks are released.
    pub fn cancel_flag(mut self, flag: Arc<AtomicBool>) -> Self {
        self.cancel = Some(flag);
        self
    }

    /// The terraform binary (default: [`Terraform::from_env`]).
    pub fn terraform(mut self, terraform: Terraform) -> Self {
        self.terraform = Some(terraform);
        self
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Diff,
    Deploy,
    Destroy,
    Output,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::Diff => "diff",
            Action::Deploy => "deploy",
            Action::Destroy => "destroy",
            Action::Output => "output",
        }
    }
}

impl Manifest {
    /// Plans the selected stacks (all of them when none are named) and reports which have
    /// changes. Stacks plan after the stacks they depend on, and a failed plan of a stack whose
    /// dependency has undeployed changes says so.
    pub fn diff<S: AsRef<str>>(&self, stacks: &[S], options: &RunOptions) -> Result<Report> {
        self.run(Action::Diff, stacks, options)
    }

    /// Deploys the selected stacks, dependencies first.
    pub fn deploy<S: AsRef<str>>(&self, stacks: &[S], options: &RunOptions) -> Result<Report> {
        self.run(Action::Deploy, stacks, options)
    }

    /// Destroys the selected stacks, dependents first.
    pub fn destroy<S: AsRef<str>>(&self, stacks: &[S], options: &RunOptions) -> Result<Report> {
        self.run(Action::Destroy, stacks, options)
    }

    /// Reads the outputs of the selected stacks (all of them when none are named).
    pub fn output<S: AsRef<str>>(&self, stacks: &[S], options: &RunOptions) -> Result<Report> {
        self.run(Action::Output, stacks, options)
    }

    fn run<S: AsRef<str>>(
        &self,
        action: Action,
        stacks: &[S],
        opts: &RunOptions,
    ) -> Result<Report> {
        let applies = matches!(action, Action::Deploy | Action::Destroy);
        // Asking needs a terminal: without one, fail before any stack runs.
        if applies && !opts.auto_approve && (opts.quiet || !std::io::stdin().is_terminal()) {
            return Err(Error::NeedsApproval(action.name().to_string()));
        }
        let all_by_default = !applies;
        let selected = self.select(stacks, all_by_default)?;
        let names: Vec<&str> = selected.iter().map(|s| s.name.as_str()).collect();
        let is_selected = |n: &str| names.contains(&n);
        // `--var` goes to the stacks that declare the variable.
        let declared: BTreeMap<&str, BTreeSet<String>> = selected
            .iter()
            .filter(|_| !opts.vars.is_empty())
            .map(|s| (s.name.as_str(), s.declared_variables()))
            .collect();
        for v in &opts.vars {
            let name = var_name(v);
            if !declared.values().any(|d| d.contains(name)) {
                return Err(Error::Selection(format!(
                    "--var {v}: no selected stack declares the variable {name:?}"
                )));
            }
        }
        let mut jobs = Vec::new();
        for s in &selected {
            let after: Vec<String> = match action {
                Action::Diff | Action::Deploy => s.dependencies.clone(),
                Action::Destroy => self
                    .stacks
                    .iter()
                    .filter(|o| o.dependencies.contains(&s.name))
                    .map(|o| o.name.clone())
                    .collect(),
                Action::Output => Vec::new(),
            };
            if applies && !opts.ignore_missing_stack_dependencies {
                if let Some(missing) = after.iter().find(|a| !is_selected(a)) {
                    let how = if action == Action::Deploy {
                        format!("stack {} depends on {missing}", s.name)
                    } else {
                        format!("stack {missing} depends on {}", s.name)
                    };
                    return Err(Error::Selection(format!(
                        "{how}, which is not selected: select it too, or pass \
                         --ignore-missing-stack-dependencies"
                    )));
                }
            }
            jobs.push(Job {
                name: s.name.clone(),
                after: after.into_iter().filter(|a| is_selected(a)).collect(),
            });
        }
        let ui = if opts.quiet {
            Ui::quiet()
        } else {
            Ui::console()
        };
        // Colour codes in a file or pipe are noise, and they span the prefixed lines.
        let opts = &RunOptions {
            no_color: opts.no_color || !std::io::stdout().is_terminal(),
            ..opts.clone()
        };
        ui.begin(&names);
        let terraform = opts.terraform.clone().unwrap_or_default();
        let limits = schedule::Limits {
            parallelism: opts.parallelism,
            stop_on_failure: action != Action::Diff,
            cancel: opts.cancel.as_deref(),
        };
        let (results, events) =
            schedule::run(&jobs, &limits, &ui, |name, prior| match self.stack(name) {
                Some(stack) => StackRun {
                    stack,
                    declared: declared.get(name).cloned().unwrap_or_default(),
                    opts,
                    ui: &ui,
                    terraform: &terraform,
                }
                .run(action, prior),
                None => StackResult::new(name, Status::Failed, "not in the manifest"),
            });
        ui.end();
        Ok(Report {
            action: action.name(),
            stacks: results,
            events,
        })
    }
}

/// One stack's terraform runs.
struct StackRun<'a> {
    stack: &'a Stack,
    declared: BTreeSet<String>,
    opts: &'a RunOptions,
    ui: &'a Ui,
    terraform: &'a Terraform,
}

impl StackRun<'_> {
    fn run(&self, action: Action, prior: &[StackResult]) -> StackResult {
        let name = self.stack.name.as_str();
        let result = self.init().and_then(|()| match action {
            Action::Diff => self.diff(prior),
            Action::Deploy => self.apply(false),
            Action::Destroy => self.apply(true),
            Action::Output => self.outputs().map(|outputs| {
                let mut r = StackResult::new(name, Status::Succeeded, "");
                r.outputs = Some(outputs);
                r
            }),
        });
        result.unwrap_or_else(|e| {
            let text = e.to_string();
            let mut r = StackResult::new(name, Status::Failed, &headline(&e));
            r.error = Some(text);
            r
        })
    }

    fn base(&self, args: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        if self.opts.no_color {
            v.push("-no-color".into());
        }
        v
    }

    /// `-var`, `-var-file`, `-parallelism`: what plan, apply and destroy share.
    fn variables(&self, args: &mut Vec<String>) {
        if let Some(n) = self.opts.terraform_parallelism {
            args.push(format!("-parallelism={n}"));
        }
        for v in self
            .opts
            .vars
            .iter()
            .filter(|v| self.declared.contains(var_name(v)))
        {
            args.push(format!("-var={v}"));
        }
        for f in &self.opts.var_files {
            let abs = std::path::absolute(f).unwrap_or_else(|_| f.clone());
            args.push(format!("-var-file={}", abs.display()));
        }
    }

    fn stream(&self, args: &[String]) -> Result<Finished> {
        let name = &self.stack.name;
        self.terraform
            .stream(&self.stack.dir, args, &mut |line| self.ui.line(name, line))
    }

    /// `terraform init`, quiet unless it fails.
    fn init(&self) -> Result<()> {
        let mut args = self.base(&["init", "-input=false"]);
        if self.opts.migrate_state {
            args.push("-migrate-state".into());
            args.push("-force-copy".into());
        }
        let finished = self.terraform.stream(&self.stack.dir, &args, &mut |_| {})?;
        if finished.code == Some(0) {
            return Ok(());
        }
        for line in &finished.lines {
            self.ui.line(&self.stack.name, line);
        }
        Err(self.failure("init", &finished))
    }

    fn failure(&self, what: &str, finished: &Finished) -> Error {
        // terraform's first `Error:` line leads, as the summary's one-line reason.
        let error_line = finished
            .lines
            .iter()
            .filter(|l| l.trim_start().starts_with("Error:"))
            // init's preamble to the errors of the configuration says nothing by itself.
            .find(|l| !l.contains("encountered problems during initialisation"))
            .map(|l| format!("{}\n", l.trim()))
            .unwrap_or_default();
        Error::Command {
            command: format!("{} {what}", self.terraform.program()),
            status: finished.code,
            detail: format!("{error_line}{}", finished.tail(20)),
        }
    }

    /// `terraform plan -detailed-exitcode`, with or without a plan file; `Some(changes)`.
    fn plan(&self, destroy: bool, out: Option<&str>) -> Result<(bool, Finished)> {
        let mut args = self.base(&["plan", "-input=false", "-detailed-exitcode"]);
        if destroy {
            args.push("-destroy".into());
        }
        if self.opts.refresh_only {
            args.push("-refresh-only".into());
        }
        if let Some(f) = out {
            args.push(format!("-out={f}"));
        }
        self.variables(&mut args);
        let finished = self.stream(&args)?;
        match finished.code {
            Some(0) => Ok((false, finished)),
            Some(2) => Ok((true, finished)),
            _ => Err(self.failure("plan", &finished)),
        }
    }

    fn diff(&self, prior: &[StackResult]) -> Result<StackResult> {
        let name = &self.stack.name;
        match self.plan(false, None) {
            Ok((changes, finished)) => {
                let mut r = StackResult::new(name, Status::Succeeded, &detail(&finished));
                r.changes = Some(changes);
                Ok(r)
            }
            Err(e) => {
                // A stack reading the outputs of a stack that is not deployed yet cannot plan:
                // say which one, rather than only terraform's remote-state error.
                let pending: Vec<&str> = prior
                    .iter()
                    .filter(|p| p.changes != Some(false) || p.status != Status::Succeeded)
                    .map(|p| p.name.as_str())
                    .collect();
                if pending.is_empty() {
                    return Err(e);
                }
                let text = e.to_string();
                let mut r = StackResult::new(
                    name,
                    Status::Failed,
                    &format!(
                        "{} (it depends on {}, which has changes not deployed yet)",
                        headline(&e),
                        pending.join(", ")
                    ),
                );
                r.error = Some(text);
                Ok(r)
            }
        }
    }

    /// Deploy (`destroy == false`) or destroy: `apply -auto-approve` / `destroy -auto-approve`,
    /// or a saved plan applied once approved.
    fn apply(&self, destroy: bool) -> Result<StackResult> {
        let name = &self.stack.name;
        let finished = if self.opts.auto_approve {
            let verb = if destroy { "destroy" } else { "apply" };
            let mut args = self.base(&[verb, "-auto-approve", "-input=false"]);
            if self.opts.refresh_only && !destroy {
                args.push("-refresh-only".into());
            }
            self.variables(&mut args);
            let f = self.stream(&args)?;
            if f.code != Some(0) {
                return Err(self.failure(verb, &f));
            }
            f
        } else {
            const PLAN: &str = "cdktf.tfplan";
            let plan_file = self.stack.dir.join(PLAN);
            let result = self.approved_apply(destroy, PLAN);
            let _ = std::fs::remove_file(&plan_file);
            match result? {
                Approval::Applied(f) => f,
                Approval::NoChanges(f) => {
                    let mut r = StackResult::new(name, Status::Succeeded, &detail(&f));
                    r.changes = Some(false);
                    if !destroy {
                        r.outputs = Some(self.outputs()?);
                    }
                    return Ok(r);
                }
                Approval::Dismissed => {
                    return Ok(StackResult::new(
                        name,
                        Status::Dismissed,
                        "plan not approved",
                    ))
                }
            }
        };
        let mut r = StackResult::new(name, Status::Succeeded, &detail(&finished));
        if !destroy {
            r.outputs = Some(self.outputs()?);
        }
        Ok(r)
    }

    fn approved_apply(&self, destroy: bool, plan_file: &str) -> Result<Approval> {
        let (changes, planned) = self.plan(destroy, Some(plan_file))?;
        if !changes {
            return Ok(Approval::NoChanges(planned));
        }
        let what = if destroy {
            "destroy these resources"
        } else {
            "apply this plan"
        };
        if !self.ui.approve(&self.stack.name, what)? {
            return Ok(Approval::Dismissed);
        }
        let args = self.base(&["apply", "-input=false", plan_file]);
        let f = self.stream(&args)?;
        if f.code != Some(0) {
            return Err(self.failure("apply", &f));
        }
        Ok(Approval::Applied(f))
    }

    /// `terraform output -json`.
    fn outputs(&self) -> Result<serde_json::Value> {
        let text = self
            .terraform
            .capture(&self.stack.dir, &["output".into(), "-json".into()])?;
        serde_json::from_str(&text).map_err(|e| Error::Command {
            command: format!("{} output -json", self.terraform.program()),
            status: Some(0),
            detail: format!("unexpected output: {e}"),
        })
    }
}

enum Approval {
    Applied(Finished),
    NoChanges(Finished),
    Dismissed,
}

fn detail(finished: &Finished) -> String {
    summary_line(&finished.lines).unwrap_or_default()
}

/// The variable name of a `--var NAME=VALUE`.
fn var_name(assignment: &str) -> &str {
    assignment.split('=').next().unwrap_or("").trim()
}

/// One line saying why a stack failed: terraform's `Error:` line when there is one.
fn headline(e: &Error) -> String {
    if let Error::Command { detail, .. } = e {
        if let Some(l) = detail.lines().next().filter(|l| l.starts_with("Error:")) {
            return l.to_string();
        }
    }
    e.to_string().lines().next().unwrap_or("").to_string()
}
