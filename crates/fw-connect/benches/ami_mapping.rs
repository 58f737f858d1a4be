//! The AMI mapping layer's throughput: typed AMI events in, sequenced domain events out.
//! Run: `cargo bench -p fw-connect --bench ami_mapping`.
//!
//! The stream is the recorded `01-queue-flow` (7 callers, 2 queues, 4 agents), repeated
//! 500 times with each round's channel ids made unique, so the mapper follows 3,500
//! distinct calls: 30,500 events. Each iteration maps the whole stream with a fresh mapper
//! (set up from the recording's QueueStatus, outside the timing).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fw_ami::{AmiEvent, Decoded, Decoder, Event, Frame};
use fw_connect::ami::{AmiMapper, MapperSettings, SnapshotLists};
use fw_domain::{SourceId, Timestamp};

#[allow(dead_code)]
#[path = "../../fw-ami/tests/ami/support/transcript.rs"]
mod transcript;

const ROUNDS: usize = 500;

fn recorded_frames() -> Vec<Frame> {
    let transcript = transcript::all()
        .into_iter()
        .find(|t| t.name == "01-queue-flow.txt")
        .expect("the 01 transcript");
    let mut decoder = Decoder::new();
    decoder.feed(&transcript.received());
    let mut frames = Vec::new();
    while let Some(decoded) = decoder.next_frame() {
        if let Ok(Decoded::Frame(frame)) = decoded {
            frames.push(frame);
        }
    }
    frames
}

/// The stream: the recording's own events, round after round, ids made unique per round.
fn stream(frames: &[Frame]) -> Vec<(AmiEvent, Timestamp)> {
    let events: Vec<&Frame> = frames
        .iter()
        .filter(|f| f.first().is_some_and(|(k, _)| k == "Event") && f.get("ActionID").is_none())
        .collect();
    let mut out = Vec::with_capacity(events.len() * ROUNDS);
    for round in 0..ROUNDS {
        for frame in &events {
            let renamed: Vec<(String, String)> = frame
                .iter()
                .map(|(k, v)| {
                    let unique = [
                        "Uniqueid",
                        "DestUniqueid",
                        "Linkedid",
                        "Channel",
                        "DestChannel",
                    ];
                    if unique.contains(&k) {
                        (k.to_owned(), format!("{v}-{round}"))
                    } else {
                        (k.to_owned(), v.to_owned())
                    }
                })
                .collect();
            let event = Event::from_frame(Frame::from(renamed));
            let at = Timestamp(1_795_343_685_000 + i64::try_from(round).unwrap_or(0) * 60_000);
            out.push((event.typed().expect("recorded events read"), at));
        }
    }
    out
}

fn lists(frames: &[Frame]) -> SnapshotLists {
    let queue_status = frames
        .iter()
        .filter(|f| matches!(f.get("Event"), Some("QueueParams" | "QueueMember")))
        .filter_map(|f| Event::from_frame(f.clone()).typed().ok())
        .collect();
    SnapshotLists {
        queue_status,
        channels: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let frames = recorded_frames();
    let stream = stream(&frames);
    let lists = lists(&frames);
    let mut group = c.benchmark_group("ami_mapping");
    group.throughput(Throughput::Elements(stream.len() as u64));
    group.bench_function("map 01-queue-flow x500", |b| {
        b.iter_batched(
            || {
                let mut mapper = AmiMapper::new("pbx", MapperSettings::default());
                mapper.resync(&lists, SourceId(1), Timestamp(1_795_343_680_000));
                (mapper, Vec::with_capacity(stream.len() * 2))
            },
            |(mut mapper, mut out)| {
                for (event, at) in &stream {
                    mapper.on_event(event, *at, &mut out);
                }
                black_box(out.len())
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
