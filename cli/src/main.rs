//! `cdktf`: a thin command line over the `cdktf_cli` library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context as _;
use cdktf_cli::{Manifest, Project, Report, RunOptions, RuntimeDependency, Status};
use clap::{Args, Parser, Subcommand};

/// The CDK for Terraform in Rust: create a project, generate provider bindings, synthesize, and
/// run terraform over the stacks in dependency order.
#[derive(Debug, Parser)]
#[command(name = "cdktf", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Creates a new project: a stack of `terraform_data`, a test, an empty provider list.
    Init {
        /// The project directory (created if missing; must be empty).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The package and stack name (default: from the directory name).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        runtime: RuntimeArgs,
    },
    /// Generates one bindings crate per provider of `terraformProviders`.
    Get {
        /// Regenerate every provider, even those `cdktf.lock.json` says are up to date.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        runtime: RuntimeArgs,
    },
    /// Runs the app and lists the stacks it wrote.
    Synth {
        #[command(flatten)]
        app: AppArgs,
    },
    /// Lists the stacks of the app and what they depend on.
    List {
        #[command(flatten)]
        app: AppArgs,
    },
    /// Plans the given stacks (all when none are given) and shows their changes.
    Diff {
        /// Stack names or globs (`'dev-*'`).
        stacks: Vec<String>,
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Deploys the given stacks, dependencies first.
    #[command(alias = "apply")]
    Deploy {
        /// Stack names or globs; required when the app has several stacks (`'*'` for all).
        stacks: Vec<String>,
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        outputs: OutputsArgs,
    },
    /// Destroys the given stacks, dependents first.
    Destroy {
        /// Stack names or globs; required when the app has several stacks (`'*'` for all).
        stacks: Vec<String>,
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Shows the outputs of the given stacks (all when none are given).
    #[command(alias = "outputs")]
    Output {
        /// Stack names or globs.
        stacks: Vec<String>,
        #[command(flatten)]
        app: AppArgs,
        #[command(flatten)]
        outputs: OutputsArgs,
    },
}

#[derive(Debug, Args)]
struct RuntimeArgs {
    /// Depend on the `cdktf` runtime at this path (a checkout's `cdktf/` directory) instead of
    /// the published runtime of this version.
    #[arg(long, value_name = "DIR", env = "CDKTF_RUNTIME_PATH")]
    runtime_path: Option<PathBuf>,
}

impl RuntimeArgs {
    fn dependency(&self) -> RuntimeDependency {
        self.runtime_path
            .as_ref()
            .map(RuntimeDependency::path)
            .unwrap_or_default()
    }
}

#[derive(Debug, Args)]
struct AppArgs {
    /// The command that synthesizes the app (default: `app` of cdktf.json, else `cargo run`).
    #[arg(short, long)]
    app: Option<String>,
    /// The output directory of synthesis (default: `output` of cdktf.json, else cdktf.out).
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Use the output directory as it is, without running the app.
    #[arg(long)]
    skip_synth: bool,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Apply or destroy without asking for approval.
    #[arg(long)]
    auto_approve: bool,
    /// How many stacks run at once (-1 or 0: no limit).
    #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
    parallelism: i64,
    /// Passed to terraform as `-parallelism=N`.
    #[arg(long, value_name = "N")]
    terraform_parallelism: Option<u32>,
    /// An input variable, `NAME=VALUE`, for the stacks that declare it (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// A variables file for every stack (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// Refresh-only planning mode: update the state to match the real objects.
    #[arg(long)]
    refresh_only: bool,
    /// Migrate the state when a stack's backend changed (`terraform init -migrate-state`).
    #[arg(long)]
    migrate_state: bool,
    /// Run the selected stacks even when stacks they depend on (or, on destroy, that depend on
    /// them) are not selected.
    #[arg(long)]
    ignore_missing_stack_dependencies: bool,
    /// No colours in terraform's output.
    #[arg(long)]
    no_color: bool,
}

impl RunArgs {
    fn options(&self) -> RunOptions {
        let mut o = RunOptions::new()
            .auto_approve(self.auto_approve)
            .parallelism(usize::try_from(self.parallelism).unwrap_or(0))
            .refresh_only(self.refresh_only)
            .migrate_state(self.migrate_state)
            .ignore_missing_stack_dependencies(self.ignore_missing_stack_dependencies)
            .no_color(self.no_color);
        if let Some(n) = self.terraform_parallelism {
            o = o.terraform_parallelism(n);
        }
        for v in &self.vars {
            o = o.var(v);
        }
        for f in &self.var_files {
            o = o.var_file(f);
        }
        o
    }
}

#[derive(Debug, Args)]
struct OutputsArgs {
    /// Writes the outputs, by stack and construct path, to this JSON file.
    #[arg(long, value_name = "FILE")]
    outputs_file: Option<PathBuf>,
    /// Includes sensitive outputs in the outputs file.
    #[arg(long)]
    outputs_file_include_sensitive_outputs: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli, interrupt_flag()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A flag the first Ctrl-C sets: no stack starts after it, and the running terraform processes
/// (which get the signal too) stop cleanly, releasing their locks. A second Ctrl-C exits.
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    let installed = ctrlc::set_handler(move || {
        if set.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("Interrupted: waiting for the running stacks to stop (Ctrl-C again to quit).");
    });
    if let Err(e) = installed {
        eprintln!("warning: Ctrl-C will not stop stacks cleanly: {e}");
    }
    flag
}

/// Runs a command; `Ok(false)` when a stack did not succeed.
fn run(cli: Cli, interrupted: Arc<AtomicBool>) -> anyhow::Result<bool> {
    let cwd = std::env::current_dir().context("reading the current directory")?;
    match cli.command {
        Command::Init { dir, name, runtime } => {
            let options = cdktf_cli::InitOptions {
                name,
                runtime: runtime.dependency(),
            };
            let name = cdktf_cli::init(&dir, &options)?;
            if dir == std::path::Path::new(".") {
                println!("Created {name}.");
                println!("Next: cdktf deploy --auto-approve");
            } else {
                println!("Created {name} in {}.", dir.display());
                println!("Next: cd {} && cdktf deploy --auto-approve", dir.display());
            }
            Ok(true)
        }
        Command::Get { force, runtime } => {
            let project = Project::load(&cwd)?;
            let options = cdktf_cli::GetOptions {
                force,
                runtime: runtime.dependency(),
                ..Default::default()
            };
            let report = cdktf_cli::get(&project, &options)?;
            if project.providers.is_empty() {
                println!("No terraformProviders in the project: nothing to get.");
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            for g in &report.generated {
                println!(
                    "Generated bindings for {} {} in {}.",
                    g.source, g.version, g.package
                );
                println!(
                    "  depend on it with the resources you use: {} = {{ path = {:?}, features = [...] }}",
                    g.name, g.package
                );
            }
            for source in &report.unchanged {
                println!("{source}: up to date.");
            }
            Ok(true)
        }
        Command::Synth { app } => {
            let manifest = synthesized(&cwd, &app)?;
            let names: Vec<&str> = manifest.stacks.iter().map(|s| s.name.as_str()).collect();
            println!(
                "Synthesized {} stack(s) into {}: {}",
                names.len(),
                manifest.outdir.display(),
                names.join(", ")
            );
            Ok(true)
        }
        Command::List { app } => {
            let manifest = synthesized(&cwd, &app)?;
            let w = manifest
                .stacks
                .iter()
                .map(|s| s.name.len())
                .max()
                .unwrap_or(0)
                .max(5);
            println!("{:<w$}  DEPENDS ON", "STACK");
            for s in &manifest.stacks {
                println!("{:<w$}  {}", s.name, s.dependencies.join(", "));
            }
            Ok(true)
        }
        Command::Diff { stacks, app, run } => {
            let manifest = synthesized(&cwd, &app)?;
            let report = manifest.diff(
                &stacks,
                &run.options().cancel_flag(Arc::clone(&interrupted)),
            )?;
            print!("{}", report.table());
            Ok(report.success())
        }
        Command::Deploy {
            stacks,
            app,
            run,
            outputs,
        } => {
            let manifest = synthesized(&cwd, &app)?;
            let report = manifest.deploy(
                &stacks,
                &run.options().cancel_flag(Arc::clone(&interrupted)),
            )?;
            show_outputs(&manifest, &report, &outputs)?;
            print!("{}", report.table());
            Ok(report.success())
        }
        Command::Destroy { stacks, app, run } => {
            let manifest = synthesized(&cwd, &app)?;
            let report = manifest.destroy(
                &stacks,
                &run.options().cancel_flag(Arc::clone(&interrupted)),
            )?;
            print!("{}", report.table());
            Ok(report.success())
        }
        Command::Output {
            stacks,
            app,
            outputs,
        } => {
            let manifest = synthesized(&cwd, &app)?;
            let report = manifest.output(&stacks, &RunOptions::new().quiet(true))?;
            show_outputs(&manifest, &report, &outputs)?;
            for s in report
                .stacks
                .iter()
                .filter(|s| s.status != Status::Succeeded)
            {
                eprintln!("{}: {}", s.name, s.error.as_deref().unwrap_or(&s.detail));
            }
            Ok(report.success())
        }
    }
}

/// The manifest: synthesized by running the app, or read as it is with `--skip-synth`.
fn synthesized(cwd: &std::path::Path, args: &AppArgs) -> anyhow::Result<Manifest> {
    let mut project = Project::load(cwd)?;
    if let Some(a) = &args.app {
        project.app = Some(a.clone());
    }
    if let Some(o) = &args.output {
        project.output = cwd.join(o);
    }
    let manifest = if args.skip_synth {
        Manifest::read(&project.output)?
    } else {
        cdktf_cli::synth(&project)?
    };
    for w in manifest.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(manifest)
}

/// Prints each stack's outputs and writes `--outputs-file`.
fn show_outputs(manifest: &Manifest, report: &Report, args: &OutputsArgs) -> anyhow::Result<()> {
    for s in &report.stacks {
        let (Some(outputs), Some(stack)) = (&s.outputs, manifest.stack(&s.name)) else {
            continue;
        };
        let lines = cdktf_cli::output_lines(stack, outputs)?;
        if !lines.is_empty() {
            println!("Outputs of {}:", s.name);
            for l in lines {
                println!("  {l}");
            }
        }
    }
    if let Some(file) = &args.outputs_file {
        let value =
            report.outputs_by_construct(manifest, args.outputs_file_include_sensitive_outputs)?;
        cdktf_cli::write_json(file, &value)?;
    }
    Ok(())
}
