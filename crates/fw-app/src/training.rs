//! Training scenarios on the embedded simulator: what another console on the same platform
//! would do, so a supervisor can rehearse (and tests can show) how the console reacts.
//!
//! These go straight to the platform, like another console's commands would; they are not
//! audited as the user's own. The shell offers them only when the platform is the simulator.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use fw_domain::{CallId, MonitorMode, MonitorSessionId, PlatformCommand, SupervisorId};

use crate::hub::{Hub, HubError};

/// The simulated colleague's supervisor id: outside any team file's range.
pub const TRAINING_COLLEAGUE: SupervisorId = SupervisorId(u32::MAX - 1);
/// Session ids for the colleague, far above the desk's own.
static NEXT_SESSION: AtomicU64 = AtomicU64::new(1 << 62);
/// How long the colleague's phone may take to join (the simulator rings 2–4 s).
const JOIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a scenario did not play out.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TrainingError {
    #[error(transparent)]
    Hub(#[from] HubError),
    #[error("the colleague's session on call {0} never started (the call may have ended)")]
    NeverJoined(CallId),
}

/// A colleague (a simulated supervisor at another console) joins `call` and barges in.
/// Returns once the platform reports the barge was asked for, with the colleague's session.
pub async fn colleague_barges_in(
    hub: &Hub,
    call: CallId,
) -> Result<MonitorSessionId, TrainingError> {
    let session = MonitorSessionId(NEXT_SESSION.fetch_add(1, Ordering::Relaxed));
    let mut frames = hub.frames();
    hub.execute(PlatformCommand::StartMonitor {
        session,
        supervisor: TRAINING_COLLEAGUE,
        endpoint: "training-colleague".into(),
        call,
    })
    .await?;
    let joined = tokio::time::timeout(JOIN_TIMEOUT, async {
        loop {
            if frames
                .borrow_and_update()
                .monitors
                .iter()
                .any(|m| m.session == session)
            {
                return true;
            }
            if frames.changed().await.is_err() {
                return false;
            }
        }
    })
    .await
    .unwrap_or(false);
    if !joined {
        return Err(TrainingError::NeverJoined(call));
    }
    hub.execute(PlatformCommand::ChangeMonitorMode {
        session,
        mode: MonitorMode::Barge,
    })
    .await?;
    Ok(session)
}
