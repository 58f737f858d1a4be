//! Guessing a [`ColumnMapping`] from a file's header row, for the import dialog's first
//! suggestion (the person importing confirms or corrects it).

use super::field::{FIELD_COUNT, Field};
use super::mapping::ColumnMapping;

/// Header names each field is known by in the exports we meet, normalised (see
/// [`normalise`]), in [`Field::ALL`] order. English names match whole; Chinese names also
/// match inside a longer header ("满意度评分" is CSAT), in a second pass.
const ALIASES: [&[&str]; FIELD_COUNT] = [
    // Call reference.
    &[
        "callref",
        "callid",
        "uniqueid",
        "callreference",
        "call",
        "linkedid",
        "通话id",
        "通话编号",
        "呼叫id",
        "呼叫编号",
        "通话流水号",
        "流水号",
    ],
    // Answered at.
    &[
        "answeredat",
        "timestamp",
        "time",
        "date",
        "datetime",
        "surveytime",
        "surveydate",
        "createdat",
        "submittedat",
        "时间",
        "日期",
        "评价时间",
        "调查时间",
        "结束时间",
    ],
    // CSAT.
    &[
        "csat",
        "satisfaction",
        "satisfactionscore",
        "csatscore",
        "score",
        "rating",
        "满意度",
        "满意度评分",
        "评分",
        "满意",
    ],
    // NPS.
    &[
        "nps",
        "npsscore",
        "recommend",
        "likelihoodtorecommend",
        "推荐",
        "推荐度",
        "推荐意愿",
        "净推荐值",
    ],
    // First-contact resolution.
    &[
        "fcr",
        "firstcontactresolution",
        "resolved",
        "resolution",
        "首次解决",
        "一次解决",
        "是否解决",
        "解决",
    ],
    // Comment.
    &[
        "comment",
        "comments",
        "feedback",
        "remark",
        "remarks",
        "note",
        "notes",
        "verbatim",
        "评论",
        "备注",
        "留言",
        "意见",
        "反馈",
        "评价内容",
    ],
    // Site.
    &[
        "site", "location", "centre", "center", "站点", "中心", "职场",
    ],
    // Queue.
    &["queue", "skill", "skillgroup", "队列", "技能组"],
    // Agent.
    &[
        "agent",
        "agentname",
        "member",
        "membername",
        "坐席",
        "座席",
        "客服",
        "坐席姓名",
        "客服人员",
        "工号",
    ],
    // Wait.
    &[
        "waitsecs",
        "wait",
        "waittime",
        "waitseconds",
        "queuetime",
        "holdtime",
        "等待时长",
        "等待时间",
        "排队时长",
        "排队时间",
        "等待",
    ],
    // Talk.
    &[
        "talksecs",
        "talk",
        "talktime",
        "talkseconds",
        "duration",
        "billsec",
        "通话时长",
    ],
    // Escalated.
    &[
        "escalated",
        "escalation",
        "transferred",
        "升级",
        "是否升级",
        "转接",
    ],
    // Callback.
    &["callback", "回拨", "回呼", "预约回拨"],
];

fn aliases(field: Field) -> &'static [&'static str] {
    ALIASES[field.slot()]
}

/// The order of the second (containment) pass: fields whose Chinese names are the more
/// specific go first, so "等待时间" is the wait before "时间" can claim it as the time.
const CONTAINMENT_ORDER: [Field; FIELD_COUNT] = [
    Field::WaitSecs,
    Field::TalkSecs,
    Field::Nps,
    Field::FirstContactResolution,
    Field::Csat,
    Field::Comment,
    Field::Escalated,
    Field::Callback,
    Field::CallRef,
    Field::Site,
    Field::Queue,
    Field::Agent,
    Field::AnsweredAt,
];

