//! The few keys of a desktop entry (`.desktop` file) an AppImage needs.
//!
//! linuxdeploy reads `Icon=` to name the root icon, the AppRun reads `Exec=` to find the
//! payload, and the packer checks `Name=` and `Type=` so that a desktop integration tool
//! can list the AppImage.

/// The `[Desktop Entry]` group's keys that matter here (unlocalised values only).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DesktopEntry {
    pub name: Option<String>,
    pub exec: Option<String>,
    pub icon: Option<String>,
    pub kind: Option<String>,
}

impl DesktopEntry {
    /// Parses the text of a desktop file. Only the `[Desktop Entry]` group is read; other
    /// groups (actions) and localised keys (`Name[de]=`) are skipped.
    pub fn parse(text: &str) -> Self {
        let mut entry = Self::default();
        let mut in_main_group = false;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                in_main_group = line == "[Desktop Entry]";
                continue;
            }
            if !in_main_group {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = unescape_value(value.trim());
            match key.trim() {
                "Name" => entry.name = Some(value),
                "Exec" => entry.exec = Some(value),
                "Icon" => entry.icon = Some(value),
                "Type" => entry.kind = Some(value),
                _ => {}
            }
        }
        entry
    }

    /// What is missing for an AppImage: `Type`, `Name`, `Exec` and `Icon` are required, as
    /// appimagetool requires them. Empty when the entry is usable.
    pub fn problems(&self) -> Vec<&'static str> {
        let mut problems = Vec::new();
        if self.kind.as_deref() != Some("Application") {
            problems.push("Type is not Application");
        }
        for (value, missing) in [
            (&self.name, "no Name"),
            (&self.exec, "no Exec"),
            (&self.icon, "no Icon"),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                problems.push(missing);
            }
        }
        problems
    }

    /// `Exec=` as an argument vector: quoting undone and field codes (`%f`, `%U`...)
    /// dropped, since the AppRun passes its own arguments instead. `None` without `Exec=`.
    pub fn exec_argv(&self) -> Option<Vec<String>> {
        let exec = self.exec.as_deref()?;
        let argv: Vec<String> = split_exec(exec)
            .into_iter()
            .filter_map(|arg| expand_field_codes(&arg))
            .collect();
        (!argv.is_empty()).then_some(argv)
    }
}

/// Undoes the escapes a desktop file's string values may use (`\s`, `\n`, `\t`, `\r`, `\\`).
fn unescape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            // An escaped backslash, or a trailing one (kept as it is).
            Some('\\') | None => out.push('\\'),
            // Not a value escape: kept for the Exec quoting rules to read.
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// Splits an `Exec=` value into arguments per the Desktop Entry Specification: spaces
/// separate, double quotes group, and inside quotes a backslash escapes `"`, `` ` ``,
/// `$` and `\`.
fn split_exec(exec: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut in_arg = false;
    let mut quoted = false;
    let mut chars = exec.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                in_arg = true;
            }
            '\\' if quoted => {
                if let Some(&next) = chars.peek()
                    && matches!(next, '"' | '`' | '$' | '\\')
                {
                    current.push(next);
                    chars.next();
                } else {
                    current.push('\\');
                }
            }
            ' ' | '\t' if !quoted => {
                if in_arg {
                    args.push(std::mem::take(&mut current));
                    in_arg = false;
                }
            }
            other => {
                current.push(other);
                in_arg = true;
            }
        }
    }
    if in_arg {
        args.push(current);
    }
    args
}

/// Removes field codes from one argument: an argument that is only a field code goes
/// away, `%%` becomes `%`, and other codes inside an argument are dropped.
fn expand_field_codes(arg: &str) -> Option<String> {
    const CODES: &str = "fFuUdDnNickvm";
    if arg.len() == 2 && arg.starts_with('%') && arg[1..].chars().all(|c| CODES.contains(c)) {
        return None;
    }
    let mut out = String::with_capacity(arg.len());
    let mut chars = arg.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // `%%`, or a trailing `%` (kept as it is).
            Some('%') | None => out.push('%'),
            Some(code) if CODES.contains(code) => {}
            Some(other) => {
                out.push('%');
                out.push(other);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the Tauri CLI writes for Floorwalker (from its main.desktop template).
    const TAURI_DESKTOP: &str = "[Desktop Entry]\nCategories=Office;\n\
        Comment=Contact-centre supervisor console\nExec=floorwalker\nStartupWMClass=floorwalker\n\
        Icon=floorwalker\nName=Floorwalker\nTerminal=false\nType=Application\n";

    #[test]
    fn reads_the_tauri_desktop_entry() {
        let entry = DesktopEntry::parse(TAURI_DESKTOP);
        assert_eq!(entry.name.as_deref(), Some("Floorwalker"));
        assert_eq!(entry.icon.as_deref(), Some("floorwalker"));
        assert_eq!(entry.exec_argv(), Some(vec!["floorwalker".to_owned()]));
        assert!(entry.problems().is_empty());
    }

    #[test]
    fn other_groups_and_localised_keys_are_ignored() {
        let text = "# comment\n[Desktop Entry]\nName=App\nName[de]=Anwendung\nExec=app %U\n\
            Icon=app\nType=Application\n[Desktop Action New]\nName=New window\nExec=app --new\n";
        let entry = DesktopEntry::parse(text);
        assert_eq!(entry.name.as_deref(), Some("App"));
        assert_eq!(entry.exec_argv(), Some(vec!["app".to_owned()]));
    }

    #[test]
    fn exec_quoting_and_field_codes() {
        let entry = DesktopEntry {
            exec: Some(r#""/opt/my app/bin" --title "say \"hi\"" --file=%f 100%% %U"#.to_owned()),
            ..DesktopEntry::default()
        };
        assert_eq!(
            entry.exec_argv().unwrap(),
            [
                "/opt/my app/bin",
                "--title",
                "say \"hi\"",
                "--file=",
                "100%"
            ]
        );
    }

    #[test]
    fn value_escapes_are_undone() {
        let entry = DesktopEntry::parse("[Desktop Entry]\nName=A\\sB\\\\C\n");
        assert_eq!(entry.name.as_deref(), Some("A B\\C"));
    }

    #[test]
    fn problems_name_what_is_missing() {
        let entry = DesktopEntry::parse("[Desktop Entry]\nType=Link\nName=\n");
        assert_eq!(
            entry.problems(),
            ["Type is not Application", "no Name", "no Exec", "no Icon"]
        );
        assert_eq!(entry.exec_argv(), None);
    }
}
