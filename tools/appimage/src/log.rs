//! Progress messages on standard error, filtered by linuxdeploy's verbosity levels.

/// Where messages go and which are shown: 0 debug, 1 info, 2 warnings, 3 errors only.
/// Everything goes to standard error, as linuxdeploy's does (the Tauri CLI shows it).
#[derive(Debug, Clone, Copy)]
pub struct Log {
    pub program: &'static str,
    pub level: u8,
}

impl Log {
    pub fn debug(self, message: impl std::fmt::Display) {
        self.emit(0, "", message);
    }

    pub fn info(self, message: impl std::fmt::Display) {
        self.emit(1, "", message);
    }

    pub fn warn(self, message: impl std::fmt::Display) {
        self.emit(2, "warning: ", message);
    }

    fn emit(self, level: u8, prefix: &str, message: impl std::fmt::Display) {
        if level >= self.level {
            eprintln!("{}: {prefix}{message}", self.program);
        }
    }
}