/// Lower case, without spaces, underscores, hyphens and dots: "Call_ID", "call id" and
/// "call-id" are one name.
fn normalise(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl ColumnMapping {
    /// The likeliest mapping for a file with these headers. Each header serves one field;
    /// a field no header matches keeps [`ColumnMapping::default`]'s name (so a missing
    /// required column is reported by name when the file is parsed). The UTC offset is the
    /// default's: a header row does not say it.
    pub fn guess(headers: &[&str]) -> ColumnMapping {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut claimed = vec![false; headers.len()];
        let mut found = [false; FIELD_COUNT];
        let mut mapping = ColumnMapping::default();

        // First pass: whole-name matches, for every field.
        for field in Field::ALL {
            for alias in aliases(field) {
                if let Some(position) =
                    (0..headers.len()).find(|&i| !claimed[i] && normalised[i] == *alias)
                {
                    claimed[position] = true;
                    found[field.slot()] = true;
                    mapping.set_column(field, headers[position].trim().to_owned());
                    break;
                }
            }
        }
        // Second pass: Chinese names inside longer headers, most specific field first.
        for field in CONTAINMENT_ORDER {
            if found[field.slot()] {
                continue;
            }
            let chinese = aliases(field).iter().filter(|alias| !alias.is_ascii());
            for alias in chinese {
                if let Some(position) =
                    (0..headers.len()).find(|&i| !claimed[i] && normalised[i].contains(alias))
                {
                    claimed[position] = true;
                    found[field.slot()] = true;
                    mapping.set_column(field, headers[position].trim().to_owned());
                    break;
                }
            }
        }
        mapping
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_own_headers_guess_the_default() {
        let headers = crate::export::CSV_HEADER;
        assert_eq!(ColumnMapping::guess(headers), ColumnMapping::default());
    }

    #[test]
    fn english_headers_match_whatever_their_case_and_separators() {
        let mapping = ColumnMapping::guess(&[
            "Call ID",
            "Timestamp",
            "Satisfaction",
            "NPS Score",
            "Comment",
            "Agent Name",
            "Hold-Time",
        ]);
        assert_eq!(mapping.call_ref, "Call ID");
        assert_eq!(mapping.answered_at, "Timestamp");
        assert_eq!(mapping.csat, "Satisfaction");
        assert_eq!(mapping.nps.as_deref(), Some("NPS Score"));
        assert_eq!(mapping.comment.as_deref(), Some("Comment"));
        assert_eq!(mapping.agent.as_deref(), Some("Agent Name"));
        assert_eq!(mapping.wait_secs.as_deref(), Some("Hold-Time"));
        // Not in the file: the default's names.
        assert_eq!(mapping.site.as_deref(), Some("site"));
    }

    #[test]
    fn chinese_headers_match_whole_or_inside_longer_names() {
        let mapping = ColumnMapping::guess(&[
            "通话ID",
            "评价时间",
            "等待时间(秒)",
            "满意度评分",
            "是否推荐",
            "问题是否解决",
            "备注",
            "坐席姓名",
            "技能组",
        ]);
        assert_eq!(mapping.call_ref, "通话ID");
        assert_eq!(mapping.answered_at, "评价时间");
        assert_eq!(mapping.wait_secs.as_deref(), Some("等待时间(秒)"));
        assert_eq!(mapping.csat, "满意度评分");
        assert_eq!(mapping.nps.as_deref(), Some("是否推荐"));
        assert_eq!(
            mapping.first_contact_resolution.as_deref(),
            Some("问题是否解决")
        );
        assert_eq!(mapping.comment.as_deref(), Some("备注"));
        assert_eq!(mapping.agent.as_deref(), Some("坐席姓名"));
        assert_eq!(mapping.queue.as_deref(), Some("技能组"));
    }

    #[test]
    fn a_generic_time_column_does_not_steal_the_wait() {
        let mapping = ColumnMapping::guess(&["uniqueid", "时间", "等待时间", "满意度"]);
        assert_eq!(mapping.answered_at, "时间");
        assert_eq!(mapping.wait_secs.as_deref(), Some("等待时间"));
        assert_eq!(mapping.csat, "满意度");
    }
}
