//! The agents grid: one window of rows per request, answered from the newest frame.

use fw_app::Hub;

use crate::console::Console;
use crate::dto::{AgentPageDto, AgentQueryDto};

/// The rows the grid has scrolled to, filtered and sorted.
#[tauri::command]
#[allow(clippy::needless_pass_by_value)] // Tauri hands commands their State by value
pub fn agents_page(
    hub: tauri::State<'_, Hub>,
    console: tauri::State<'_, Console>,
    query: AgentQueryDto,
) -> AgentPageDto {
    let live = hub.frames().borrow().clone();
    AgentPageDto::from_live(&live, &query, &hub.team(), &console.user)
}
