//! Additive counters: one set per queue per minute, summed over a window.

/// Everything the cumulative figures are derived from. All fields add up across minutes,
/// queues and sites, so any window or roll-up is a plain sum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Calls that entered the queue.
    pub offered: u32,
    pub answered: u32,
    /// Answered with a queue wait of at most the SL threshold T.
    pub answered_within_threshold: u32,
    /// Every abandon, short or not.
    pub abandoned: u32,
    /// Abandons within the short-abandon threshold.
    pub short_abandons: u32,
    /// Abandons that count towards SL and abandon rate (not short, unless configured so).
    pub counted_abandons: u32,
    /// Counted abandons whose wait was at most T (met under the "abandons within T" variant).
    pub counted_abandons_within_threshold: u32,
    pub callbacks: u32,
    /// Calls escalated out of this queue (e.g. to tier 2).
    pub escalations: u32,
    /// Calls that left for another reason (timeout, withdrawn, closed).
    pub left_other: u32,
    /// Of `offered`: calls routing moved here from another queue they were waiting in (a
    /// site failover, or a mode ending and the call going back to the queue it chose).
    pub moved_in: u32,
    /// Of `left_other`: calls withdrawn from here that routing queued elsewhere.
    pub moved_out: u32,
    /// Answered calls whose talk ended.
    pub handled: u32,
    /// Sum of queue waits of answered calls.
    pub answered_wait_ms: u64,
    pub talk_ms: u64,
    pub hold_ms: u64,
    pub wrap_ms: u64,
    /// Agent time ringing, on calls or in wrap-up.
    pub busy_ms: u64,
    /// Agent time available and idle.
    pub idle_ms: u64,
}

impl Counters {
    /// The centre's count of these (summed) counters: a call routing moved between queues
    /// was offered to each queue it entered, and left the first one, but it is one call
    /// offered to the centre with one outcome. Apply once, to the centre's sum only: a
    /// queue or a site counts the calls that entered it.
    #[must_use]
    pub fn moves_netted(mut self) -> Counters {
        self.offered = self.offered.saturating_sub(self.moved_in);
        self.left_other = self.left_other.saturating_sub(self.moved_out);
        self.moved_in = 0;
        self.moved_out = 0;
        self
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Counters) {
        self.offered += other.offered;
        self.answered += other.answered;
        self.answered_within_threshold += other.answered_within_threshold;
        self.abandoned += other.abandoned;
        self.short_abandons += other.short_abandons;
        self.counted_abandons += other.counted_abandons;
        self.counted_abandons_within_threshold += other.counted_abandons_within_threshold;
        self.callbacks += other.callbacks;
        self.escalations += other.escalations;
        self.left_other += other.left_other;
        self.moved_in += other.moved_in;
        self.moved_out += other.moved_out;
        self.handled += other.handled;
        self.answered_wait_ms += other.answered_wait_ms;
        self.talk_ms += other.talk_ms;
        self.hold_ms += other.hold_ms;
        self.wrap_ms += other.wrap_ms;
        self.busy_ms += other.busy_ms;
        self.idle_ms += other.idle_ms;
    }
}
