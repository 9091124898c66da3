//! Running one job per stack in dependency order, independent stacks in parallel.
//!
//! A stack starts once every stack it waits for has finished; with `stop_on_failure`, a stack
//! whose prerequisite did not succeed is skipped (and so are its own dependents), while the
//! unrelated stacks carry on. Jobs that are running are never interrupted: terraform releases
//! its state lock itself, so a failure elsewhere leaves no lock behind.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use crate::report::{Event, StackResult, Status};
use crate::ui::Ui;

/// One stack to run and the stacks (of the same run) it waits for.
pub(crate) struct Job {
    pub(crate) name: String,
    pub(crate) after: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Pending,
    Running,
    Done,
}

/// How the scheduler runs the jobs.
pub(crate) struct Limits<'a> {
    /// At most this many jobs at once (0: no limit).
    pub(crate) parallelism: usize,
    /// Skip the jobs waiting for one that did not succeed.
    pub(crate) stop_on_failure: bool,
    /// Once set (Ctrl-C), no job starts; the running ones finish.
    pub(crate) cancel: Option<&'a AtomicBool>,
}

/// Runs `work` for every job. `work` gets the job's name and the results of the stacks it
/// waited for. Returns the results in job order and the start and finish events in the order
/// the scheduler saw them.
pub(crate) fn run<F>(
    jobs: &[Job],
    limits: &Limits<'_>,
    ui: &Ui,
    work: F,
) -> (Vec<StackResult>, Vec<Event>)
where
    F: Fn(&str, &[StackResult]) -> StackResult + Sync,
{
    let limit = match limits.parallelism {
        0 => usize::MAX,
        n => n,
    };
    let index = |name: &str| jobs.iter().position(|j| j.name == name);
    let mut state = vec![State::Pending; jobs.len()];
    let mut results: Vec<Option<StackResult>> = vec![None; jobs.len()];
    let mut events = Vec::new();
    let (tx, rx) = mpsc::channel::<(usize, StackResult)>();
    let work = &work;
    std::thread::scope(|scope| {
        let mut running = 0usize;
        loop {
            if limits.cancel.is_some_and(|c| c.load(Ordering::SeqCst)) {
                for (i, job) in jobs.iter().enumerate() {
                    if state[i] == State::Pending {
                        state[i] = State::Done;
                        results[i] =
                            Some(StackResult::new(&job.name, Status::Skipped, "interrupted"));
                        events.push(Event::Skipped(job.name.clone()));
                    }
                }
            }
            if limits.stop_on_failure {
                skip_blocked(jobs, &index, &mut state, &mut results, &mut events);
            }
            for (i, job) in jobs.iter().enumerate() {
                if running >= limit || state[i] != State::Pending {
                    continue;
                }
                let ready = job.after.iter().all(|a| match index(a) {
                    Some(k) => state[k] == State::Done,
                    None => true,
                });
                if !ready {
                    continue;
                }
                let prior: Vec<StackResult> = job
                    .after
                    .iter()
                    .filter_map(|a| index(a).and_then(|k| results[k].clone()))
                    .collect();
                state[i] = State::Running;
                running += 1;
                events.push(Event::Started(job.name.clone()));
                let tx = tx.clone();
                let name = job.name.clone();
                scope.spawn(move || {
                    // A panic must still report, or the scheduler would wait for it forever.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        work(&name, &prior)
                    }))
                    .unwrap_or_else(|_| {
                        StackResult::new(&name, Status::Failed, "internal error (a panic)")
                    });
                    let _ = tx.send((i, result));
                });
            }
            let names: Vec<&str> = jobs
                .iter()
                .zip(&state)
                .filter(|(_, s)| **s == State::Running)
                .map(|(j, _)| j.name.as_str())
                .collect();
            let done = state.iter().filter(|s| **s == State::Done).count();
            ui.progress(&names, done, jobs.len());
            if running == 0 {
                break;
            }
            let Ok((i, result)) = rx.recv() else { break };
            running -= 1;
            state[i] = State::Done;
            events.push(Event::Finished(jobs[i].name.clone()));
            results[i] = Some(result);
        }
    });
    // Anything still pending waits on itself through a cycle (a hand-edited manifest).
    let results = results
        .into_iter()
        .zip(jobs)
        .map(|(r, j)| {
            r.unwrap_or_else(|| {
                StackResult::new(&j.name, Status::Failed, "dependency cycle between stacks")
            })
        })
        .collect();
    (results, events)
}

/// Marks pending jobs whose prerequisites did not succeed as skipped, transitively.
fn skip_blocked(
    jobs: &[Job],
    index: &dyn Fn(&str) -> Option<usize>,
    state: &mut [State],
    results: &mut [Option<StackResult>],
    events: &mut Vec<Event>,
) {
    loop {
        let mut changed = false;
        for (i, job) in jobs.iter().enumerate() {
            if state[i] != State::Pending {
                continue;
            }
            let blocker = job.after.iter().find(|a| {
                index(a).is_some_and(|k| {
                    state[k] == State::Done
                        && results[k]
                            .as_ref()
                            .is_some_and(|r| r.status != Status::Succeeded)
                })
            });
            if let Some(b) = blocker {
                state[i] = State::Done;
                results[i] = Some(StackResult::new(
                    &job.name,
                    Status::Skipped,
                    &format!("{b} did not succeed"),
                ));
                events.push(Event::Skipped(job.name.clone()));
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(name: &str, after: &[&str]) -> Job {
        Job {
            name: name.into(),
            after: after.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn order_parallelism_and_skips() {
        let jobs = [
            job("a", &[]),
            job("b", &[]),
            job("c", &["a"]),
            job("d", &["c"]),
        ];
        let ui = Ui::quiet();
        let all = Limits {
            parallelism: 0,
            stop_on_failure: true,
            cancel: None,
        };
        let (results, events) = run(&jobs, &all, &ui, |name, _| {
            let status = if name == "a" {
                Status::Failed
            } else {
                Status::Succeeded
            };
            StackResult::new(name, status, "")
        });
        assert_eq!(events[0], Event::Started("a".into()));
        assert_eq!(events[1], Event::Started("b".into()));
        let statuses: Vec<Status> = results.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                Status::Failed,
                Status::Succeeded,
                Status::Skipped,
                Status::Skipped
            ]
        );
        let one = Limits {
            parallelism: 1,
            ..all
        };
        let (results, events) = run(&jobs, &one, &ui, |name, prior| {
            if name == "c" {
                assert_eq!(prior.len(), 1);
            }
            StackResult::new(name, Status::Succeeded, "")
        });
        assert!(results.iter().all(|r| r.status == Status::Succeeded));
        let expected: Vec<Event> = ["a", "b", "c", "d"]
            .iter()
            .flat_map(|n| {
                [
                    Event::Started(n.to_string()),
                    Event::Finished(n.to_string()),
                ]
            })
            .collect();
        assert_eq!(events, expected);
        let cancelled = AtomicBool::new(true);
        let cancel = Limits {
            cancel: Some(&cancelled),
            ..all
        };
        let (results, _) = run(&jobs, &cancel, &ui, |_, _| unreachable!("nothing starts"));
        assert!(results.iter().all(|r| r.status == Status::Skipped));
    }
}
