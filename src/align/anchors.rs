//! The anchors of a document as the cost model reads them: a few flat arrays per document,
//! keys numbered densely, instead of a vector of items per sentence, each item with its own
//! vector of 64-bit keys and its span. On long documents this is a fifth of the memory, and
//! it lets the aligner drop each sentence's [`SentenceFeatures`] as soon as they are made.

use std::collections::HashMap;

use crate::features::{AnchorKind, SentenceFeatures};

/// Dense numbers for anchor keys, given in order of first sight: the key space of one or
/// more [`AnchorTable`]s.
#[derive(Debug, Default, Clone)]
struct KeyIds {
    ids: HashMap<u64, u32>,
    /// The key of each id.
    keys: Vec<u64>,
}

impl KeyIds {
    fn id(&mut self, key: u64) -> u32 {
        // A document pair cannot hold 2^32 distinct keys: each costs far more than 4 bytes
        // of text to write.
        let next = self.keys.len() as u32;
        *self.ids.entry(key).or_insert_with(|| {
            self.keys.push(key);
            next
        })
    }
}

/// What the cost model needs of a run of sentences: each sentence's length and its anchors,
/// each anchor's kind and keys (as ids of the table's key space). Spans are left out.
#[derive(Debug, Default, Clone)]
pub struct AnchorTable {
    lens: Vec<f32>,
    /// Where each sentence's items end in `kinds` and `key_ends`.
    item_ends: Vec<u32>,
    kinds: Vec<AnchorKind>,
    /// Where each item's keys end in `keys`.
    key_ends: Vec<u32>,
    keys: Vec<u32>,
    ids: KeyIds,
}

impl AnchorTable {
    /// The table of `features`, one entry a sentence in order.
    pub fn from_features(features: &[SentenceFeatures]) -> AnchorTable {
        let mut table = AnchorTable::default();
        for f in features {
            table.push(f);
        }
        table
    }

    /// Appends one sentence.
    pub fn push(&mut self, f: &SentenceFeatures) {
        self.lens.push(f.len);
        for item in &f.items {
            self.kinds.push(item.kind);
            for &k in &item.keys {
                let id = self.ids.id(k);
                self.keys.push(id);
            }
            self.key_ends.push(offset(self.keys.len()));
        }
        self.item_ends.push(offset(self.kinds.len()));
    }

    /// Appends the sentences of `other`, renumbering its keys into this table's key space.
    pub fn append(&mut self, other: AnchorTable) {
        if self.is_empty() && self.ids.keys.is_empty() {
            *self = other;
            return;
        }
        let (items, keys) = (offset(self.kinds.len()), offset(self.keys.len()));
        let renumber: Vec<u32> = other.ids.keys.iter().map(|&k| self.ids.id(k)).collect();
        self.lens.extend(other.lens);
        self.item_ends
            .extend(other.item_ends.iter().map(|&e| e + items));
        self.kinds.extend(other.kinds);
        self.key_ends
            .extend(other.key_ends.iter().map(|&e| e + keys));
        self.keys
            .extend(other.keys.iter().map(|&id| renumber[id as usize]));
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// Whether the table holds no sentence.
    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Length of sentence `i` in characters after NFKC, white space left out.
    pub(super) fn sentence_len(&self, i: usize) -> f32 {
        self.lens[i]
    }

    /// The items of sentence `i`, as indices for [`AnchorTable::kind`] and
    /// [`AnchorTable::keys`].
    pub(super) fn items(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.item_ends[i - 1] };
        start as usize..self.item_ends[i] as usize
    }

    pub(super) fn kind(&self, item: usize) -> AnchorKind {
        self.kinds[item]
    }

    /// The key ids of item `item`.
    pub(super) fn keys(&self, item: usize) -> &[u32] {
        let start = if item == 0 {
            0
        } else {
            self.key_ends[item - 1]
        };
        &self.keys[start as usize..self.key_ends[item] as usize]
    }

    /// The number of key ids in use: every id is below it.
    pub(super) fn key_space(&self) -> usize {
        self.ids.keys.len()
    }
}

/// An offset into a table's arrays; a table never holds 2^32 items or keys (they come from
/// text, which would have to be larger still).
fn offset(len: usize) -> u32 {
    len as u32
}

/// The two sides of a document pair in one key space: a key id means the same key on both.
#[derive(Debug, Clone)]
pub struct PairTables {
    pub(super) en: AnchorTable,
    pub(super) ja: AnchorTable,
}

impl PairTables {
    /// Joins the English and the Japanese tables, renumbering the Japanese keys.
    pub fn new(mut en: AnchorTable, ja: AnchorTable) -> PairTables {
        let renumber: Vec<u32> = ja.ids.keys.iter().map(|&k| en.ids.id(k)).collect();
        let mut ja = ja;
        for id in &mut ja.keys {
            *id = renumber[*id as usize];
        }
        // Only `en`'s key space is consulted from here on; the Japanese map is not needed.
        ja.ids = KeyIds::default();
        PairTables { en, ja }
    }

    /// The number of key ids in use on either side.
    pub(super) fn key_space(&self) -> usize {
        self.en.key_space()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Item;

    fn sentence(len: f32, items: &[(AnchorKind, &[u64])]) -> SentenceFeatures {
        SentenceFeatures {
            len,
            items: items
                .iter()
                .map(|&(kind, keys)| Item {
                    kind,
                    keys: keys.to_vec(),
                    span: 0..0,
                })
                .collect(),
        }
    }

    /// Each item's keys, mapped back to the original 64-bit keys.
    fn keys_of(t: &AnchorTable, key_of: &KeyIds, i: usize) -> Vec<(AnchorKind, Vec<u64>)> {
        t.items(i)
            .map(|it| {
                let keys = t.keys(it).iter().map(|&id| key_of.keys[id as usize]);
                (t.kind(it), keys.collect())
            })
            .collect()
    }

    #[test]
    fn appended_and_joined_tables_keep_every_key_and_share_ids() {
        let a = sentence(
            3.0,
            &[(AnchorKind::Word, &[10, 20]), (AnchorKind::Number, &[30])],
        );
        let b = sentence(5.0, &[]);
        let c = sentence(7.0, &[(AnchorKind::Latin, &[30, 40])]);
        let mut en = AnchorTable::from_features(&[a]);
        en.append(AnchorTable::from_features(&[b, c]));
        assert_eq!(en.len(), 3);
        assert_eq!(
            [en.sentence_len(0), en.sentence_len(1), en.sentence_len(2)],
            [3.0, 5.0, 7.0]
        );
        let ja = AnchorTable::from_features(&[sentence(2.0, &[(AnchorKind::Name, &[40, 50, 10])])]);
        let pair = PairTables::new(en, ja);
        let ids = &pair.en.ids;
        assert_eq!(
            keys_of(&pair.en, ids, 0),
            [
                (AnchorKind::Word, vec![10, 20]),
                (AnchorKind::Number, vec![30])
            ]
        );
        assert_eq!(keys_of(&pair.en, ids, 1), []);
        assert_eq!(
            keys_of(&pair.en, ids, 2),
            [(AnchorKind::Latin, vec![30, 40])]
        );
        assert_eq!(
            keys_of(&pair.ja, ids, 0),
            [(AnchorKind::Name, vec![40, 50, 10])]
        );
        // 10, 20, 30, 40 from English, then 50: one id a key.
        assert_eq!(pair.key_space(), 5);
    }
}
