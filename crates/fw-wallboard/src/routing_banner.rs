//! The disaster-mode routing banner: while any mode is in force, every page carries a
//! full-width strip above its title saying which modes, where, since when, by whom, until
//! when and why, so everyone on the floor knows calls are not going where they normally do.
//!
//! It is legible without its colour (a warning sign and the words "DISASTER MODE" /
//! "灾备路由"), and a plan the board could not read is shown as unknown, never as normal
//! routing. Like the rest of the board it carries no call data; the free texts that reach it
//! (reasons, names, regions, problems) pass through [`scrub`].

use chrono::TimeZone as _;
use egui::{
    Align, Color32, CornerRadius, Label, Layout, Pos2, Rect, RichText, Shape, Stroke, StrokeKind,
    Ui, UiBuilder, pos2, vec2,
};
use fw_app::LiveFrame;
use fw_domain::{RoutingMode, RoutingScope, Timestamp};
use fw_routing::ActiveMode;

use crate::config::WallboardConfig;
use crate::privacy::scrub;
use crate::view::Names;

/// Modes listed one by one; any more are counted in the heading ("+2 more"), so the banner
/// never pushes the page's figures off the screen.
pub const MAX_LISTED_MODES: usize = 3;

/// What the banner warns of; each has its own icon as well as its own colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerTone {
    /// Modes are in force.
    Active,
    /// The plan could not be read: modes may be in force.
    Unknown,
}

/// One mode as the banner shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeLine {
    /// Kind, scope and reason: "Site failover · site East — typhoon: east site flooded".
    pub what: String,
    /// Since when, by whom, until when: "since 09:50, by 赵敏 · reverts at 12:00 (in 2 h 10 min)".
    pub when: String,
}

/// The banner's text.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutingBanner {
    pub tone: BannerTone,
    pub title: String,
    pub modes: Vec<ModeLine>,
    /// Why what is shown may be wrong (the platform does not apply it, the store was not
    /// readable), or why nothing is known.
    pub problem: Option<String>,
}

/// The banner for `live`, or `None` under normal routing (and on a board that was not meant
/// to read the plan, see [`WallboardConfig::routing_expected`]).
pub(crate) fn routing_banner(
    live: &LiveFrame,
    names: &Names<'_>,
    config: &WallboardConfig,
) -> Option<RoutingBanner> {
    let routing = &live.routing;
    let lang = names.lang;
    let problem = routing
        .platform_problem
        .as_deref()
        .map(|p| lang.routing_platform_problem(&scrub(p)))
        .or_else(|| {
            let p = routing.store_problem.as_deref()?;
            Some(lang.routing_store_problem(&scrub(p)))
        });
    let unknown = |problem: Option<String>| RoutingBanner {
        tone: BannerTone::Unknown,
        title: lang.routing_unknown_title().to_owned(),
        modes: Vec::new(),
        problem: Some(problem.unwrap_or_else(|| lang.routing_unknown().to_owned())),
    };
    if !routing.known {
        return config.routing_expected.then(|| unknown(problem));
    }
    // The platform's clock, which the modes' times are on. A display never records a
    // revert, so a mode past its time is dropped here rather than when a console notices.
    let now = live.frame.as_ref().map(|f| f.at);
    let active: Vec<&ActiveMode> = routing
        .active
        .iter()
        .filter(|m| now.is_none_or(|now| m.in_force(now)))
        .collect();
    if active.is_empty() {
        // Nothing in force as far as is known; a plan not read lately may be old news.
        return routing.store_problem.is_some().then(|| unknown(problem));
    }
    let mut title = lang.routing_title(active.len());
    if active.len() > MAX_LISTED_MODES {
        title = format!(
            "{title} · {}",
            lang.routing_more(active.len() - MAX_LISTED_MODES)
        );
    }
    let modes = active
        .iter()
        .take(MAX_LISTED_MODES)
        .map(|mode| mode_line(mode, names, now, config.time_zone))
        .collect();
    Some(RoutingBanner {
        tone: BannerTone::Active,
        title,
        modes,
        problem,
    })
}

fn mode_line(
    mode: &ActiveMode,
    names: &Names<'_>,
    now: Option<Timestamp>,
    time_zone: chrono_tz::Tz,
) -> ModeLine {
    let lang = names.lang;
    let what = format!(
        "{} — {}",
        mode_text(&mode.mode, names),
        scrub(mode.reason.as_str())
    );
    let at = |t| local_time(t, now, time_zone);
    let mut when =
        vec![lang.routing_since(&at(mode.activated_at), &scrub(&mode.activated_by.name))];
    if let Some(approver) = &mode.approved_by {
        when.push(lang.routing_approved_by(&scrub(&approver.name)));
    }
    when.push(match (mode.revert_at, now) {
        (Some(revert), Some(now)) => {
            lang.routing_reverts(&at(revert), &lang.until(revert.0 - now.0))
        }
        (Some(revert), None) => lang.routing_reverts(&at(revert), "?"),
        (None, _) => lang.routing_no_revert().to_owned(),
    });
    ModeLine {
        what,
        when: when.join(" · "),
    }
}

