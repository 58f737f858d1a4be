//! Who is at the console.

use fw_app::Hub;

use crate::console::Console;
use crate::dto::{IpcErrorDto, ProfileDto};

/// The user's name, role, permissions and phone.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn profile(hub: tauri::State<'_, Hub>, console: tauri::State<'_, Console>) -> ProfileDto {
    ProfileDto::new(&hub, &console.user, console.simulator)
}

/// Sets the user's own phone for monitoring; returns the profile as it now is.
#[tauri::command]
pub async fn set_endpoint(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    endpoint: String,
) -> Result<ProfileDto, IpcErrorDto> {
    hub.set_endpoint(&console.user, &endpoint).await?;
    Ok(ProfileDto::new(&hub, &console.user, console.simulator))
}
