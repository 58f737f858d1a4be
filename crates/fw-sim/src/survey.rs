//! Post-call surveys: scores that follow the caller's experience, and comments that match.

use fw_domain::{CallId, Survey};

use crate::rng::SimRng;

/// Share of completed calls whose caller answers the survey.
pub(crate) const SURVEY_RESPONSE_RATE: f64 = 0.30;

/// What the survey depends on, captured when the call completes (the call itself is gone by
/// the time the answer arrives).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SurveySeed {
    pub call: CallId,
    /// Total time the caller spent waiting in queues, in seconds.
    pub wait_secs: u32,
    /// The answering agent's quality, in percent.
    pub agent_quality_pct: u8,
    /// The call went through tier 2.
    pub escalated: bool,
    /// The talk ran much longer than usual (a hard case).
    pub long_call: bool,
}

const PRAISE_ZH: [&str; 8] = [
    "客服很耐心，问题解决了",
    "服务态度很好，谢谢！",
    "解答得很专业，很快就处理好了",
    "小姐姐声音好听，讲解清楚",
    "非常满意，一次就解决了",
    "师傅上门时间安排得很合理",
    "退款很快到账了，点赞",
    "耐心指导我设置好了设备",
];
const PRAISE_EN: [&str; 6] = [
    "Agent was very helpful",
    "Quick and friendly, problem solved",
    "Explained everything clearly, thanks",
    "Great service, sorted on the first call",
    "Very patient with my questions",
    "Refund came through the same day",
];
const NEUTRAL_ZH: [&str; 6] = [
    "还可以，就是流程有点复杂",
    "问题解决了，但是花了不少时间",
    "一般吧，希望能更快一点",
    "客服态度还行，结果要等通知",
    "转了好几次才找到对的人",
    "语音菜单选项太多了",
];
const NEUTRAL_EN: [&str; 5] = [
    "OK, but it took a while",
    "Fine, still waiting for the follow-up",
    "The menu options were confusing",
    "Got an answer, not sure it will work",
    "Average experience",
];
const COMPLAINT_ZH: [&str; 8] = [
    "等待时间太长了",
    "问题还是没有解决",
    "打了好几次电话都没人处理",
    "客服不专业，答非所问",
    "维修一直拖着，很失望",
    "理赔流程太慢了",
    "态度很差，要投诉",
    "说好回电也没人打过来",
];
const COMPLAINT_EN: [&str; 6] = [
    "Still not fixed after two calls",
    "Waited far too long on hold",
    "Nobody could tell me where my parcel is",
    "The agent did not understand the problem",
    "Claim is still pending, very disappointed",
    "Was transferred and had to explain everything again",
];
const LONG_WAIT_ZH: [&str; 3] = ["等待时间太长了", "排队排了好久才接通", "电话一直打不进来"];
const LONG_WAIT_EN: [&str; 2] = [
    "Waited far too long to get through",
    "The queue was endless",
];

/// Composes a survey answer.
pub(crate) fn compose_survey(seed: &SurveySeed, reference: String, rng: &mut SimRng) -> Survey {
    let wait_penalty = (f64::from(seed.wait_secs.saturating_sub(20)) / 60.0).min(2.0);
    let quality = f64::from(seed.agent_quality_pct) / 100.0;
    let latent = 4.25 + 1.6 * (quality - 0.6)
        - wait_penalty
        - if seed.escalated { 0.5 } else { 0.0 }
        - if seed.long_call { 0.3 } else { 0.0 }
        + 0.85 * rng.standard_normal();
    let csat = latent.round().clamp(1.0, 5.0) as u8;
    // Callers who would recommend are mostly the satisfied ones.
    let nps = rng.chance(0.9).then(|| {
        (2.2 * f64::from(csat) - 1.2 + 1.1 * rng.standard_normal())
            .round()
            .clamp(0.0, 10.0) as u8
    });
    let resolved_chance = match (seed.escalated, seed.long_call) {
        (true, _) => 0.45,
        (false, true) => 0.7,
        (false, false) => 0.9,
    } * if csat <= 2 { 0.5 } else { 1.0 };
    let first_contact_resolution = rng.chance(0.95).then(|| rng.chance(resolved_chance));
    let comment = rng
        .chance(0.4)
        .then(|| pick_comment(csat, seed.wait_secs, rng).to_owned());
    Survey {
        reference,
        csat,
        nps,
        first_contact_resolution,
        comment,
    }
}

fn pick_comment(csat: u8, wait_secs: u32, rng: &mut SimRng) -> &'static str {
    // Most callers of these hotlines write in Chinese; some write in English.
    let chinese = rng.chance(0.65);
    let list: &[&str] = match (csat, chinese) {
        (1..=3, true) if wait_secs > 60 => &LONG_WAIT_ZH,
        (1..=3, false) if wait_secs > 60 => &LONG_WAIT_EN,
        (1 | 2, true) => &COMPLAINT_ZH,
        (1 | 2, false) => &COMPLAINT_EN,
        (3, true) => &NEUTRAL_ZH,
        (3, false) => &NEUTRAL_EN,
        (_, true) => &PRAISE_ZH,
        (_, false) => &PRAISE_EN,
    };
    let comment: &&'static str = rng.pick(list);
    comment
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_csat(seed: SurveySeed) -> f64 {
        let mut rng = SimRng::stream(11, 0);
        (0..4_000)
            .map(|_| f64::from(compose_survey(&seed, String::new(), &mut rng).csat))
            .sum::<f64>()
            / 4_000.0
    }

    #[test]
    fn long_waits_and_weak_agents_score_lower() {
        let good = SurveySeed {
            call: CallId(1),
            wait_secs: 5,
            agent_quality_pct: 85,
            escalated: false,
            long_call: false,
        };
        let slow = SurveySeed {
            wait_secs: 240,
            ..good
        };
        let weak = SurveySeed {
            agent_quality_pct: 30,
            ..good
        };
        assert!(mean_csat(good) > 4.0, "{}", mean_csat(good));
        assert!(mean_csat(slow) < mean_csat(good) - 1.0);
        assert!(mean_csat(weak) < mean_csat(good) - 0.3);
    }

    #[test]
    fn scores_stay_in_range_and_nps_follows_csat() {
        let mut rng = SimRng::stream(12, 0);
        let seed = SurveySeed {
            call: CallId(1),
            wait_secs: 40,
            agent_quality_pct: 60,
            escalated: true,
            long_call: true,
        };
        let mut nps_by_csat = [(0.0, 0); 6];
        for _ in 0..5_000 {
            let survey = compose_survey(&seed, String::new(), &mut rng);
            assert!((1..=5).contains(&survey.csat));
            if let Some(nps) = survey.nps {
                assert!(nps <= 10);
                let slot = &mut nps_by_csat[usize::from(survey.csat)];
                slot.0 += f64::from(nps);
                slot.1 += 1;
            }
        }
        let mean = |csat: usize| nps_by_csat[csat].0 / f64::from(nps_by_csat[csat].1);
        assert!(mean(5) > mean(3) && mean(3) > mean(1));
    }
}
