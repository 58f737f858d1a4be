//! Walking the chain: the pure checks behind [`crate::Store::verify_audit`], fed one stored
//! record at a time in id order so the whole log never has to be in memory.

use crate::{AuditRecord, AuditVerification, GENESIS_HASH, chain_hash};

/// Checks records in id order and reports the first that breaks the chain.
#[derive(Debug)]
pub(crate) struct ChainVerifier {
    /// The id the next record must have: ids run 1, 2, 3, ... without gaps.
    expected_id: i64,
    /// The hash the next record's `prev_hash` must equal.
    prev_hash: String,
}

impl ChainVerifier {
    pub(crate) fn new() -> Self {
        Self {
            expected_id: 1,
            prev_hash: GENESIS_HASH.to_owned(),
        }
    }

    /// Checks the next stored record. `record` is `Err(reason)` when the row could not even be
    /// turned back into a record. Returns the verdict if this record breaks the chain.
    pub(crate) fn check(
        &mut self,
        id: i64,
        record: Result<AuditRecord, String>,
    ) -> Option<AuditVerification> {
        let expected = self.expected_id;
        if id > expected {
            let reason = if id == expected + 1 {
                format!("record {expected} is missing (the next stored record is {id})")
            } else {
                format!(
                    "records {expected} to {} are missing (the next stored record is {id})",
                    id - 1
                )
            };
            return Some(AuditVerification::Tampered {
                id: expected,
                reason,
            });
        }
        if id < expected {
            // Only reachable with ids below 1: rows come in strictly increasing id order.
            return Some(AuditVerification::Tampered {
                id,
                reason: format!("unexpected record id {id} (ids run 1, 2, 3, ...)"),
            });
        }
        let record = match record {
            Ok(record) => record,
            Err(reason) => {
                return Some(AuditVerification::Tampered {
                    id,
                    reason: format!("unreadable record: {reason}"),
                });
            }
        };
        if record.prev_hash != self.prev_hash {
            return Some(AuditVerification::Tampered {
                id,
                reason: format!(
                    "chain broken: previous record missing or altered (expected prev hash {}, found {})",
                    self.prev_hash, record.prev_hash
                ),
            });
        }
        if chain_hash(record.id, &record.prev_hash, &record.entry) != record.hash {
            return Some(AuditVerification::Tampered {
                id,
                reason: "hash does not match its contents".to_owned(),
            });
        }
        self.prev_hash = record.hash;
        self.expected_id += 1;
        None
    }

    /// The verdict once every record passed: the chain head (`last_id`, `last_hash`), read in
    /// the same snapshot, must name the newest record, which catches records cut off the end.
    pub(crate) fn finish(self, head: Option<(i64, String)>) -> AuditVerification {
        let newest = self.expected_id - 1;
        let Some((last_id, last_hash)) = head else {
            return AuditVerification::Tampered {
                id: 0,
                reason: "the chain head row is missing".to_owned(),
            };
        };
        if last_id > newest {
            return AuditVerification::Tampered {
                id: newest + 1,
                reason: format!(
                    "record {} is missing: the chain head says the newest record is {last_id} (records removed from the end)",
                    newest + 1
                ),
            };
        }
        if last_id < newest {
            return AuditVerification::Tampered {
                id: last_id + 1,
                reason: format!(
                    "record {} was not appended through the chain head (the head says the newest record is {last_id})",
                    last_id + 1
                ),
            };
        }
        if last_hash != self.prev_hash {
            return AuditVerification::Tampered {
                id: newest,
                reason: format!(
                    "the chain head's hash does not match record {newest} (expected {}, the head has {last_hash})",
                    self.prev_hash
                ),
            };
        }
        AuditVerification::Intact {
            records: newest as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AuditEntry, AuditOutcome};

    fn entry(n: i64) -> AuditEntry {
        AuditEntry {
            at_ms: 1_000 * n,
            user: format!("sup{n}"),
            role: "supervisor".into(),
            action: "monitor.start".into(),
            outcome: AuditOutcome::Allowed,
            call: Some(n as u64),
            agent: None,
            queue: None,
            mode: Some("listen".into()),
            detail: String::new(),
        }
    }

    /// A valid chain of `n` records.
    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|id| {
                let entry = entry(id);
                let hash = chain_hash(id, &prev, &entry);
                let record = AuditRecord {
                    id,
                    entry,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                record
            })
            .collect()
    }

