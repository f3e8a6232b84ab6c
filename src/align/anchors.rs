//! The anchors of a document as the cost model reads them: a few flat arrays per document,
//! keys numbered densely, instead of a vector of items per sentence, each item with its own
//! vector of 64-bit keys and its span. On long documents this is a fifth of the memory, and
//! it lets the aligner drop each sentence's [`SentenceFeatures`] as soon as they are made.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::features::{AnchorKind, SentenceFeatures};

/// The tables' own lookups hash with FxHash (`rustc_hash`): keys are hashes already, and
/// lists of key ids are short, so a multiply a word does where SipHash's rounds cost a tenth
/// of the tables' time. Only lookups use it: ids and lists are numbered in order of first
/// sight, whatever the hash.
type WordMap<V> = FxHashMap<u64, V>;

/// Dense numbers for anchor keys, given in order of first sight: the key space of one or
/// more [`AnchorTable`]s.
#[derive(Debug, Default, Clone)]
struct KeyIds {
    ids: WordMap<u32>,
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

/// The distinct key lists of a table's items, each stored once: the same word in many
/// sentences has the same keys (a Japanese word: all its lexicon translations).
#[derive(Debug, Default, Clone)]
struct KeyLists {
    /// Every list's key ids, one list after the other.
    keys: Vec<u32>,
    /// Where each list ends in `keys`.
    ends: Vec<u32>,
    /// A list with each hash of a list's keys; others with that hash follow `same_hash`.
    by_hash: WordMap<u32>,
    /// For each list, the previous list with the same hash, or [`NO_LIST`].
    same_hash: Vec<u32>,
}

/// No list: the end of a `same_hash` chain.
const NO_LIST: u32 = u32::MAX;

impl KeyLists {
    fn get(&self, list: u32) -> &[u32] {
        let list = list as usize;
        let start = if list == 0 { 0 } else { self.ends[list - 1] };
        &self.keys[start as usize..self.ends[list] as usize]
    }

    /// The id of `keys` as a list, added if new.
    fn id(&mut self, keys: &[u32]) -> u32 {
        let mut h = FxHasher::default();
        keys.hash(&mut h);
        let h = h.finish();
        let mut cur = self.by_hash.get(&h).copied().unwrap_or(NO_LIST);
        while cur != NO_LIST {
            if self.get(cur) == keys {
                return cur;
            }
            cur = self.same_hash[cur as usize];
        }
        let id = offset(self.ends.len());
        self.keys.extend_from_slice(keys);
        self.ends.push(offset(self.keys.len()));
        self.same_hash
            .push(self.by_hash.insert(h, id).unwrap_or(NO_LIST));
        id
    }

    /// Frees what only adding lists needs.
    fn freeze(&mut self) {
        self.by_hash = WordMap::default();
        self.same_hash = Vec::new();
        self.keys.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// What the cost model needs of a run of sentences: each sentence's length and its anchors,
/// each anchor's kind and keys (as ids of the table's key space). Spans are left out.
#[derive(Debug, Default, Clone)]
pub struct AnchorTable {
    lens: Vec<f32>,
    /// Where each sentence's items end in `kinds` and `lists`.
    item_ends: Vec<u32>,
    kinds: Vec<AnchorKind>,
    /// Each item's keys, as a list of `key_lists`.
    lists: Vec<u32>,
    key_lists: KeyLists,
    ids: KeyIds,
    /// Scratch for one item's key ids.
    scratch: Vec<u32>,
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
        self.push_items(
            f.len,
            f.items
                .iter()
                .map(|item| (item.kind, item.keys.iter().copied())),
        );
    }

    /// Appends one sentence of length `len` (as [`SentenceFeatures::len`]) from its items,
    /// each a kind and its 64-bit keys: how a caller that stored a table's content in its
    /// own form ([`AnchorTable::sentence_items`], [`AnchorTable::list_keys`]) builds the
    /// table again.
    pub fn push_items<K: IntoIterator<Item = u64>>(
        &mut self,
        len: f32,
        items: impl IntoIterator<Item = (AnchorKind, K)>,
    ) {
        self.lens.push(len);
        self.add_items(items);
    }

    /// Adds items to the sentence being added, and ends it.
    fn add_items<K: IntoIterator<Item = u64>>(
        &mut self,
        items: impl IntoIterator<Item = (AnchorKind, K)>,
    ) {
        for (kind, keys) in items {
            self.kinds.push(kind);
            self.scratch.clear();
            for k in keys {
                let id = self.ids.id(k);
                self.scratch.push(id);
            }
            let list = self.key_lists.id(&self.scratch);
            self.lists.push(list);
        }
        self.item_ends.push(offset(self.kinds.len()));
    }

    /// Each sentence's length, in order.
    pub fn sentence_lens(&self) -> &[f32] {
        &self.lens
    }

    /// The items of sentence `i` in order, each its kind and the number of its key list in
    /// this table ([`AnchorTable::list_keys`]): the same keys, the same number, so a caller
    /// storing the table in its own form converts each list once.
    pub fn sentence_items(&self, i: usize) -> impl Iterator<Item = (AnchorKind, u32)> + '_ {
        self.items(i)
            .map(|item| (self.kinds[item], self.lists[item]))
    }

