//! A plotters backend that draws into an egui painter, so the wallboard's charts are the
//! same chart-building code as the console's SVG ones (fw-charts), drawn natively: crisp at
//! any size, with egui's fonts (CJK included) for the labels.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// Draws plotters output into `rect` of an egui painter.
pub struct EguiBackend<'a> {
    painter: &'a Painter,
    rect: Rect,
}

impl std::fmt::Debug for EguiBackend<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EguiBackend")
            .field("rect", &self.rect)
            .finish_non_exhaustive()
    }
}

impl<'a> EguiBackend<'a> {
    pub fn new(painter: &'a Painter, rect: Rect) -> EguiBackend<'a> {
        EguiBackend { painter, rect }
    }

    fn pos(&self, (x, y): BackendCoord) -> Pos2 {
        pos2(self.rect.min.x + x as f32, self.rect.min.y + y as f32)
    }
}

fn color(c: BackendColor) -> Color32 {
    let (r, g, b) = c.rgb;
    Color32::from_rgba_unmultiplied(r, g, b, (c.alpha.clamp(0.0, 1.0) * 255.0).round() as u8)
}

fn stroke<S: BackendStyle>(style: &S) -> Stroke {
    Stroke::new(style.stroke_width().max(1) as f32, color(style.color()))
}

/// Text sizes in plotters are 1.24 times the pixel size it lays out (see fw-charts).
fn font(size: f64) -> FontId {
    FontId::proportional((size / 1.24) as f32)
}

impl DrawingBackend for EguiBackend<'_> {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        (
            self.rect.width().max(0.0) as u32,
            self.rect.height().max(0.0) as u32,
        )
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let min = self.pos(point);
        self.painter.rect_filled(
            Rect::from_min_size(min, egui::vec2(1.0, 1.0)),
            0.0,
            color(c),
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.painter
            .line_segment([self.pos(from), self.pos(to)], stroke(style));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let rect = Rect::from_two_pos(self.pos(upper_left), self.pos(bottom_right));
        if fill {
            self.painter.rect_filled(rect, 0.0, color(style.color()));
        } else {
            self.painter
                .rect_stroke(rect, 0.0, stroke(style), egui::StrokeKind::Inside);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points: Vec<Pos2> = path.into_iter().map(|p| self.pos(p)).collect();
        if points.len() >= 2 {
            self.painter.add(Shape::line(points, stroke(style)));
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let center = self.pos(center);
        if fill {
            self.painter
                .circle_filled(center, radius as f32, color(style.color()));
        } else {
            self.painter
                .circle_stroke(center, radius as f32, stroke(style));
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points: Vec<Pos2> = vert.into_iter().map(|p| self.pos(p)).collect();
        if points.len() >= 3 {
            self.painter.add(Shape::convex_polygon(
                points,
                color(style.color()),
                Stroke::NONE,
            ));
        }
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let anchor = style.anchor();
        let align = Align2([
            match anchor.h_pos {
                HPos::Left => egui::Align::Min,
                HPos::Center => egui::Align::Center,
                HPos::Right => egui::Align::Max,
            },
            match anchor.v_pos {
                VPos::Top => egui::Align::Min,
                VPos::Center => egui::Align::Center,
                VPos::Bottom => egui::Align::Max,
            },
        ]);
        self.painter.text(
            self.pos(pos),
            align,
            text,
            font(style.size()),
            color(style.color()),
        );
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let galley =
            self.painter
                .layout_no_wrap(text.to_string(), font(style.size()), Color32::WHITE);
        Ok((galley.size().x.ceil() as u32, galley.size().y.ceil() as u32))
    }
}
