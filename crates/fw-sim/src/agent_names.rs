//! Deterministic Chinese agent names.

use std::collections::HashMap;

use crate::rng::SimRng;

/// Common surnames, most frequent first.
const SURNAMES: [&str; 32] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
];

/// Common given names, one and two characters.
const GIVEN_NAMES: [&str; 56] = [
    "芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "霞", "平", "刚", "秀英", "桂英", "建华", "志强", "晓燕", "海燕", "文", "婷", "斌", "鹏",
    "宇", "浩", "欣怡", "子涵", "梓萱", "俊杰", "佳怡", "雨欣", "浩然", "思远", "嘉怡", "家豪",
    "晨", "丹", "琳", "颖", "倩", "佳", "凯", "鑫", "瑶", "博文", "一诺", "雪", "慧敏", "志伟",
];

/// Hands out names, numbering repeats ("王芳", "王芳2") so every agent's name is unique.
#[derive(Debug, Default)]
pub(crate) struct AgentNamer {
    // Only looked up, never iterated, so its order cannot leak into the output.
    times_used: HashMap<(usize, usize), u32>,
}

impl AgentNamer {
    pub(crate) fn next_name(&mut self, rng: &mut SimRng) -> String {
        let surname = rng.below(SURNAMES.len() as u64) as usize;
        let given = rng.below(GIVEN_NAMES.len() as u64) as usize;
        let used = self.times_used.entry((surname, given)).or_insert(0);
        *used += 1;
        if *used == 1 {
            format!("{}{}", SURNAMES[surname], GIVEN_NAMES[given])
        } else {
            format!("{}{}{}", SURNAMES[surname], GIVEN_NAMES[given], used)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_chinese() {
        let mut namer = AgentNamer::default();
        let mut rng = SimRng::stream(1, 0);
        let names: Vec<String> = (0..5_000).map(|_| namer.next_name(&mut rng)).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        assert!(
            names
                .iter()
                .all(|name| name.chars().next().is_some_and(|c| c > '\u{4e00}'))
        );
    }
}
