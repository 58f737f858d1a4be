//! Painting a [`PageView`]: sized for a 1080p screen read from five metres, scaled to
//! whatever screen it is on. Every tile is also an accessibility node saying what it shows,
//! which is how the tests (and screen readers) read the board.

use egui::{
    Align, Color32, CornerRadius, Layout, Pos2, Rect, RichText, Role, Sense, Shape, Stroke, Ui,
    UiBuilder, WidgetInfo, pos2, vec2,
};
use fw_charts::{ChartTheme, Rgb, TrendChart, draw_trend};
use plotters::prelude::IntoDrawingArea;

use crate::chart_painter::EguiBackend;
use crate::i18n::Language;
pub use crate::palette::Palette;
use crate::routing_banner::paint_routing_banner;
use crate::thresholds::Level;
use crate::view::{Body, ChartView, PageView, RowView, TileView};

/// The bottom line: clock, keys, and anything wrong with the set-up.
#[derive(Debug)]
pub struct Footer<'a> {
    pub language: Language,
    pub problems: &'a [String],
    pub font_problem: Option<&'a str>,
    /// The centre's local time of the frame.
    pub clock: Option<String>,
    /// False when the renderer already clears to the background colour.
    pub fill_background: bool,
}

/// Sizes at 1080p; everything scales with the screen.
struct Scale(f32);

impl Scale {
    fn px(&self, at_1080p: f32) -> f32 {
        at_1080p * self.0
    }
}

/// Paints `view` over the whole of `ui`.
pub fn paint_page(ui: &mut Ui, view: &PageView, palette: &Palette, footer: &Footer<'_>) {
    let full = ui.max_rect();
    let scale = Scale((full.height() / 1080.0).min(full.width() / 1920.0).max(0.3));
    if footer.fill_background {
        ui.painter().rect_filled(full, 0.0, palette.background);
    }
    let margin = scale.px(24.0);
    let inner = full.shrink(margin);
    let mut cursor = inner.min.y;

    // Disaster-mode routing first, above the title: on every page, whatever it shows.
    if let Some(routing) = &view.routing {
        let h = paint_routing_banner(ui, inner.min, inner.width(), routing, scale.0);
        cursor += h + scale.px(12.0);
    }

    // Title bar.
    let title_h = scale.px(72.0);
    let title_rect = Rect::from_min_size(pos2(inner.min.x, cursor), vec2(inner.width(), title_h));
    labelled(ui, title_rect, Layout::left_to_right(Align::Center), |ui| {
        ui.label(
            RichText::new(&view.title)
                .size(scale.px(52.0))
                .strong()
                .color(palette.text),
        );
    });
    labelled(ui, title_rect, Layout::right_to_left(Align::Center), |ui| {
        if let Some(clock) = &footer.clock {
            ui.label(
                RichText::new(clock)
                    .size(scale.px(52.0))
                    .strong()
                    .color(palette.text),
            );
            ui.add_space(scale.px(24.0));
        }
        ui.label(
            RichText::new(&view.subtitle)
                .size(scale.px(28.0))
                .color(palette.muted),
        );
    });
    cursor += title_h + scale.px(12.0);

    if let Some(banner) = &view.banner {
        let h = scale.px(64.0);
        let rect = Rect::from_min_size(pos2(inner.min.x, cursor), vec2(inner.width(), h));
        ui.painter()
            .rect_filled(rect, CornerRadius::same(6), palette.banner);
        // A pause sign beside the words: the banner is legible without its colour too.
        let bar_w = scale.px(10.0);
        let left = rect.min.x + scale.px(24.0);
        for dx in [0.0, scale.px(18.0)] {
            ui.painter().rect_filled(
                Rect::from_min_size(
                    pos2(left + dx, rect.center().y - h * 0.3),
                    vec2(bar_w, h * 0.6),
                ),
                0.0,
                Color32::WHITE,
            );
        }
        let text_rect = rect.with_min_x(left + scale.px(48.0));
        labelled(ui, text_rect, Layout::left_to_right(Align::Center), |ui| {
            ui.label(
                RichText::new(banner)
                    .size(scale.px(32.0))
                    .strong()
                    .color(Color32::WHITE),
            );
        });
        cursor += h + scale.px(12.0);
    }

    let footer_h = scale.px(40.0);
    let body = Rect::from_min_max(
        pos2(inner.min.x, cursor),
        pos2(inner.max.x, inner.max.y - footer_h),
    );
    match &view.body {
        Body::Empty => {
            centred_message(
                ui,
                body,
                footer.language.connecting(),
                scale.px(48.0),
                palette.muted,
            );
        }
        Body::Tiles { hero, rows } => {
            let tiles = TileSet {
                scope: &view.title,
                hero,
                rows,
                stale: view.stale,
            };
            paint_tiles(ui, body, &tiles, footer.language, palette, &scale);
        }
        Body::Charts(charts) => paint_charts(ui, body, charts, footer.language, palette, &scale),
    }

    let footer_rect = Rect::from_min_max(pos2(inner.min.x, inner.max.y - footer_h), inner.max);
    labelled(
        ui,
        footer_rect,
        Layout::left_to_right(Align::Center),
        |ui| {
            let mut notes: Vec<String> = footer.problems.to_vec();
            if let Some(font) = footer.font_problem {
                notes.push(font.to_string());
            }
            let colour = if notes.is_empty() {
                palette.muted
            } else {
                palette.warning
            };
            let text = if notes.is_empty() {
                match footer.language {
                    Language::En => "Space pin · ←/→ page · 1–9 go to page · L 中文".to_string(),
                    Language::ZhCn => "空格 固定 · ←/→ 翻页 · 1–9 跳转 · L English".to_string(),
                }
            } else {
                notes.join(" · ")
            };
            ui.label(RichText::new(text).size(scale.px(22.0)).color(colour));
        },
    );
}

