//! Arbitrary bytes through the whole inbound path: the decoder must not panic, must give
//! the same result however the input is split, and every frame it yields that can be
//! re-encoded must decode back to itself.

#![no_main]

use fw_ami::{Correlator, Decoded, Decoder, Message};
use libfuzzer_sys::fuzz_target;

fn decode(data: &[u8], piece: usize, limit: usize) -> Vec<Result<Decoded, fw_ami::DecodeError>> {
    let mut decoder = Decoder::with_max_frame_bytes(limit);
    let mut out = Vec::new();
    for chunk in data.chunks(piece.max(1)) {
        decoder.feed(chunk);
        out.extend(std::iter::from_fn(|| decoder.next_frame()));
    }
    if let Some(error) = decoder.finish() {
        out.push(Err(error));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, data)) = data.split_first() else {
        return;
    };
    // The first byte picks a piece size and, sometimes, a tiny frame limit.
    let piece = usize::from(control % 17) + 1;
    let limit = if control & 0x80 == 0 {
        fw_ami::DEFAULT_MAX_FRAME_BYTES
    } else {
        64
    };

    let whole = decode(data, data.len().max(1), limit);
    assert_eq!(whole, decode(data, piece, limit), "split-dependent result");

    let mut correlator = Correlator::new();
    let _ = correlator.expect("1");
    for item in whole {
        let Ok(decoded) = item else { continue };
        if let Decoded::Frame(frame) = &decoded {
            if let Ok(bytes) = frame.encode() {
                let mut again = Decoder::with_max_frame_bytes(usize::MAX);
                again.feed(&bytes);
                assert_eq!(again.next_frame(), Some(Ok(decoded.clone())), "round trip");
            }
        }
        if let Ok(message) = Message::try_from(decoded) {
            if let Message::Event(event) = &message {
                let _ = event.typed();
            }
            let _ = correlator.route(message);
        }
    }
});
