//! Decode throughput over the recorded transcripts, concatenated: MB/s and frames/s for
//! framing alone, and for the full path a connector runs (framing, classification,
//! typed views, correlation). Run: `cargo bench -p fw-ami --bench decode`.
//!
//! Bytes are fed in 4 KiB pieces, the size of a typical socket read.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fw_ami::{Correlator, Decoder, Message};
use std::hint::black_box;
use std::time::Duration;

#[allow(dead_code)]
#[path = "../tests/ami/support/transcript.rs"]
mod transcript;

const READ_SIZE: usize = 4096;

fn stream() -> Vec<u8> {
    transcript::all()
        .iter()
        .flat_map(transcript::Transcript::received)
        .collect()
}

/// Framing only: bytes to frames.
fn decode_frames(bytes: &[u8]) -> usize {
    let mut decoder = Decoder::new();
    let mut frames = 0;
    for chunk in bytes.chunks(READ_SIZE) {
        decoder.feed(chunk);
        while let Some(item) = decoder.next_frame() {
            black_box(item.expect("transcripts decode"));
            frames += 1;
        }
    }
    frames
}

/// What a connector does per frame: classify, type the events, correlate responses.
fn decode_full(bytes: &[u8]) -> usize {
    let mut decoder = Decoder::new();
    let mut correlator = Correlator::new();
    let mut frames = 0;
    for chunk in bytes.chunks(READ_SIZE) {
        decoder.feed(chunk);
        while let Some(item) = decoder.next_message() {
            let message = item.expect("transcripts decode");
            if let Message::Event(event) = &message {
                black_box(event.typed().expect("typed view"));
            }
            black_box(correlator.route(message));
            frames += 1;
        }
    }
    frames
}

fn bench(c: &mut Criterion) {
    let bytes = stream();
    let frames = decode_frames(&bytes);
    println!(
        "input: {} transcripts concatenated, {} bytes, {frames} frames",
        transcript::all().len(),
        bytes.len()
    );

    let mut group = c.benchmark_group("decode");
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("frames (bytes)", |b| {
        b.iter(|| decode_frames(black_box(&bytes)));
    });
    group.bench_function("typed+correlated (bytes)", |b| {
        b.iter(|| decode_full(black_box(&bytes)));
    });
    group.throughput(Throughput::Elements(frames as u64));
    group.bench_function("frames (frames)", |b| {
        b.iter(|| decode_frames(black_box(&bytes)));
    });
    group.bench_function("typed+correlated (frames)", |b| {
        b.iter(|| decode_full(black_box(&bytes)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
