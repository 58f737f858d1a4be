//! A scoring form: the items a QA rater scores on each call.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::agreement::Metric;

/// A form has at most this many items: longer forms are not filled in carefully.
pub const MAX_FORM_ITEMS: usize = 30;
/// The highest score an item's scale may reach (a 0–100 percentage scale).
pub const MAX_SCALE: u8 = 100;

/// One scored item: a question with a bilingual label and an integer scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormItem {
    /// Stable key, stored with each score (labels may be reworded; keys may not).
    pub key: String,
    pub label_en: String,
    pub label_zh: String,
    pub min: u8,
    pub max: u8,
    /// How agreement on this item is measured (ordinal for rating scales).
    pub metric: Metric,
}

/// A configurable form, versioned by id: a changed form is a new id, so old sheets keep
/// meaning what they meant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringForm {
    pub id: i64,
    pub name: String,
    pub items: Vec<FormItem>,
}

/// Why a form cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormError {
    #[error("the form has no items")]
    NoItems,
    #[error("the form has {0} items; at most {MAX_FORM_ITEMS} are allowed")]
    TooManyItems(usize),
    #[error("item {position} has no key")]
    EmptyKey { position: usize },
    #[error("the key \"{0}\" is used by more than one item")]
    DuplicateKey(String),
    #[error("item \"{key}\" has the scale {min}–{max}; its minimum must be below its maximum")]
    EmptyScale { key: String, min: u8, max: u8 },
    #[error("item \"{key}\" goes up to {max}; scales end at {MAX_SCALE} at most")]
    ScaleTooWide { key: String, max: u8 },
}

impl ScoringForm {
    /// Checks the form: 1 to [`MAX_FORM_ITEMS`] items with unique, non-empty keys, and
    /// scales with min < max ≤ [`MAX_SCALE`].
    pub fn validate(&self) -> Result<(), FormError> {
        if self.items.is_empty() {
            return Err(FormError::NoItems);
        }
        if self.items.len() > MAX_FORM_ITEMS {
            return Err(FormError::TooManyItems(self.items.len()));
        }
        let mut keys = HashSet::with_capacity(self.items.len());
        for (position, item) in self.items.iter().enumerate() {
            if item.key.trim().is_empty() {
                return Err(FormError::EmptyKey {
                    position: position + 1,
                });
            }
            if !keys.insert(item.key.as_str()) {
                return Err(FormError::DuplicateKey(item.key.clone()));
            }
            if item.min >= item.max {
                return Err(FormError::EmptyScale {
                    key: item.key.clone(),
                    min: item.min,
                    max: item.max,
                });
            }
            if item.max > MAX_SCALE {
                return Err(FormError::ScaleTooWide {
                    key: item.key.clone(),
                    max: item.max,
                });
            }
        }
        Ok(())
    }

    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&FormItem> {
        self.items.iter().find(|item| item.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, min: u8, max: u8) -> FormItem {
        FormItem {
            key: key.to_owned(),
            label_en: key.to_owned(),
            label_zh: key.to_owned(),
            min,
            max,
            metric: Metric::Ordinal,
        }
    }

    fn form(items: Vec<FormItem>) -> ScoringForm {
        ScoringForm {
            id: 1,
            name: "test".to_owned(),
            items,
        }
    }

    #[test]
    fn each_rule_is_checked() {
        assert_eq!(form(vec![item("a", 1, 5)]).validate(), Ok(()));
        assert_eq!(form(vec![]).validate(), Err(FormError::NoItems));
        let many = (0..31).map(|i| item(&format!("k{i}"), 1, 5)).collect();
        assert_eq!(form(many).validate(), Err(FormError::TooManyItems(31)));
        assert_eq!(
            form(vec![item("a", 1, 5), item(" ", 1, 5)]).validate(),
            Err(FormError::EmptyKey { position: 2 })
        );
        assert_eq!(
            form(vec![item("a", 1, 5), item("a", 0, 3)]).validate(),
            Err(FormError::DuplicateKey("a".to_owned()))
        );
        assert_eq!(
            form(vec![item("a", 5, 5)]).validate(),
            Err(FormError::EmptyScale {
                key: "a".to_owned(),
                min: 5,
                max: 5
            })
        );
        assert_eq!(
            form(vec![item("a", 0, 101)]).validate(),
            Err(FormError::ScaleTooWide {
                key: "a".to_owned(),
                max: 101
            })
        );
        assert_eq!(form(vec![item("pct", 0, 100)]).validate(), Ok(()));
    }
}
