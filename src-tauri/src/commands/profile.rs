//! Who is at the console.

use fw_app::Hub;

use crate::console::Console;
use crate::dto::ProfileDto;

/// The user's name, role, permissions and phone.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn profile(hub: tauri::State<'_, Hub>, console: tauri::State<'_, Console>) -> ProfileDto {
    ProfileDto::new(&hub, &console.user, console.simulator)
}
