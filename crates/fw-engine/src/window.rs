//! The time windows a supervisor can choose.

/// Which span of time the cumulative figures cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Window {
    /// The current minute and the 14 before it.
    #[default]
    Rolling15,
    Rolling30,
    Rolling60,
    /// Since the current shift began (a night shift keeps its numbers across midnight).
    Shift,
    /// Since local midnight in the centre's time zone.
    Day,
}

impl Window {
    pub const ALL: [Window; 5] = [
        Window::Rolling15,
        Window::Rolling30,
        Window::Rolling60,
        Window::Shift,
        Window::Day,
    ];

    /// The length in minutes of a rolling window.
    pub const fn rolling_minutes(self) -> Option<i64> {
        match self {
            Window::Rolling15 => Some(15),
            Window::Rolling30 => Some(30),
            Window::Rolling60 => Some(60),
            Window::Shift | Window::Day => None,
        }
    }
}
