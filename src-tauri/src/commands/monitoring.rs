//! Listen, whisper, barge and stop, as the console's user. fw-app checks the role and the
//! rules and writes the audit trail; the console shows what the platform then reports.

use fw_app::{Hub, MonitorRequest};
use fw_domain::{AgentId, CallId, MonitorSessionId};

use crate::console::Console;
use crate::dto::{IpcErrorDto, MonitorModeDto};

async fn request(
    hub: &Hub,
    console: &Console,
    request: MonitorRequest,
) -> Result<f64, IpcErrorDto> {
    hub.monitor(&console.user, request)
        .await
        .map(|session| session.0 as f64)
        .map_err(IpcErrorDto::from)
}

/// Starts listening (muted) to a call. Returns the session.
#[tauri::command]
pub async fn monitor_call(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    call: f64,
) -> Result<f64, IpcErrorDto> {
    let call = CallId(call as u64);
    request(&hub, &console, MonitorRequest::Start { call }).await
}

/// Starts listening to whatever call an agent is on.
#[tauri::command]
pub async fn monitor_agent(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    agent: u32,
) -> Result<f64, IpcErrorDto> {
    let agent = AgentId(agent);
    request(&hub, &console, MonitorRequest::StartOnAgent { agent }).await
}

/// Changes a session's mode without redialling.
#[tauri::command]
pub async fn monitor_mode(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    session: f64,
    mode: MonitorModeDto,
) -> Result<f64, IpcErrorDto> {
    let session = MonitorSessionId(session as u64);
    let mode = mode.into();
    request(&hub, &console, MonitorRequest::ChangeMode { session, mode }).await
}

/// Ends the user's own leg; the call goes on.
#[tauri::command]
pub async fn monitor_stop(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    session: f64,
) -> Result<f64, IpcErrorDto> {
    let session = MonitorSessionId(session as u64);
    request(&hub, &console, MonitorRequest::Stop { session }).await
}