/// One line of text in the middle of `rect` (waiting for data, no calls yet).
fn centred_message(ui: &mut Ui, rect: Rect, text: &str, size: f32, colour: Color32) {
    let layout = Layout::centered_and_justified(egui::Direction::TopDown);
    labelled(ui, rect, layout, |ui| {
        ui.label(RichText::new(text).size(size).color(colour));
    });
}

/// Runs `add` in a child ui over `rect`.
fn labelled(ui: &mut Ui, rect: Rect, layout: Layout, add: impl FnOnce(&mut Ui)) {
    ui.scope_builder(UiBuilder::new().max_rect(rect).layout(layout), add);
}

/// The tiles of one page.
struct TileSet<'a> {
    /// The page's scope name, for the hero tiles' descriptions.
    scope: &'a str,
    hero: &'a [TileView],
    rows: &'a [RowView],
    stale: bool,
}

fn paint_tiles(
    ui: &mut Ui,
    body: Rect,
    tiles: &TileSet<'_>,
    language: Language,
    palette: &Palette,
    scale: &Scale,
) {
    let TileSet {
        scope,
        hero,
        rows,
        stale,
    } = *tiles;
    let gap = scale.px(16.0);
    let mut top = body.min.y;
    if !hero.is_empty() {
        // The page's own figures: big tiles across the top (two rows when there are many).
        let per_row = if hero.len() > 5 {
            hero.len().div_ceil(2)
        } else {
            hero.len()
        };
        let hero_rows = hero.len().div_ceil(per_row);
        let tile_h = if rows.is_empty() {
            ((body.height() - gap * (hero_rows as f32 - 1.0)) / hero_rows as f32)
                .min(scale.px(360.0))
        } else {
            scale.px(if hero_rows > 1 { 210.0 } else { 250.0 })
        };
        let tile_w = (body.width() - gap * (per_row as f32 - 1.0)) / per_row as f32;
        for (i, tile) in hero.iter().enumerate() {
            let (r, c) = (i / per_row, i % per_row);
            let rect = Rect::from_min_size(
                pos2(
                    body.min.x + c as f32 * (tile_w + gap),
                    top + r as f32 * (tile_h + gap),
                ),
                vec2(tile_w, tile_h),
            );
            paint_hero_tile(ui, rect, scope, tile, stale, language, palette, scale);
        }
        top += hero_rows as f32 * (tile_h + gap);
    }
    if rows.is_empty() {
        return;
    }
    // One line per site or queue: its name, then a cell per figure.
    let columns = rows[0].tiles.len();
    let name_w = (body.width() * 0.24).min(scale.px(460.0));
    let cell_w = (body.width() - name_w) / columns.max(1) as f32;
    let header_h = scale.px(40.0);
    for (c, tile) in rows[0].tiles.iter().enumerate() {
        let rect = Rect::from_min_size(
            pos2(body.min.x + name_w + c as f32 * cell_w, top),
            vec2(cell_w, header_h),
        );
        labelled(ui, rect, Layout::right_to_left(Align::Center), |ui| {
            // Right-aligned with the values, which leave room for the level shape.
            ui.add_space(scale.px(52.0));
            ui.label(
                RichText::new(language.tile_short(tile.kind))
                    .size(scale.px(24.0))
                    .color(palette.muted),
            );
        });
    }
    top += header_h;
    let row_h = ((body.max.y - top) / rows.len() as f32).clamp(scale.px(44.0), scale.px(92.0));
    for (r, row) in rows.iter().enumerate() {
        let y = top + r as f32 * row_h;
        if y + row_h > body.max.y + 1.0 {
            break;
        }
        let line = Rect::from_min_size(
            pos2(body.min.x, y),
            vec2(body.width(), row_h - scale.px(6.0)),
        );
        ui.painter()
            .rect_filled(line, CornerRadius::same(6), palette.panel);
        let value_size = (row_h * 0.55).min(scale.px(48.0));
        labelled(
            ui,
            line.with_max_x(line.min.x + name_w)
                .shrink2(vec2(scale.px(16.0), 0.0)),
            Layout::left_to_right(Align::Center),
            |ui| {
                ui.label(
                    RichText::new(&row.name)
                        .size(value_size * 0.8)
                        .color(palette.text),
                );
            },
        );
        for (c, tile) in row.tiles.iter().enumerate() {
            let cell = Rect::from_min_size(
                pos2(line.min.x + name_w + c as f32 * cell_w, line.min.y),
                vec2(cell_w, line.height()),
            );
            paint_cell(
                ui, cell, &row.name, tile, stale, language, palette, value_size, scale,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)] // one paint pass's context, passed flat for clarity
fn paint_hero_tile(
    ui: &mut Ui,
    rect: Rect,
    scope: &str,
    tile: &TileView,
    stale: bool,
    language: Language,
    palette: &Palette,
    scale: &Scale,
) {
    let painter = ui.painter();
    painter.rect_filled(rect, CornerRadius::same(10), palette.panel);
    if stale {
        // A dashed outline marks old figures without relying on colour.
        let stroke = Stroke::new(scale.px(3.0), palette.muted);
        painter.add(Shape::dashed_line(
            &rect_outline(rect),
            stroke,
            scale.px(14.0),
            scale.px(10.0),
        ));
    }
    let pad = scale.px(20.0);
    let inner = rect.shrink(pad);
    let colour = palette.level(tile.level);
    let head = Rect::from_min_size(inner.min, vec2(inner.width(), scale.px(40.0)));
    labelled(ui, head, Layout::left_to_right(Align::Center), |ui| {
        ui.label(
            RichText::new(&tile.label)
                .size(scale.px(30.0))
                .color(palette.muted),
        );
    });
    level_shape(
        ui.painter(),
        pos2(inner.max.x - scale.px(18.0), head.center().y),
        scale.px(16.0),
        tile.level,
        colour,
    );
    let value_size = (inner.height() * 0.52).min(scale.px(150.0));
    let value_rect = Rect::from_min_max(
        pos2(inner.min.x, head.max.y),
        pos2(inner.max.x, inner.max.y - scale.px(30.0)),
    );
    labelled(ui, value_rect, Layout::left_to_right(Align::Center), |ui| {
        ui.label(
            RichText::new(&tile.value)
                .size(value_size)
                .strong()
                .color(colour),
        );
    });
    let foot = Rect::from_min_max(pos2(inner.min.x, inner.max.y - scale.px(30.0)), inner.max);
    labelled(ui, foot, Layout::right_to_left(Align::Center), |ui| {
        ui.label(
            RichText::new(age_text(tile, stale, language))
                .size(scale.px(22.0))
                .color(palette.muted),
        );
    });
    describe(
        ui,
        rect,
        &format!("{scope} · {}", tile.label),
        tile,
        stale,
        language,
    );
}

#[allow(clippy::too_many_arguments)] // one paint pass's context, passed flat for clarity
fn paint_cell(
    ui: &mut Ui,
    cell: Rect,
    row: &str,
    tile: &TileView,
    stale: bool,
    language: Language,
    palette: &Palette,
    value_size: f32,
    scale: &Scale,
) {
    let colour = palette.level(tile.level);
    let icon = scale.px(12.0);
    level_shape(
        ui.painter(),
        pos2(cell.max.x - scale.px(28.0), cell.center().y),
        icon,
        tile.level,
        colour,
    );
    labelled(
        ui,
        cell.with_max_x(cell.max.x - scale.px(52.0)),
        Layout::right_to_left(Align::Center),
        |ui| {
            ui.label(
                RichText::new(&tile.value)
                    .size(value_size)
                    .strong()
                    .color(colour),
            );
        },
    );
    describe(
        ui,
        cell,
        &format!("{row} · {}", tile.label),
        tile,
        stale,
        language,
    );
}

/// The tile's age line: how old the newest input is, and STALE when it is not current.
fn age_text(tile: &TileView, stale: bool, language: Language) -> String {
    if stale {
        format!("{} · {}", language.stale(), tile.age)
    } else {
        tile.age.clone()
    }
}

/// An accessibility node over the tile that says everything it shows.
fn describe(ui: &mut Ui, rect: Rect, name: &str, tile: &TileView, stale: bool, language: Language) {
    let id = ui.scope_id().with(name);
    let response = ui.interact(rect, id, Sense::hover());
    let text = format!(
        "{name}: {} · {} · {}",
        tile.value,
        language.level(tile.level),
        age_text(tile, stale, language)
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Group, true, &text));
}

fn rect_outline(rect: Rect) -> Vec<Pos2> {
    vec![
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ]
}

/// Good: a filled circle. Warning: a triangle. Breach: a square. Neutral: nothing.
fn level_shape(painter: &egui::Painter, centre: Pos2, radius: f32, level: Level, colour: Color32) {
    match level {
        Level::Neutral => {}
        Level::Good => {
            painter.circle_filled(centre, radius, colour);
        }
        Level::Warning => {
            let h = radius * 1.1;
            painter.add(Shape::convex_polygon(
                vec![
                    pos2(centre.x, centre.y - h),
                    pos2(centre.x + h, centre.y + h * 0.8),
                    pos2(centre.x - h, centre.y + h * 0.8),
                ],
                colour,
                Stroke::NONE,
            ));
        }
        Level::Breach => {
            painter.rect_filled(
                Rect::from_center_size(centre, vec2(radius * 1.8, radius * 1.8)),
                0.0,
                colour,
            );
        }
    }
}

fn paint_charts(
    ui: &mut Ui,
    body: Rect,
    charts: &[ChartView],
    language: Language,
    palette: &Palette,
    scale: &Scale,
) {
    if charts.is_empty()
        || charts
            .iter()
            .all(|c| c.points.iter().all(|p| p.offered == 0))
    {
        centred_message(ui, body, language.no_data(), scale.px(40.0), palette.muted);
        return;
    }
    let columns = if charts.len() > 1 { 2 } else { 1 };
    let rows = charts.len().div_ceil(columns);
    let gap = scale.px(16.0);
    let w = (body.width() - gap * (columns as f32 - 1.0)) / columns as f32;
    let h = (body.height() - gap * (rows as f32 - 1.0)) / rows as f32;
    for (i, chart) in charts.iter().enumerate() {
        let (r, c) = (i / columns, i % columns);
        let rect = Rect::from_min_size(
            pos2(
                body.min.x + c as f32 * (w + gap),
                body.min.y + r as f32 * (h + gap),
            ),
            vec2(w, h),
        );
        ui.painter()
            .rect_filled(rect, CornerRadius::same(10), palette.panel);
        let title_h = scale.px(48.0);
        let title = Rect::from_min_size(
            rect.min + vec2(scale.px(16.0), 0.0),
            vec2(rect.width(), title_h),
        );
        labelled(ui, title, Layout::left_to_right(Align::Center), |ui| {
            ui.label(
                RichText::new(&chart.title)
                    .size(scale.px(30.0))
                    .color(palette.text),
            );
        });
        let plot = Rect::from_min_max(
            pos2(rect.min.x + scale.px(8.0), rect.min.y + title_h),
            rect.max - vec2(scale.px(12.0), scale.px(8.0)),
        );
        let spec = TrendChart {
            metric: chart.kind.metric(),
            points: &chart.points,
            labels: &chart.labels,
            target_pct: chart.target_pct,
            theme: ChartTheme {
                background: Rgb(palette.panel.r(), palette.panel.g(), palette.panel.b()),
                ..palette.chart
            },
            label_px: scale.px(20.0) as u32,
        };
        let painter = ui.painter_at(plot);
        let area = EguiBackend::new(&painter, plot).into_drawing_area();
        if let Err(error) = draw_trend(&area, &spec) {
            tracing::warn!(%error, "chart not drawn");
        }
        let response = ui.interact(plot, ui.scope_id().with(("chart", i)), Sense::hover());
        let intervals = chart.points.iter().filter(|p| p.offered > 0).count();
        let described = format!("{} · {intervals}", chart.title);
        response.widget_info(|| WidgetInfo::labeled(Role::Image, true, &described));
    }
}
