//! Invariant checks shared by the fuzz targets (and by `tests/fuzz_regressions.rs`, which
//! includes `invariants.rs` by path).

pub mod invariants;
