//! Gives the heap's free memory back to the system every few seconds.
//!
//! glibc's malloc keeps what a program frees for reuse, and returns it to the system only from
//! the top of each arena. The console's own bursts leave tens of megabytes free but resident
//! for the rest of the day: the simulator replays up to a day in seconds at start, and the
//! surveys of that replay are written to the store once it is over. `malloc_trim` hands back
//! every free page in every arena. At 10,000 agents with a day replayed, one call took the
//! console from 254 to 228 MiB resident (BENCHMARKS.md, "The console at scale").

use std::time::{Duration, Instant};

/// Between trims. A trim walks the free lists and holds each arena's lock meanwhile: 1–3 ms
/// at 10,000 agents, so every 10 s costs under 0.03 % of a core and delays an allocation on
/// another thread by at most that, now and then.
const EVERY: Duration = Duration::from_secs(10);

/// Starts the trimming thread (glibc only; other allocators return memory themselves).
pub fn start() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let spawned = std::thread::Builder::new()
            .name("heap-trim".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(EVERY);
                    let started = Instant::now();
                    let released = trim();
                    tracing::debug!(released, took = ?started.elapsed(), "heap trimmed");
                }
            });
        if let Err(error) = spawned {
            tracing::warn!(%error, "no heap trimming: freed memory stays resident");
        }
    }
}

/// Whether any memory went back to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn trim() -> bool {
    // SAFETY: malloc_trim takes a plain integer (the free space to keep at the top of the main
    // heap) and has no other precondition; glibc serialises it with allocation in each arena.
    unsafe { libc::malloc_trim(0) == 1 }
}
