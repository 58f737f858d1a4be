//! Erlang C: how many agents a queue needs to meet its service-level target.

/// The probability that a call waits (Erlang C) with `agents` agents and `traffic` Erlangs
/// of offered load. 1.0 when the queue is unstable (agents ≤ traffic).
pub fn erlang_c(agents: u32, traffic: f64) -> f64 {
    if traffic <= 0.0 {
        return 0.0;
    }
    if f64::from(agents) <= traffic {
        return 1.0;
    }
    let blocking = erlang_b(agents, traffic);
    let n = f64::from(agents);
    n * blocking / (n - traffic * (1.0 - blocking))
}

/// Erlang B by the numerically stable recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)).
fn erlang_b(agents: u32, traffic: f64) -> f64 {
    let mut blocking = 1.0;
    for n in 1..=agents {
        blocking = traffic * blocking / (f64::from(n) + traffic * blocking);
    }
    blocking
}

/// The share of calls answered within `threshold_secs` with `agents` agents, `traffic`
/// Erlangs and a mean handle time of `aht_secs`.
pub fn service_level(agents: u32, traffic: f64, aht_secs: f64, threshold_secs: f64) -> f64 {
    if f64::from(agents) <= traffic {
        return 0.0;
    }
    let waiting = erlang_c(agents, traffic);
    1.0 - waiting * (-(f64::from(agents) - traffic) * threshold_secs / aht_secs).exp()
}

/// The fewest agents that answer `target` (0–1) of calls within `threshold_secs`, at
/// `arrivals_per_sec` with mean handle time `aht_secs`. `None` when the inputs do not allow
/// an answer (no handle time yet, or an absurd load).
pub fn agents_required(
    arrivals_per_sec: f64,
    aht_secs: f64,
    threshold_secs: f64,
    target: f64,
) -> Option<u32> {
    const LIMIT: u32 = 100_000;
    if !(arrivals_per_sec.is_finite() && aht_secs.is_finite())
        || aht_secs <= 0.0
        || arrivals_per_sec < 0.0
    {
        return None;
    }
    if arrivals_per_sec == 0.0 {
        return Some(0);
    }
    let traffic = arrivals_per_sec * aht_secs;
    // Start just above the load; Erlang B is carried forward so the search is linear.
    let mut agents = (traffic.floor() as u32).saturating_add(1);
    let mut blocking = erlang_b(agents, traffic);
    while agents <= LIMIT {
        let n = f64::from(agents);
        let waiting = n * blocking / (n - traffic * (1.0 - blocking));
        let level = 1.0 - waiting * (-(n - traffic) * threshold_secs / aht_secs).exp();
        if level >= target {
            return Some(agents);
        }
        agents += 1;
        blocking = traffic * blocking / (f64::from(agents) + traffic * blocking);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // Published worked example (10 Erlangs: 100 calls per 30 minutes, 180 s handle time,
    // 80 % in 20 s): probability of waiting 68.21 % / 44.94 % / 28.53 % / 17.41 % for
    // 11 / 12 / 13 / 14 agents, and 14 agents needed (88.9 % answered within 20 s).
    #[test]
    fn matches_the_textbook_ten_erlang_example() {
        let cases = [(11, 0.6821), (12, 0.4494), (13, 0.2853), (14, 0.1741)];
        for (agents, expected) in cases {
            let got = erlang_c(agents, 10.0);
            assert!(
                (got - expected).abs() < 5e-4,
                "{agents} agents: {got} vs {expected}"
            );
        }
        let level = service_level(14, 10.0, 180.0, 20.0);
        assert!((level - 0.8884).abs() < 5e-4, "{level}");
        assert_eq!(agents_required(100.0 / 1800.0, 180.0, 20.0, 0.8), Some(14));
    }

    #[test]
    fn unstable_and_empty_queues() {
        assert!((erlang_c(5, 5.0) - 1.0).abs() < f64::EPSILON);
        assert!(erlang_c(5, 0.0).abs() < f64::EPSILON);
        assert_eq!(agents_required(0.0, 180.0, 20.0, 0.8), Some(0));
        assert_eq!(agents_required(1.0, 0.0, 20.0, 0.8), None);
    }

    #[test]
    fn large_loads_stay_finite() {
        let needed = agents_required(5.0, 300.0, 20.0, 0.8).unwrap();
        assert!((1500..1600).contains(&needed), "{needed}");
    }
}