    /// How many distinct key lists the table holds: every list number is below it.
    pub fn list_count(&self) -> usize {
        self.key_lists.ends.len()
    }

    /// The 64-bit keys of key list `list`.
    pub fn list_keys(&self, list: u32) -> impl Iterator<Item = u64> + '_ {
        self.key_lists
            .get(list)
            .iter()
            .map(|&id| self.ids.keys[id as usize])
    }

    /// Adds the items and the length of `f` to the last sentence: its next part.
    pub fn extend_last(&mut self, f: &SentenceFeatures) {
        let last = self.lens.last_mut().expect("a sentence to extend");
        *last += f.len;
        self.item_ends.pop();
        self.add_items(
            f.items
                .iter()
                .map(|item| (item.kind, item.keys.iter().copied())),
        );
    }

    /// Appends the sentences of `other`, renumbering its keys into this table's key space.
    pub fn append(&mut self, other: AnchorTable) {
        if self.is_empty() && self.ids.keys.is_empty() {
            *self = other;
            return;
        }
        let items = offset(self.kinds.len());
        let keys: Vec<u32> = other.ids.keys.iter().map(|&k| self.ids.id(k)).collect();
        let lists: Vec<u32> = (0..offset(other.key_lists.ends.len()))
            .map(|list| {
                self.scratch.clear();
                let renumbered = other.key_lists.get(list).iter().map(|&k| keys[k as usize]);
                self.scratch.extend(renumbered);
                self.key_lists.id(&self.scratch)
            })
            .collect();
        self.lens.extend(other.lens);
        self.item_ends
            .extend(other.item_ends.iter().map(|&e| e + items));
        self.kinds.extend(other.kinds);
        self.lists
            .extend(other.lists.iter().map(|&l| lists[l as usize]));
    }

    /// Frees what only adding sentences needs.
    fn freeze(&mut self) {
        self.key_lists.freeze();
        self.ids.ids = WordMap::default();
        self.scratch = Vec::new();
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
        self.key_lists.get(self.lists[item])
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
    pub fn new(mut en: AnchorTable, mut ja: AnchorTable) -> PairTables {
        let renumber: Vec<u32> = ja.ids.keys.iter().map(|&k| en.ids.id(k)).collect();
        for id in &mut ja.key_lists.keys {
            *id = renumber[*id as usize];
        }
        // Only `en`'s key space is consulted from here on.
        ja.ids = KeyIds::default();
        en.freeze();
        ja.freeze();
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
    fn appended_and_joined_tables_keep_every_key_and_share_ids_and_lists() {
        let a = sentence(
            3.0,
            &[(AnchorKind::Word, &[10, 20]), (AnchorKind::Number, &[30])],
        );
        let b = sentence(5.0, &[]);
        let c = sentence(
            7.0,
            &[
                (AnchorKind::Latin, &[30, 40]),
                (AnchorKind::Name, &[10, 20]),
            ],
        );
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
            [
                (AnchorKind::Latin, vec![30, 40]),
                (AnchorKind::Name, vec![10, 20])
            ]
        );
        // [10, 20], [30] and [30, 40]: the second [10, 20] is stored once, though it came
        // from the appended table.
        assert_eq!(pair.en.key_lists.ends.len(), 3);
        assert_eq!(
            keys_of(&pair.ja, ids, 0),
            [(AnchorKind::Name, vec![40, 50, 10])]
        );
        // 10, 20, 30, 40 from English, then 50: one id a key.
        assert_eq!(pair.key_space(), 5);
    }
}
