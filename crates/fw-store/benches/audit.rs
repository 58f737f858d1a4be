//! Audit append throughput (one appender, and eight at once through one store) and chain
//! verification speed, on a SQLite file and, when `FLOORWALKER_TEST_PG_URL` names a server
//! (`scripts/pg-test.sh start`), on PostgreSQL.
//!
//! `cargo bench -p fw-store --bench audit`. Appends are durable on both backends (SQLite
//! WAL with `synchronous=FULL`; PostgreSQL defaults), so these numbers include one disk
//! flush per append: what the console pays per audited action.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fw_store::{AuditEntry, AuditOutcome, Store};
use sqlx::{Connection, Executor, PgConnection};

const PG_VAR: &str = "FLOORWALKER_TEST_PG_URL";
const CONCURRENT: u64 = 8;

fn entry(i: u64) -> AuditEntry {
    AuditEntry {
        at_ms: 1_767_225_600_000 + i.cast_signed(),
        user: "lin.wei".into(),
        role: "supervisor".into(),
        action: "monitor.start".into(),
        outcome: if i.is_multiple_of(10) {
            AuditOutcome::Denied {
                reason: "barge needs the senior role".into(),
            }
        } else {
            AuditOutcome::Allowed
        },
        call: Some(i),
        agent: Some(1_042),
        queue: Some(3),
        mode: Some("listen".into()),
        detail: String::new(),
    }
}

/// A database to run on.
struct Target {
    name: &'static str,
    url: String,
    /// PostgreSQL: the server's URL and the bench database to drop afterwards.
    drop_after: Option<(String, String)>,
}

/// Where to run: a fresh SQLite file, and a fresh PostgreSQL database when a server is given.
fn targets(rt: &tokio::runtime::Runtime, dir: &std::path::Path) -> Vec<Target> {
    let sqlite = Target {
        name: "sqlite_file",
        url: format!("sqlite://{}", dir.join("bench.db").display()),
        drop_after: None,
    };
    let mut out = vec![sqlite];
    match std::env::var(PG_VAR) {
        Ok(admin) => {
            let name = format!("fw_bench_{}", std::process::id());
            rt.block_on(async {
                let mut conn = PgConnection::connect(&admin)
                    .await
                    .expect("the PostgreSQL server is reachable");
                conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
                    .await
                    .unwrap();
                conn.execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .unwrap();
            });
            let (base, _) = admin.rsplit_once('/').expect("a database URL");
            let url = format!("{base}/{name}");
            out.push(Target {
                name: "postgres",
                url,
                drop_after: Some((admin, name)),
            });
        }
        Err(_) => {
            println!("SKIPPED postgres: {PG_VAR} not set (scripts/pg-test.sh start prints one)");
        }
    }
    out
}

fn audit(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("audit");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for Target {
        name,
        url,
        drop_after,
    } in targets(&rt, dir.path())
    {
        let store = rt.block_on(Store::open(&url)).unwrap();
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::new("append_1_appender", name), |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    for i in 0..iters {
                        store.append_audit(&entry(i)).await.unwrap();
                    }
                    start.elapsed()
                })
            });
        });
        group.bench_function(BenchmarkId::new("append_8_appenders", name), |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    let tasks: Vec<_> = (0..CONCURRENT)
                        .map(|t| {
                            let store = store.clone();
                            // Share `iters` appends out; the first tasks take the remainder.
                            let mine = iters / CONCURRENT + u64::from(t < iters % CONCURRENT);
                            tokio::spawn(async move {
                                for i in 0..mine {
                                    store.append_audit(&entry(i)).await.unwrap();
                                }
                            })
                        })
                        .collect();
                    for task in tasks {
                        task.await.unwrap();
                    }
                    start.elapsed()
                })
            });
        });
        // Whatever the append runs left behind: thousands of records.
        let records = match rt.block_on(store.verify_audit()).unwrap() {
            fw_store::AuditVerification::Intact { records } => records,
            tampered @ fw_store::AuditVerification::Tampered { .. } => panic!("{tampered}"),
        };
        println!("{name}: verifying a chain of {records} records");
        group.throughput(Throughput::Elements(records));
        group.bench_function(BenchmarkId::new("verify_chain", name), |b| {
            b.iter(|| rt.block_on(store.verify_audit()).unwrap());
        });
        rt.block_on(store.close());
        if let Some((admin, db)) = drop_after {
            rt.block_on(async {
                let mut conn = PgConnection::connect(&admin).await.unwrap();
                conn.execute(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)").as_str())
                    .await
                    .unwrap();
            });
        }
    }
    group.finish();
}

criterion_group!(benches, audit);
criterion_main!(benches);
