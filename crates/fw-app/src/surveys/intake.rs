//! Surveys arriving live from the platform: joined to their calls' facts by the ledger on the
//! hub's task, then written to the store by a task of their own, so a slow store never holds
//! up the event stream and a store outage loses nothing the console still holds.

use std::collections::VecDeque;
use std::time::Duration;

use fw_domain::{EventEnvelope, Topology};
use fw_store::Store;
use fw_survey::{CallFactsLedger, SurveyRecord};
use tokio::sync::mpsc;

/// Ended calls whose facts are kept for surveys that come after them (a survey usually
/// arrives within minutes; a busy centre ends a few thousand calls in that time).
const LEDGER_CALLS: usize = 50_000;
/// Surveys waiting for the writer.
const WRITER_QUEUE: usize = 1_024;
/// Surveys held here while the writer is behind; beyond this the oldest are dropped, loudly.
const MAX_WAITING: usize = 100_000;
const FIRST_RETRY: Duration = Duration::from_millis(500);
const LAST_RETRY: Duration = Duration::from_secs(30);

/// Where surveys from the platform go.
#[derive(Debug)]
pub(crate) struct SurveyIntake {
    ledger: CallFactsLedger,
    writer: mpsc::Sender<(SurveyRecord, i64)>,
    waiting: VecDeque<(SurveyRecord, i64)>,
}

impl SurveyIntake {
    /// Starts the writer on the current runtime.
    pub fn start(store: Store) -> SurveyIntake {
        let (writer, queue) = mpsc::channel(WRITER_QUEUE);
        tokio::spawn(write_surveys(store, queue));
        SurveyIntake {
            ledger: CallFactsLedger::new(LEDGER_CALLS),
            writer,
            waiting: VecDeque::new(),
        }
    }

    /// Watches one event; a survey that completes waits here for [`SurveyIntake::flush`].
    pub fn observe(&mut self, envelope: &EventEnvelope, topology: &Topology) {
        for survey in self.ledger.observe(envelope, topology) {
            if self.waiting.len() == MAX_WAITING {
                let (lost, _) = self.waiting.pop_front().expect("full");
                tracing::error!(call = %lost.call_ref, "survey store far behind: a survey was dropped");
            }
            self.waiting
                .push_back((survey.to_record("live"), envelope.at.0));
        }
    }

    /// Hands the waiting surveys to the writer, as many as its queue takes.
    pub fn flush(&mut self) {
        while let Some(next) = self.waiting.pop_front() {
            match self.writer.try_send(next) {
                Ok(()) => {}
                Err(mpsc::error::TrySendError::Full(next)) => {
                    self.waiting.push_front(next);
                    break;
                }
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    tracing::error!("the survey writer stopped; live surveys are not stored");
                    self.waiting.clear();
                    break;
                }
            }
        }
        // The warm-up's surveys grew the queue to megabytes; once they are handed over, that
        // room goes back rather than staying reserved all day.
        if self.waiting.is_empty() && self.waiting.capacity() > WRITER_QUEUE {
            self.waiting = VecDeque::new();
        }
    }
}

/// Most surveys written in one transaction.
const BATCH: usize = 256;

/// Stores surveys in arrival order, a batch per transaction (one disk sync for many surveys),
/// retrying with backoff while the store fails. A survey already stored (a replay after a
/// reconnect) is skipped by the store.
async fn write_surveys(store: Store, mut queue: mpsc::Receiver<(SurveyRecord, i64)>) {
    let mut batch: Vec<(SurveyRecord, i64)> = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut batch, BATCH).await > 0 {
        batch.retain(|(record, _)| match record.validate() {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(call = %record.call_ref, error = %e, "a live survey is not valid; not stored");
                false
            }
        });
        let at_ms = batch.iter().map(|(_, at)| *at).max().unwrap_or_default();
        // One survey per call: a second one for the same call in this batch would fail the
        // whole transaction on the unique call reference.
        let mut seen = std::collections::HashSet::new();
        let records: Vec<SurveyRecord> = batch
            .drain(..)
            .map(|(record, _)| record)
            .filter(|record| seen.insert(record.call_ref.clone()))
            .collect();
        let mut pause = FIRST_RETRY;
        while !records.is_empty() {
            match store.import_surveys(&records, true, at_ms).await {
                Ok(_) => break,
                Err(e) => {
                    tracing::warn!(surveys = records.len(), error = %e, retry_in = ?pause, "storing live surveys failed");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(LAST_RETRY);
                }
            }
        }
    }
}
