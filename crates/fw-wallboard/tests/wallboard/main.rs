//! fw-wallboard's integration tests: the real app type (`WallboardApp`, built through eframe's
//! creation context) in egui_kittest with a manual clock, read through its accessibility
//! tree, plus PNG snapshots of each page and a smoke test of the real binary under Xvfb.

mod cjk;
mod pages;
mod privacy;
mod routing;
mod smoke;
mod snapshots;
mod stale;
mod support;
