//! Build script: compiles the vendored IPADIC source and the EDICT lexicon into OUT_DIR,
//! so nothing is downloaded at build or run time.

#[path = "ipadic.rs"]
mod ipadic;
#[path = "lexicon.rs"]
mod lexicon;

fn main() {
    ipadic::build();
    lexicon::build();
}
