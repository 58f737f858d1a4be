//! The console at scale (issue 3's performance budget), measured rather than asserted: the
//! simulator at 10,000 agents and 504 queues, the console's CPU and resident memory sampled
//! from `/proc`, the event-to-screen delay read from the page's own stamps
//! (`window.floorwalkerScreen`), and the cold start from the process's start to the first
//! painted live tile. Ignored in the test suite (it runs for minutes); `scripts/bench-console.sh`
//! runs it against the release binary and BENCHMARKS.md records its figures.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::launch::Run;
use crate::wait_for;
use crate::webdriver::{Driver, Session};

/// Settings of the run, from the environment, with the scenario's defaults.
struct Scenario {
    app: String,
    agents: String,
    queues: String,
    speed: String,
    settle: Duration,
    measure: Duration,
}

impl Scenario {
    fn from_env() -> Scenario {
        let var = |key: &str, default: &str| std::env::var(key).unwrap_or_else(|_| default.into());
        Scenario {
            app: var("FLOORWALKER_CONSOLE_BIN", env!("CARGO_BIN_EXE_floorwalker")),
            agents: var("FLOORWALKER_SIM_AGENTS", "10000"),
            queues: var("FLOORWALKER_SIM_QUEUES", "504"),
            speed: var("FLOORWALKER_SIM_SPEED", "1"),
            settle: Duration::from_secs(var("BENCH_SETTLE_SECS", "20").parse().unwrap_or(20)),
            measure: Duration::from_secs(var("BENCH_MEASURE_SECS", "60").parse().unwrap_or(60)),
        }
    }
}

/// One process's counters at one moment.
#[derive(Clone, Copy, Debug, Default)]
struct ProcessSample {
    cpu_ticks: u64,
    rss_kib: u64,
}

/// A process's `/proc/<pid>/stat`: its command name and the fields after it (which start
/// with the state; the parent is the 2nd, utime and stime the 12th and 13th, the start time
/// the 20th). The name is cut out by its parentheses, as it may hold spaces.
fn proc_stat(pid: u32) -> Option<(String, Vec<String>)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(').map_or("", |(_, n)| n).to_owned();
    Some((name, rest.split_whitespace().map(str::to_owned).collect()))
}

fn stat_field<T: std::str::FromStr>(fields: &[String], index: usize) -> Option<T> {
    fields.get(index)?.parse().ok()
}

fn read_sample(pid: u32) -> Option<ProcessSample> {
    let (_, fields) = proc_stat(pid)?;
    let cpu_ticks = stat_field::<u64>(&fields, 11)? + stat_field::<u64>(&fields, 12)?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss_kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    Some(ProcessSample { cpu_ticks, rss_kib })
}

/// Every process's parent and command name.
fn process_table() -> HashMap<u32, (u32, String)> {
    let mut table = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Some((name, fields)) = proc_stat(pid)
            && let Some(parent) = stat_field(&fields, 1)
        {
            table.insert(pid, (parent, name));
        }
    }
    table
}

/// The console process (by its executable) and its descendants (WebKit's web and network
/// processes), with their names.
fn console_processes(app: &str) -> Vec<(u32, String)> {
    let app = std::fs::canonicalize(app).unwrap_or_else(|_| app.into());
    let table = process_table();
    let Some(root) = table
        .keys()
        .copied()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
    else {
        return Vec::new();
    };
    let mut found = vec![(root, table[&root].1.clone())];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index].0;
        for (pid, (ppid, name)) in &table {
            if *ppid == parent {
                found.push((*pid, name.clone()));
            }
        }
        index += 1;
    }
    found
}

/// When a process started, in Unix milliseconds (the kernel counts in clock ticks since boot).
fn started_at_ms(pid: u32, ticks_per_sec: f64) -> Option<f64> {
    let (_, fields) = proc_stat(pid)?;
    let start_ticks: f64 = stat_field(&fields, 19)?;
    // The boot time from the wall clock less the uptime (10 ms resolution): `/proc/stat`'s
    // `btime` is truncated to the second, which added up to a second to every cold start.
    let uptime_secs: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let booted_ms = now_ms() - uptime_secs * 1_000.0;
    Some(booted_ms + start_ticks / ticks_per_sec * 1_000.0)
}

fn ticks_per_sec() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1_000.0)
}

