//! The survey scale scenario: a million surveys in SQLite (and PostgreSQL when
//! `FLOORWALKER_BENCH_PG_URL` names a server), imported from a million-row CSV, then the
//! review queue's filtered, sorted pages and comment searches timed one by one.
//!
//!     cargo run --release -p fw-store --example survey_scale [rows]
//!
//! Prints the import time and p50 / p95 / max of each query kind (with
//! `FLOORWALKER_BENCH_BY_MIX=1` also of each filter mix and order). Deterministic data: the
//! same rows every run.

#![allow(clippy::cast_possible_wrap)] // row counts and day offsets are far below 2^63

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use fw_store::Store;
use fw_survey::import::{ColumnMapping, ImportFormat, SourceEncoding, parse};
use fw_survey::scoring::SplitMix64;
use fw_survey::{NpsGroup, Range, SurveyFilter, SurveySort};

const SITES: [&str; 3] = ["north", "east", "south"];
const SKILLS: [&str; 10] = [
    "billing",
    "tech",
    "sales",
    "claims",
    "repairs",
    "refunds",
    "orders",
    "vip",
    "retention",
    "general",
];
const AGENTS: u64 = 900;
const COMMENTS: [&str; 16] = [
    "客服很耐心，问题解决了",
    "等待时间太长了",
    "退款很快到账了，点赞",
    "问题还是没有解决",
    "转了好几次才找到对的人",
    "维修一直拖着，很失望",
    "说好回电也没人打过来",
    "语音菜单选项太多了",
    "Agent was very helpful",
    "Waited far too long on hold",
    "Still not fixed after two calls",
    "Refund came through the same day",
    "Was transferred and had to explain everything again",
    "The menu options were confusing",
    "Great service, sorted on the first call",
    "Nobody could tell me where my parcel is",
];
const SEARCHES: [&str; 10] = [
    "等待",
    "退款",
    "没有解决",
    "回电",
    "菜单",
    "refund",
    "transferred",
    "parcel",
    "helpful",
    "hold",
];
/// 2026-10-01 00:00 UTC+8.
const START_MS: i64 = 1_790_784_000_000;
const SPAN_MS: i64 = 60 * 86_400_000;

/// Deterministic data: fw-survey's SplitMix64, with bounds in the `u64`s this file counts in.
struct Rng(SplitMix64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0.below(n as usize) as u64
    }
}

fn csv(rows: u64) -> Vec<u8> {
    let mut rng = Rng(SplitMix64::new(7));
    let mut out = String::with_capacity(rows as usize * 110);
    out.push_str("call_ref,answered_at,site,queue,agent,wait_secs,talk_secs,escalated,callback,csat,nps,fcr,comment\n");
    for n in 0..rows {
        let site = SITES[rng.below(3) as usize];
        let skill = SKILLS[rng.below(10) as usize];
        let agent = rng.below(AGENTS);
        let at = START_MS + (n as i64 * SPAN_MS) / rows as i64;
        let csat = 1 + (rng.below(100) * rng.below(100) / 2000).min(4);
        let csat = 6 - csat.clamp(1, 5);
        let nps = rng.below(11);
        let comment = if rng.below(10) < 4 {
            COMMENTS[rng.below(COMMENTS.len() as u64) as usize]
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "bench-{n},{at},{site},{site}.{skill},agent-{agent:04},{},{},{},{},{csat},{nps},{},\"{comment}\"",
            rng.below(300),
            60 + rng.below(900),
            rng.below(10) == 0,
            rng.below(20) == 0,
            if rng.below(5) == 0 { "no" } else { "yes" },
        );
    }
    out.into_bytes()
}

fn filters(rng: &mut Rng) -> (String, SurveyFilter) {
    let site = SITES[rng.below(3) as usize].to_owned();
    let queue = format!("{site}.{}", SKILLS[rng.below(10) as usize]);
    let agent = format!("agent-{:04}", rng.below(AGENTS));
    let day = START_MS + rng.below(50) as i64 * 86_400_000;
    match rng.below(9) {
        0 => ("none".into(), SurveyFilter::default()),
        1 => (
            "site".into(),
            SurveyFilter {
                site: Some(site),
                ..Default::default()
            },
        ),
        2 => (
            "queue".into(),
            SurveyFilter {
                queue: Some(queue),
                ..Default::default()
            },
        ),
        3 => (
            "agent".into(),
            SurveyFilter {
                agent: Some(agent),
                ..Default::default()
            },
        ),
        4 => (
            "detractors in a site".into(),
            SurveyFilter {
                site: Some(site),
                nps_group: Some(NpsGroup::Detractor),
                ..Default::default()
            },
        ),
        5 => (
            "CSAT 1-2 with comment".into(),
            SurveyFilter {
                csat: Range {
                    min: Some(1),
                    max: Some(2),
                },
                has_comment: Some(true),
                ..Default::default()
            },
        ),
        6 => (
            "one week".into(),
            SurveyFilter {
                from_ms: Some(day),
                to_ms: Some(day + 7 * 86_400_000),
                ..Default::default()
            },
        ),
        7 => (
            "queue, unreviewed, FCR no".into(),
            SurveyFilter {
                queue: Some(queue),
                reviewed: Some(false),
                first_contact_resolution: Some(false),
                ..Default::default()
            },
        ),
        _ => (
            "agent in a week".into(),
            SurveyFilter {
                agent: Some(agent),
                from_ms: Some(day),
                to_ms: Some(day + 7 * 86_400_000),
                ..Default::default()
            },
        ),
    }
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    format!(
        "n={} p50={:.1} ms p95={:.1} ms max={:.1} ms",
        samples.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    )
}

