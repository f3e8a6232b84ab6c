//! Build script: compiles the IPADIC source (the `hashi-ipadic-data` crate) and the EDICT
//! lexicon (the `hashi-edict-data` and `hashi-wordnet-data` crates, with the `hashi-lexicon`
//! crate's compiler) into OUT_DIR, so nothing is downloaded at build or run time.

#[path = "ipadic.rs"]
mod ipadic;
#[path = "lexicon.rs"]
mod lexicon;

fn main() {
    ipadic::build();
    lexicon::build();
}
