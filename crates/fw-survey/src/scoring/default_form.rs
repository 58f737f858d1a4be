//! The form a new installation starts with: the usual contact-centre QA items.

use super::form::{FormItem, ScoringForm};
use crate::agreement::Metric;

/// Key, English label, Simplified Chinese label.
const ITEMS: [(&str, &str, &str); 7] = [
    (
        "greeting",
        "Greeting and identification",
        "开场问候与身份确认",
    ),
    (
        "understanding",
        "Understanding the need",
        "准确理解客户需求",
    ),
    ("accuracy", "Accuracy of information", "信息准确性"),
    ("resolution", "Resolution", "问题解决"),
    ("empathy", "Empathy and tone", "同理心与语气"),
    (
        "compliance",
        "Compliance and verification",
        "合规与身份核验",
    ),
    ("closing", "Closing", "结束语"),
];

impl ScoringForm {
    /// Seven items on 1–5 scales (ordinal): greeting and identification, understanding the
    /// need, accuracy of information, resolution, empathy and tone, compliance and
    /// verification, closing. Id 0: the store gives it a real id when saving it.
    pub fn default_form() -> ScoringForm {
        ScoringForm {
            id: 0,
            name: "Standard call QA / 标准通话质检".to_owned(),
            items: ITEMS
                .iter()
                .map(|(key, label_en, label_zh)| FormItem {
                    key: (*key).to_owned(),
                    label_en: (*label_en).to_owned(),
                    label_zh: (*label_zh).to_owned(),
                    min: 1,
                    max: 5,
                    metric: Metric::Ordinal,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_form_is_valid_and_bilingual() {
        let form = ScoringForm::default_form();
        assert_eq!(form.validate(), Ok(()));
        assert_eq!(form.items.len(), 7);
        assert!(form.items.iter().all(|item| {
            !item.label_en.is_empty() && !item.label_zh.is_ascii() && (item.min, item.max) == (1, 5)
        }));
    }
}
