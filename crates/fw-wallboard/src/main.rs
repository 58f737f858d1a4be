//! `floorwalker-wallboard`: the kiosk binary. Full screen on the embedded simulator by
//! default (the same platform settings as the console, from `FLOORWALKER_*` variables).
//!
//! Options:
//!   --config <file>      the wallboard file (default: $FLOORWALKER_WALLBOARD_CONFIG, else built-in pages)
//!   --windowed           a normal window instead of full screen (for setting a board up)
//!   --size <W>x<H>       window size (default 1920x1080)
//!   --screenshot <png>   write a PNG once live figures are on screen
//!   --exit-after-screenshot

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use fw_app::AppConfig;
use fw_wallboard::fonts::CjkFont;
use fw_wallboard::{ScreenshotRequest, SystemClock, WallboardApp, WallboardConfig, repaint};

#[derive(Debug, Default)]
struct Args {
    config: Option<PathBuf>,
    windowed: bool,
    size: Option<(f32, f32)>,
    screenshot: Option<PathBuf>,
    exit_after_screenshot: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args::default();
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--config" => args.config = Some(iter.next().context("--config needs a file")?.into()),
            "--windowed" => args.windowed = true,
            "--size" => {
                let value = iter.next().context("--size needs WxH")?;
                let (w, h) = value
                    .split_once('x')
                    .context("--size needs WxH, e.g. 1920x1080")?;
                args.size = Some((
                    w.parse().context("--size width")?,
                    h.parse().context("--size height")?,
                ));
            }
            "--screenshot" => {
                args.screenshot = Some(iter.next().context("--screenshot needs a file")?.into())
            }
            "--exit-after-screenshot" => args.exit_after_screenshot = true,
            "--help" | "-h" => {
                println!(
                    "{}",
                    include_str!("main.rs")
                        .lines()
                        .take(9)
                        .map(|l| l.trim_start_matches("//!").trim_start_matches(' '))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                std::process::exit(0);
            }
            other => bail!("unknown option {other:?} (try --help)"),
        }
    }
    if args.config.is_none() {
        args.config = std::env::var_os("FLOORWALKER_WALLBOARD_CONFIG").map(PathBuf::from);
    }
    Ok(args)
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FLOORWALKER_LOG")
                .unwrap_or_else(|_| "info,winit=warn,eframe=warn,egui_glow=warn".into()),
        )
        .init();
    let args = parse_args()?;
    let vars: Vec<(String, String)> = std::env::vars()
        .filter(|(key, _)| key.starts_with("FLOORWALKER_"))
        .collect();
    let app_config = AppConfig::from_vars(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .context("the platform configuration (FLOORWALKER_* environment variables) is invalid")?;
    let mut config = match &args.config {
        Some(path) => WallboardConfig::load(path)?,
        None => WallboardConfig::default(),
    };
    config.time_zone = app_config.calendar.tz();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_time()
        .build()
        .context("starting the async runtime")?;
    let present = fw_app::wall_clock();
    // The team's store is where the disaster-mode plan lives: without it the board still
    // shows the figures, and its banner says the routing state is unknown (never normal).
    config.routing_expected = true;
    let hub = runtime.block_on(async {
        match fw_app::start_display_hub(&app_config, present).await {
            Err(fw_app::StartError::Store(error)) => {
                tracing::warn!(%error, "the team's store cannot be opened: routing state unknown");
                Ok(fw_app::start_hub(&app_config, present)?)
            }
            started => anyhow::Ok(started?),
        }
    })?;
    {
        let hub = hub.clone();
        let window = config.window.into();
        runtime.spawn(async move {
            if let Err(error) = hub.set_window(window).await {
                tracing::error!(%error, "cannot choose the wallboard's window");
            }
        });
    }

    let font = CjkFont::find(
        config
            .cjk_font
            .as_deref()
            .map(|p| (std::path::Path::new(p), config.cjk_font_index)),
    );
    let font_problem = match &font {
        Ok(font) => {
            tracing::info!(path = %font.path.display(), "CJK font");
            None
        }
        Err(error) => {
            tracing::warn!(%error, "showing English only");
            Some(error.to_string())
        }
    };

    let (w, h) = args.size.unwrap_or((1920.0, 1080.0));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Floorwalker wallboard")
        .with_inner_size([w, h]);
    if !args.windowed {
        viewport = viewport.with_fullscreen(true).with_decorations(false);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let frames = hub.frames();
    let handle = runtime.handle().clone();
    eframe::run_native(
        "floorwalker-wallboard",
        options,
        Box::new(move |cc| {
            if let Ok(font) = &font {
                font.install(&cc.egui_ctx);
            }
            let mut app = WallboardApp::new(
                config,
                frames.clone(),
                Arc::new(SystemClock::default()),
                font_problem,
            )
            .cleared_by_renderer();
            if let Some(path) = args.screenshot {
                app = app.with_screenshot(ScreenshotRequest {
                    path,
                    then_exit: args.exit_after_screenshot,
                });
            }
            let ctx = cc.egui_ctx.clone();
            // A tiny delay rather than an immediate request: egui answers an immediate request
            // with two passes, and each pass is a full-HD render on a small box.
            handle.spawn(repaint::watch_frames(
                frames,
                app.shared(),
                app.config(),
                move || {
                    ctx.request_repaint_after(std::time::Duration::from_millis(1));
                },
            ));
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("the wallboard window failed: {error}"))?;
    drop(hub);
    Ok(())
}
