//! Disaster-mode routing: the plan in force (streamed), the impact preview, and changes.

use std::sync::Arc;

use fw_app::Hub;
use tauri::ipc::Channel;

use crate::console::Console;
use crate::dto::{
    ImpactDto, IpcErrorDto, RoutingChangedDto, RoutingDto, RoutingModeDto, RoutingPolicyDto,
    RoutingRequestDto,
};

/// Streams the plan whenever it changes (and the clock once a second, for countdowns).
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State and Channel by value
pub fn subscribe_routing(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    channel: Channel<RoutingDto>,
) {
    let hub = hub.inner().clone();
    let user = console.user.clone();
    let mut frames = hub.frames();
    tauri::async_runtime::spawn(async move {
        let mut sent: Option<(Arc<fw_app::RoutingState>, i64)> = None;
        loop {
            let live = frames.borrow_and_update().clone();
            let now = live
                .frame
                .as_ref()
                .map_or(fw_domain::Timestamp(0), |f| f.at);
            let second = now.0.div_euclid(1_000);
            let fresh = sent
                .as_ref()
                .is_none_or(|(state, at)| !Arc::ptr_eq(state, &live.routing) || *at != second);
            if fresh {
                let dto =
                    RoutingDto::from_state(&live.routing, &live.topology, &hub.team(), &user, now);
                if channel.send(dto).is_err() {
                    break; // the webview is gone
                }
                sent = Some((live.routing.clone(), second));
            }
            if frames.changed().await.is_err() {
                break; // the hub stopped
            }
        }
    });
}

/// What turning `mode` on would do now.
#[tauri::command]
pub async fn routing_preview(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    mode: RoutingModeDto,
) -> Result<ImpactDto, IpcErrorDto> {
    let mode = mode
        .into_domain()
        .map_err(|message| IpcErrorDto::new("routing.invalid", message))?;
    let impact = hub.preview_routing(&console.user, mode).await?;
    let topology = hub.frames().borrow().topology.clone();
    Ok(ImpactDto::from_domain(&impact, &topology))
}

/// Turns a mode on or off (or asks for, approves, refuses or withdraws one), if the plan is
/// still at `expected_version`. Returns the new version and whether it awaits approval.
#[tauri::command]
pub async fn routing_change(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    request: RoutingRequestDto,
    expected_version: f64,
) -> Result<RoutingChangedDto, IpcErrorDto> {
    let request = request
        .into_domain()
        .map_err(|message| IpcErrorDto::new("routing.invalid", message))?;
    if !(expected_version.is_finite() && expected_version >= 0.0) {
        return Err(IpcErrorDto::new(
            "routing.invalid",
            "the plan version is not a version",
        ));
    }
    let changed = hub
        .change_routing(&console.user, request, expected_version as u64)
        .await?;
    Ok(changed.into())
}

/// Saves the team's approval policy (admins; checked and audited); returns it as saved.
#[tauri::command]
pub async fn set_routing_policy(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    policy: RoutingPolicyDto,
) -> Result<RoutingPolicyDto, IpcErrorDto> {
    hub.set_routing_policy(&console.user, policy.into()).await?;
    Ok(policy)
}