    fn verify(records: Vec<AuditRecord>, head: Option<(i64, String)>) -> AuditVerification {
        let mut v = ChainVerifier::new();
        for r in records {
            if let Some(verdict) = v.check(r.id, Ok(r)) {
                return verdict;
            }
        }
        v.finish(head)
    }

    fn head_of(records: &[AuditRecord]) -> Option<(i64, String)> {
        let newest = records
            .last()
            .map_or((0, GENESIS_HASH.to_owned()), |r| (r.id, r.hash.clone()));
        // The head row always exists in a healthy store; `None` stands for a deleted one.
        (!records.is_empty() || newest.0 == 0).then_some(newest)
    }

    fn tampered_id(v: &AuditVerification) -> i64 {
        match v {
            AuditVerification::Tampered { id, .. } => *id,
            AuditVerification::Intact { .. } => panic!("expected tampering, got {v}"),
        }
    }

    #[test]
    fn an_empty_and_a_full_chain_are_intact() {
        assert_eq!(
            verify(vec![], head_of(&[])),
            AuditVerification::Intact { records: 0 }
        );
        let c = chain(5);
        let head = head_of(&c);
        assert_eq!(verify(c, head), AuditVerification::Intact { records: 5 });
    }

    #[test]
    fn an_edited_field_is_pinpointed() {
        let mut c = chain(5);
        let head = head_of(&c);
        c[2].entry.user = "mallory".into();
        let v = verify(c, head);
        assert_eq!(tampered_id(&v), 3);
        assert!(
            v.to_string().contains("hash does not match its contents"),
            "{v}"
        );
    }

    #[test]
    fn an_edit_with_a_recomputed_hash_breaks_the_next_link() {
        let mut c = chain(5);
        let head = head_of(&c);
        c[2].entry.detail = "nothing to see".into();
        c[2].hash = chain_hash(3, &c[2].prev_hash, &c[2].entry);
        let v = verify(c, head);
        assert_eq!(tampered_id(&v), 4);
        assert!(v.to_string().contains("chain broken"), "{v}");
    }

    #[test]
    fn a_deleted_middle_record_names_the_missing_id() {
        let mut c = chain(6);
        let head = head_of(&c);
        c.remove(3);
        let v = verify(c, head);
        assert_eq!(tampered_id(&v), 4);
        assert!(v.to_string().contains("record 4 is missing"), "{v}");
    }

    #[test]
    fn a_cut_tail_is_caught_by_the_head() {
        let mut c = chain(6);
        let head = head_of(&c);
        c.truncate(4);
        let v = verify(c, head);
        assert_eq!(tampered_id(&v), 5);
        assert!(v.to_string().contains("removed from the end"), "{v}");
    }

    #[test]
    fn a_record_past_the_head_or_a_wrong_head_hash_is_caught() {
        let c = chain(3);
        let stale = Some((2, c[1].hash.clone()));
        assert_eq!(tampered_id(&verify(c.clone(), stale)), 3);
        let wrong = Some((3, c[1].hash.clone()));
        assert_eq!(tampered_id(&verify(c.clone(), wrong)), 3);
        assert_eq!(tampered_id(&verify(c, None)), 0);
    }

    #[test]
    fn swapped_records_are_caught_at_the_first_one() {
        let mut c = chain(5);
        let head = head_of(&c);
        // Swap the contents of records 2 and 3 but keep the ids in order.
        let (a, b) = (c[1].clone(), c[2].clone());
        c[1] = AuditRecord { id: 2, ..b };
        c[2] = AuditRecord { id: 3, ..a };
        assert_eq!(tampered_id(&verify(c, head)), 2);
    }

    #[test]
    fn an_unreadable_row_is_tampering_not_an_error() {
        let mut v = ChainVerifier::new();
        let verdict = v.check(1, Err("unknown outcome 'maybe'".into())).unwrap();
        assert_eq!(tampered_id(&verdict), 1);
        assert!(verdict.to_string().contains("unknown outcome"));
    }
}
