//! What the user sees while stacks run: each stack's terraform output, line by line, prefixed
//! with the stack name; a progress line (on a terminal); questions for approval.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::error::{Error, Result};

/// Where output goes: the console (with a progress line on a terminal), or nowhere.
#[derive(Debug)]
pub struct Ui {
    bar: Option<ProgressBar>,
    width: AtomicUsize,
    /// One question at a time, and no output in the middle of it.
    prompt: Mutex<()>,
}

impl Default for Ui {
    fn default() -> Self {
        Self::console()
    }
}

impl Ui {
    /// Prints to stdout; the progress line goes to stderr when it is a terminal.
    pub fn console() -> Ui {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Ui {
            bar: Some(bar),
            width: AtomicUsize::new(0),
            prompt: Mutex::new(()),
        }
    }

    /// Prints nothing.
    pub fn quiet() -> Ui {
        Ui {
            bar: None,
            width: AtomicUsize::new(0),
            prompt: Mutex::new(()),
        }
    }

    /// Aligns the prefixes of the stacks `names`.
    pub(crate) fn begin(&self, names: &[&str]) {
        let w = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        self.width.store(w, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(names.len() as u64);
            bar.set_position(0);
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    fn print(&self, text: &str) {
        let Some(bar) = &self.bar else { return };
        let _guard = self.prompt.lock();
        bar.suspend(|| {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
        });
    }

    /// A line of a stack's output, prefixed with the stack name.
    pub fn line(&self, stack: &str, line: &str) {
        let w = self.width.load(Ordering::Relaxed);
        self.print(&format!("{stack:<w$} | {line}"));
    }

    /// Updates the progress line.
    pub(crate) fn progress(&self, running: &[&str], done: usize, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if running.is_empty() {
                bar.set_message(String::new());
            } else {
                bar.set_message(format!("running: {}", running.join(", ")));
            }
        }
    }

    /// Removes the progress line.
    pub(crate) fn end(&self) {
        if let Some(bar) = &self.bar {
            bar.disable_steady_tick();
            bar.finish_and_clear();
        }
    }

    /// Asks whether to apply the plan of `stack`. Without a terminal to ask on, that is an error
    /// (pass `--auto-approve`).
    pub(crate) fn approve(&self, stack: &str, what: &str) -> Result<bool> {
        let stdin = std::io::stdin();
        if self.bar.is_none() || !stdin.is_terminal() {
            return Err(Error::NeedsApproval(stack.to_string()));
        }
        let _guard = self.prompt.lock();
        let mut answer = String::new();
        let read = self.bar.as_ref().map(|bar| {
            bar.suspend(|| {
                print!("{stack}: {what}? Only 'yes' will be accepted: ");
                let _ = std::io::stdout().flush();
                stdin.lock().read_line(&mut answer)
            })
        });
        match read {
            Some(Ok(_)) => Ok(answer.trim() == "yes"),
            _ => Err(Error::NeedsApproval(stack.to_string())),
        }
    }
}