async fn scenario(store: &Store, bytes: &[u8], label: &str) -> anyhow::Result<()> {
    let rows_in = bytes.split(|b| *b == b'\n').count().saturating_sub(2);
    let started = Instant::now();
    let rows = parse(
        bytes,
        ImportFormat::Csv,
        SourceEncoding::Utf8,
        &ColumnMapping::default(),
        "import:bench.csv",
    )
    .map_err(|e| anyhow::anyhow!("{e}: {:?}", e.problems.first()))?;
    let parsed = started.elapsed();
    let records: Vec<_> = rows.into_iter().map(|r| r.record).collect();
    let outcome = store.import_surveys(&records, false, START_MS).await?;
    let total = started.elapsed();
    drop(records);
    println!(
        "[{label}] import of {rows_in} CSV rows: parse {:.2} s, store {:.2} s, total {:.2} s ({} stored)",
        parsed.as_secs_f64(),
        total.saturating_sub(parsed).as_secs_f64(),
        total.as_secs_f64(),
        outcome.stored
    );

    let mut rng = Rng(SplitMix64::new(11));
    let mut pages = Vec::new();
    let mut worst: (Duration, String) = (Duration::ZERO, String::new());
    let mut by_mix: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    for n in 0..300 {
        let (name, filter) = filters(&mut rng);
        let offset = rng.below(4) * 50;
        let sort = if rng.below(4) == 0 {
            SurveySort::Newest
        } else {
            SurveySort::Need
        };
        let t = Instant::now();
        let page = store.survey_page(&filter, sort, offset, 50).await?;
        let took = t.elapsed();
        if took > worst.0 {
            worst = (
                took,
                format!(
                    "{name} ({sort:?}, offset {offset}, {} rows; page {} of 300)",
                    page.rows.len(),
                    n + 1
                ),
            );
        }
        pages.push(took);
        by_mix
            .entry(format!("{name}, {sort:?}"))
            .or_default()
            .push(took);
    }
    println!(
        "[{label}] review queue page (50 rows, filtered, sorted, with capped count): {}",
        percentiles(pages)
    );
    println!(
        "[{label}]   slowest: {:.1} ms for {}",
        worst.0.as_secs_f64() * 1e3,
        worst.1
    );
    if std::env::var_os("FLOORWALKER_BENCH_BY_MIX").is_some() {
        for (mix, samples) in by_mix {
            println!("[{label}]   {mix}: {}", percentiles(samples));
        }
    }

    let mut searches = Vec::new();
    for round in 0..10 {
        for term in SEARCHES {
            let filter = SurveyFilter {
                text: Some(term.to_owned()),
                site: (round % 2 == 1).then(|| SITES[round % 3].to_owned()),
                ..Default::default()
            };
            let t = Instant::now();
            let page = store.survey_page(&filter, SurveySort::Need, 0, 50).await?;
            searches.push(t.elapsed());
            assert!(!page.rows.is_empty(), "{term} finds comments");
        }
    }
    println!(
        "[{label}] full-text search page (Chinese and English terms): {}",
        percentiles(searches)
    );
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let rows: u64 = std::env::args()
        .nth(1)
        .map_or(Ok(1_000_000), |a| a.parse())?;
    let bytes = csv(rows);
    println!("{rows} surveys, {:.0} MB of CSV", bytes.len() as f64 / 1e6);
    let dir = tempfile::tempdir()?;
    // FLOORWALKER_BENCH_SQLITE_FILE keeps the database (replaced if present) for a look at
    // query plans afterwards, e.g. with `sqlite3 FILE "EXPLAIN QUERY PLAN …"`.
    let path = match std::env::var_os("FLOORWALKER_BENCH_SQLITE_FILE") {
        Some(file) => {
            let file = std::path::PathBuf::from(file);
            for suffix in ["", "-wal", "-shm"] {
                let mut name = file.clone().into_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(name);
            }
            file
        }
        None => dir.path().join("surveys.db"),
    };
    let url = format!("sqlite://{}", path.display());
    let store = Store::open(&url).await?;
    scenario(&store, &bytes, "sqlite").await?;
    store.close().await;
    if let Ok(pg) = std::env::var("FLOORWALKER_BENCH_PG_URL") {
        let store = Store::open(&pg).await?;
        scenario(&store, &bytes, "postgres").await?;
        store.close().await;
    }
    Ok(())
}
