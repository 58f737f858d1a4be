//! The file being imported, held by the console between the preview and the import so a
//! large file crosses the IPC bridge once. One file at a time per console; it is dropped
//! once imported, when the user discards it or picks another, and when left for too long.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A file left this long without being imported is let go (it may be hundreds of MB).
const STAGED_FOR: Duration = Duration::from_mins(30);

/// A file held for an import.
#[derive(Clone, Debug)]
pub struct StagedFile {
    pub token: u64,
    pub file_name: String,
    /// Shared, so a preview reads it without holding the lock.
    pub bytes: Arc<Vec<u8>>,
    staged_at: Instant,
}

/// The console's staged file, if any (Tauri managed state).
#[derive(Debug, Default)]
pub struct ImportStaging {
    staged: Mutex<Option<StagedFile>>,
    next_token: AtomicU64,
}

impl ImportStaging {
    /// Holds `bytes` as the file to import, replacing any earlier one; returns it.
    pub fn stage(&self, file_name: String, bytes: Vec<u8>) -> StagedFile {
        let file = StagedFile {
            token: self.next_token.fetch_add(1, Ordering::Relaxed) + 1,
            file_name,
            bytes: Arc::new(bytes),
            staged_at: Instant::now(),
        };
        *self.lock() = Some(file.clone());
        file
    }

    /// The staged file if `token` still names it.
    pub fn get(&self, token: u64) -> Option<StagedFile> {
        let mut staged = self.lock();
        if staged
            .as_ref()
            .is_some_and(|f| f.staged_at.elapsed() > STAGED_FOR)
        {
            *staged = None;
        }
        staged.as_ref().filter(|f| f.token == token).cloned()
    }

    /// Lets the file named by `token` go (a newer file stays).
    pub fn discard(&self, token: u64) {
        let mut staged = self.lock();
        if staged.as_ref().is_some_and(|f| f.token == token) {
            *staged = None;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<StagedFile>> {
        // The value is replaced whole, so a panic elsewhere cannot leave it half-written.
        self.staged.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_replaces_the_old_and_a_stale_token_finds_nothing() {
        let staging = ImportStaging::default();
        let first = staging.stage("a.csv".to_owned(), b"x".to_vec());
        let second = staging.stage("b.csv".to_owned(), b"yy".to_vec());
        assert!(staging.get(first.token).is_none());
        assert_eq!(staging.get(second.token).map(|f| f.bytes.len()), Some(2));
        staging.discard(first.token);
        assert!(
            staging.get(second.token).is_some(),
            "discarding an old token keeps the new file"
        );
        staging.discard(second.token);
        assert!(staging.get(second.token).is_none());
    }
}