/// "Site failover · site East", "紧急关闭 · 队列 华东 · 手机", as the console words it.
fn mode_text(mode: &RoutingMode, names: &Names<'_>) -> String {
    let lang = names.lang;
    let scope = |scope: &RoutingScope| match scope {
        RoutingScope::Centre => lang.routing_whole_centre().to_owned(),
        RoutingScope::Site(site) => lang.routing_site(&names.site(*site)),
        RoutingScope::Queue(queue) => lang.routing_queue(&names.queue(*queue)),
    };
    let kind = lang.routing_kind(mode);
    match mode {
        RoutingMode::SiteFailover { site } => {
            format!("{kind} · {}", scope(&RoutingScope::Site(*site)))
        }
        RoutingMode::EmergencyClosure { scope: s } | RoutingMode::NightMode { scope: s } => {
            format!("{kind} · {}", scope(s))
        }
        RoutingMode::RegionalPriority {
            regions,
            waive_fees,
        } => {
            let regions: Vec<String> = regions.iter().map(|r| scrub(r)).collect();
            let mut text = format!("{kind} · {}", regions.join(lang.list_separator()));
            if *waive_fees {
                text = format!("{text} · {}", lang.fees_waived());
            }
            text
        }
    }
}

/// `at` in the centre's time zone: "09:50" on the day of `now`, "11-21 09:50" on another
/// day (a mode may stay on for days: a bare time would read as today's).
fn local_time(at: Timestamp, now: Option<Timestamp>, time_zone: chrono_tz::Tz) -> String {
    let local = |t: Timestamp| time_zone.timestamp_millis_opt(t.0).single();
    let Some(when) = local(at) else {
        return String::new();
    };
    let same_day = now
        .and_then(local)
        .is_none_or(|now| now.date_naive() == when.date_naive());
    if same_day {
        when.format("%H:%M").to_string()
    } else {
        when.format("%m-%d %H:%M").to_string()
    }
}

/// Sizes at 1080p, multiplied by the board's scale.
const PAD: f32 = 14.0;
const ICON: f32 = 64.0;
const TITLE_H: f32 = 50.0;
const WHAT_H: f32 = 40.0;
const WHEN_H: f32 = 34.0;
const PROBLEM_H: f32 = 36.0;

/// Paints `banner` across `width` from `top_left`; returns the height it took.
pub(crate) fn paint_routing_banner(
    ui: &mut Ui,
    top_left: Pos2,
    width: f32,
    banner: &RoutingBanner,
    scale: f32,
) -> f32 {
    let px = |at_1080p: f32| at_1080p * scale;
    // Black on yellow (or on white when unknown): high contrast in either theme and in a
    // brightly lit room, and unlike any threshold colour on the tiles.
    let (fill, ink) = match banner.tone {
        BannerTone::Active => (Color32::from_rgb(0xff, 0xd0, 0x00), Color32::BLACK),
        BannerTone::Unknown => (Color32::from_rgb(0xe8, 0xe8, 0xe8), Color32::BLACK),
    };
    let lines = banner.modes.len() as f32;
    let content_h = px(TITLE_H)
        + lines * px(WHAT_H + WHEN_H)
        + banner.problem.as_ref().map_or(0.0, |_| px(PROBLEM_H));
    let height = content_h.max(px(ICON)) + 2.0 * px(PAD);
    let rect = Rect::from_min_size(top_left, vec2(width, height));
    let painter = ui.painter().clone();
    painter.rect_filled(rect, CornerRadius::same(6), fill);
    painter.rect_stroke(
        rect,
        CornerRadius::same(6),
        Stroke::new(px(4.0), ink),
        StrokeKind::Inside,
    );
    let icon_centre = pos2(
        rect.min.x + px(PAD + ICON / 2.0 + 8.0),
        rect.min.y + px(PAD + ICON / 2.0),
    );
    paint_icon(&painter, icon_centre, px(ICON), banner.tone, fill, ink);

    let left = rect.min.x + px(PAD + ICON + 32.0);
    let right = rect.max.x - px(PAD);
    let mut y = rect.min.y + px(PAD);
    let mut line = |ui: &mut Ui, text: &str, h: f32, size: f32, strong: bool| {
        let row = Rect::from_min_max(pos2(left, y), pos2(right, y + px(h)));
        let mut rich = RichText::new(text).size(px(size)).color(ink);
        if strong {
            rich = rich.strong();
        }
        // Too long for the screen: cut with "…" rather than wrap over the next line.
        ui.scope_builder(
            UiBuilder::new()
                .max_rect(row)
                .layout(Layout::left_to_right(Align::Center)),
            |ui| ui.add(Label::new(rich).truncate()),
        );
        y += px(h);
    };
    line(ui, &banner.title, TITLE_H, 40.0, true);
    for mode in &banner.modes {
        line(ui, &mode.what, WHAT_H, 32.0, true);
        line(ui, &mode.when, WHEN_H, 26.0, false);
    }
    if let Some(problem) = &banner.problem {
        line(ui, problem, PROBLEM_H, 26.0, true);
    }
    height
}

/// A warning triangle with "!" for modes in force, a circle with "?" when unknown.
fn paint_icon(
    painter: &egui::Painter,
    centre: Pos2,
    size: f32,
    tone: BannerTone,
    fill: Color32,
    ink: Color32,
) {
    let r = size / 2.0;
    let mark = match tone {
        BannerTone::Active => {
            let points = vec![
                pos2(centre.x, centre.y - r),
                pos2(centre.x + r, centre.y + r * 0.8),
                pos2(centre.x - r, centre.y + r * 0.8),
            ];
            painter.add(Shape::convex_polygon(points, ink, Stroke::NONE));
            "!"
        }
        BannerTone::Unknown => {
            painter.circle_filled(centre, r, ink);
            "?"
        }
    };
    painter.text(
        pos2(centre.x, centre.y + r * 0.15),
        egui::Align2::CENTER_CENTER,
        mark,
        egui::FontId::proportional(size * 0.6),
        fill,
    );
}

#[cfg(test)]
#[path = "routing_banner_tests.rs"]
mod tests;
