//! Training scenarios, offered only on the embedded simulator.

use fw_app::Hub;
use fw_domain::CallId;

use crate::console::Console;
use crate::dto::IpcErrorDto;

/// A simulated colleague at another console barges into `call`.
#[tauri::command]
pub async fn training_colleague_barge(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    call: f64,
) -> Result<(), IpcErrorDto> {
    if !console.simulator {
        return Err(IpcErrorDto::new(
            "unsupported",
            "training scenarios run only on the embedded simulator",
        ));
    }
    fw_app::colleague_barges_in(&hub, CallId(call as u64)).await?;
    Ok(())
}