fn page_number(session: &Session, script: &str) -> Option<f64> {
    session.run(script, &[]).as_f64()
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// CPU and memory over the measuring window: (name, CPU % of one core, mean RSS MiB) per
/// process, the console process first.
fn sample_processes(
    processes: &[(u32, String)],
    measure: Duration,
    ticks_per_sec: f64,
) -> Vec<(String, f64, f64)> {
    let first: Vec<ProcessSample> = processes
        .iter()
        .map(|(pid, _)| read_sample(*pid).unwrap_or_default())
        .collect();
    let mut rss_sums = vec![0_u64; processes.len()];
    let seconds = measure.as_secs().max(1);
    for _ in 0..seconds {
        std::thread::sleep(Duration::from_secs(1));
        for (sum, (pid, _)) in rss_sums.iter_mut().zip(processes) {
            *sum += read_sample(*pid).map_or(0, |s| s.rss_kib);
        }
    }
    processes
        .iter()
        .zip(first)
        .zip(rss_sums)
        .map(|(((pid, name), before), rss_sum)| {
            let after = read_sample(*pid).unwrap_or(before);
            let cpu_secs = (after.cpu_ticks - before.cpu_ticks) as f64 / ticks_per_sec;
            let cpu_pct = 100.0 * cpu_secs / seconds as f64;
            let rss_mib = rss_sum as f64 / seconds as f64 / 1_024.0;
            (name.clone(), cpu_pct, rss_mib)
        })
        .collect()
}

#[test]
#[ignore = "the scale scenario runs for minutes: scripts/bench-console.sh"]
fn the_console_at_ten_thousand_agents_and_five_hundred_queues() {
    let scenario = Scenario::from_env();
    let Some(run) = Run::begin("scale") else {
        return;
    };
    // A home of its own, so the view this run opens is not what a user's console reopens.
    let home = run.dir.join("home").display().to_string();
    let driver = Driver::start(&[
        ("HOME", home.as_str()),
        ("FLOORWALKER_SIM_AGENTS", scenario.agents.as_str()),
        ("FLOORWALKER_SIM_QUEUES", scenario.queues.as_str()),
        ("FLOORWALKER_SIM_SPEED", scenario.speed.as_str()),
    ]);
    let session = Session::create(&driver, &scenario.app);
    let ticks = ticks_per_sec();
    let first_paint = wait_for(Duration::from_mins(2), "the first live tile", || {
        page_number(
            &session,
            "return window.floorwalkerScreen?.firstLivePaintMs ?? null;",
        )
    });
    let processes = console_processes(&scenario.app);
    assert!(!processes.is_empty(), "the console process is running");
    let started = started_at_ms(processes[0].0, ticks).expect("the console's start time");
    let tiles = session.count("[data-testid^=queue-tile-]");
    // Another view than the wallboard (e.g. "5" for the connection view), to see what the
    // wallboard's own drawing costs.
    if let Ok(key) = std::env::var("BENCH_VIEW_KEY") {
        session.press(&key, true, false);
    }
    std::thread::sleep(scenario.settle);

    let measured = "return window.floorwalkerScreen.measured;";
    let measured_before = page_number(&session, measured).unwrap_or(0.0) as usize;
    let events_before = page_number(
        &session,
        "return window.floorwalkerScreen.eventsReceived();",
    );
    let measuring_from = now_ms();
    let usage = sample_processes(&processes, scenario.measure, ticks);
    let events_after = page_number(
        &session,
        "return window.floorwalkerScreen.eventsReceived();",
    );
    let elapsed_secs = (now_ms() - measuring_from) / 1_000.0;
    let measured_in_window =
        page_number(&session, measured).unwrap_or(0.0) as usize - measured_before;
    let delays: Vec<f64> = match session.run("return window.floorwalkerScreen.delays();", &[]) {
        Value::Array(values) => values.iter().filter_map(Value::as_f64).collect(),
        _ => Vec::new(),
    };
    // The page keeps the newest delays only: the window's must all still be there.
    assert!(
        measured_in_window <= delays.len(),
        "{measured_in_window} frames measured but the page kept {}: shorten BENCH_MEASURE_SECS",
        delays.len()
    );
    let mut window = delays[delays.len() - measured_in_window..].to_vec();
    window.sort_by(f64::total_cmp);
    crate::launch::screenshot(&session, "scale-wallboard");

    let events_per_sec = match (events_before, events_after) {
        (Some(before), Some(after)) => (after - before) / elapsed_secs,
        _ => f64::NAN,
    };
    println!(
        "scale scenario: {} agents, {} queues, speed {}",
        scenario.agents, scenario.queues, scenario.speed
    );
    println!("| figure | measured |\n| --- | --- |");
    println!("| events received per second (measured) | {events_per_sec:.0} |");
    println!("| queue tiles on the wallboard | {tiles} |");
    println!(
        "| cold start: process start to first live tile painted | {:.2} s |",
        (first_paint - started) / 1_000.0
    );
    for (name, cpu, rss) in &usage {
        println!(
            "| {name}: CPU (% of one core) / resident memory, mean of {}s | {cpu:.1} % / {rss:.0} MiB |",
            scenario.measure.as_secs()
        );
    }
    let total_cpu: f64 = usage.iter().map(|(_, cpu, _)| cpu).sum();
    let total_rss: f64 = usage.iter().map(|(_, _, rss)| rss).sum();
    println!("| all console processes | {total_cpu:.1} % / {total_rss:.0} MiB |");
    println!(
        "| event to screen (frames with new events: {}): median / p99 / max | {:.0} / {:.0} / {:.0} ms |",
        window.len(),
        quantile(&window, 0.5),
        quantile(&window, 0.99),
        window.last().copied().unwrap_or(f64::NAN)
    );
    print_clock_offset(&session);
    assert!(
        !window.is_empty(),
        "frames with new events were painted while measuring"
    );
    drop(session);
    drop(driver);
}

/// The delays compare the hub's wall clock with the page's (`timeOrigin + now()`): prints how
/// far the page's clock is from the system's, read through a WebDriver round trip (the
/// harness's clock before and after bound it).
fn print_clock_offset(session: &Session) {
    let before = now_ms();
    let page_clock = page_number(
        session,
        "return performance.timeOrigin + performance.now();",
    )
    .unwrap_or(f64::NAN);
    let after = now_ms();
    println!(
        "| page clock minus system clock (bounds from one WebDriver round trip) | {:.0} to {:.0} ms |",
        page_clock - after,
        page_clock - before
    );
}
