//! Compile EDICT text into the lexicon's artefacts. Shared by the build script (through
//! `#[path]`, for the embedded lexicon) and the library (for user-supplied files), so it
//! depends on `std`, `fst`, the sibling `normalize` module and the crate's error type only
//! (which the build script includes as well, and which the parent module brings into scope
//! in both).
//!
//! Artefacts:
//! - `en_fst`: an `fst::Map` from every English key to its id, the key's rank in byte order
//!   (so `fst::raw::Fst::get_key` inverts it);
//! - `ja_fst`: an `fst::Map` from every Japanese key (headword or reading, through `ja_key`)
//!   to its posting list in `postings`, as `start << POSTING_LEN_BITS | len` (in ids);
//! - `postings`: the posting lists, each the ascending English ids of one Japanese key, as
//!   little-endian `u32`s, so that the embedded copy can be used in place as a `&[u32]`.

use super::normalize::{en_key, gloss_keys, is_kana, ja_key, parse_edict_line};
use super::{Error, LexiconProblem};
use std::collections::HashMap;

/// At most this many English keys are taken from one EDICT entry (the first senses first).
pub const KEYS_PER_ENTRY: usize = 24;
/// At most this many synonyms are added for one gloss key.
pub const SYNONYMS_PER_KEY: usize = 6;
/// At most this many English keys are kept for one Japanese key, over all its entries.
pub const KEYS_PER_HEADWORD: usize = 48;
/// The low bits of a `ja_fst` value hold the length of the posting list.
pub const POSTING_LEN_BITS: u32 = 6;
const _: () = assert!(KEYS_PER_HEADWORD < 1 << POSTING_LEN_BITS);

/// The compiled lexicon, ready to be written to disk or wrapped by `fst::Map::new`.
pub struct Artefacts {
    /// Japanese key → posting list, as `start << POSTING_LEN_BITS | len`.
    pub ja_fst: Vec<u8>,
    /// The posting lists, one after another.
    pub postings: Vec<u32>,
    /// English key → id.
    pub en_fst: Vec<u8>,
}

/// A lexicon error of the compiler: it has no file name (the caller adds it).
fn error(line: Option<usize>, problem: LexiconProblem) -> Error {
    Error::Lexicon {
        path: None,
        line,
        problem,
    }
}

/// An `fst` build error: keys out of order or a write failure, a bug rather than bad input.
fn index_error(e: fst::Error) -> Error {
    error(None, LexiconProblem::Index(e.to_string()))
}

/// English synonyms by key: `word<TAB>synonym synonym ...` lines, both sides stemmed.
fn parse_synonyms(text: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines() {
        let Some((word, list)) = line.split_once('\t') else {
            continue;
        };
        let Some(key) = en_key(word) else { continue };
        let entry = map.entry(key.into_owned()).or_default();
        for s in list.split(' ') {
            if let Some(k) = en_key(s) {
                if !entry.iter().any(|e| *e == *k) {
                    entry.push(k.into_owned());
                }
            }
        }
    }
    map
}

/// Compile EDICT-format text (already decoded). An error is an [`Error::Lexicon`] without a
/// path: a line that is not an entry ([`LexiconProblem::Entry`], with its 1-based line) or
/// text without entries ([`LexiconProblem::NoEntries`]).
///
/// Each entry links its written forms to its gloss keys; its readings are linked too when
/// the entry is common `(P)` or usually written in kana `(uk)` (rarer homophones would only
/// add noise to a kana token). A Japanese key's entries are merged in priority order: common
/// direct entries (and common `(uk)` readings), then the other direct entries (and `(uk)`
/// readings), then common readings. Single-kana keys are skipped as too ambiguous.
///
/// Each gloss key is followed by its synonyms (at most [`SYNONYMS_PER_KEY`]) from `synonyms`,
/// `word<TAB>synonym synonym ...` lines (empty for none).
pub fn compile(text: &str, synonyms: &str) -> Result<Artefacts, Error> {
    let synonyms = parse_synonyms(synonyms);
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut entry_keys: Vec<u32> = Vec::new();
    let mut entries: Vec<(u32, u32)> = Vec::new();
    let mut links: Vec<(String, u8, u32)> = Vec::new();

    for (n, line) in text.lines().enumerate() {
        let entry = match parse_edict_line(line) {
            Ok(Some(entry)) => entry,
            Ok(None) => continue,
            Err(message) => return Err(error(Some(n + 1), LexiconProblem::Entry(message))),
        };
        let mut keys = gloss_keys(entry.glosses, KEYS_PER_ENTRY);
        if keys.is_empty() {
            continue;
        }
        for k in 0..keys.len() {
            if let Some(list) = synonyms.get(&keys[k]) {
                for syn in list.iter().take(SYNONYMS_PER_KEY) {
                    if !keys.contains(syn) {
                        keys.push(syn.clone());
                    }
                }
            }
        }
        let index = entries.len() as u32;
        let start = entry_keys.len() as u32;
        for key in keys {
            let id = match vocab.get(&key) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    words.push(key.clone());
                    vocab.insert(key, id);
                    id
                }
            };
            entry_keys.push(id);
        }
        entries.push((start, entry_keys.len() as u32));

        let direct = if entry.common { 0 } else { 1 };
        let mut link = |form: &str, priority: u8| {
            let mut chars = form.chars();
            let single_kana = chars.next().is_some_and(is_kana) && chars.next().is_none();
            if !single_kana {
                links.push((ja_key(form).into_owned(), priority, index));
            }
        };
        for form in &entry.headwords {
            link(form, direct);
        }
        if entry.usually_kana || entry.common {
            let priority = if entry.usually_kana { direct } else { 2 };
            for form in &entry.readings {
                link(form, priority);
            }
        }
    }
    links.sort_unstable();

    // Merge the entries of each Japanese key, in priority order, capped.
    let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
    let mut used = vec![false; words.len()];
    let mut i = 0;
    while i < links.len() {
        let mut j = i;
        let mut ids: Vec<u32> = Vec::new();
        while j < links.len() && links[j].0 == links[i].0 {
            let (start, end) = entries[links[j].2 as usize];
            for &id in &entry_keys[start as usize..end as usize] {
                if ids.len() < KEYS_PER_HEADWORD && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            j += 1;
        }
        for &id in &ids {
            used[id as usize] = true;
        }
        groups.push((std::mem::take(&mut links[i].0), ids));
        i = j;
    }
    if groups.is_empty() {
        return Err(error(None, LexiconProblem::NoEntries));
    }

    // English ids: rank among the used keys in byte order.
    let mut order: Vec<u32> = (0..words.len() as u32)
        .filter(|&id| used[id as usize])
        .collect();
    order.sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
    let mut final_id = vec![u32::MAX; words.len()];
    let mut en = fst::MapBuilder::memory();
    for (rank, &id) in order.iter().enumerate() {
        final_id[id as usize] = rank as u32;
        en.insert(&words[id as usize], rank as u64)
            .map_err(index_error)?;
    }

    let mut ja = fst::MapBuilder::memory();
    let mut postings = Vec::new();
    let mut start = 0u64;
    for (key, ids) in &mut groups {
        for id in ids.iter_mut() {
            *id = final_id[*id as usize];
        }
        ids.sort_unstable();
        ja.insert(key.as_bytes(), start << POSTING_LEN_BITS | ids.len() as u64)
            .map_err(index_error)?;
        start += ids.len() as u64;
        postings.extend_from_slice(ids);
    }

    Ok(Artefacts {
        ja_fst: ja.into_inner().map_err(index_error)?,
        postings,
        en_fst: en.into_inner().map_err(index_error)?,
    })
}
