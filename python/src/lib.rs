//! The Python binding of hashi (`import hashi`): the library's pipeline over Python strings,
//! with the GIL released while it runs. Nothing of the aligner is here: `aligner` and `types`
//! wrap the library, `errors` maps its failures to exceptions, and `compat` holds the little
//! the library does not export (atomic writing, score rounding, joining a finding's texts).

mod aligner;
mod compat;
mod errors;
mod pairing;
mod text;
mod types;

use pyo3::prelude::*;

#[pymodule]
fn _hashi(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("HashiError", py.get_type::<errors::HashiError>())?;
    m.add("InputError", py.get_type::<errors::InputError>())?;
    m.add_function(wrap_pyfunction!(aligner::segment, m)?)?;
    m.add_function(wrap_pyfunction!(pairing::pair, m)?)?;
    m.add_class::<aligner::Aligner>()?;
    m.add_class::<aligner::AlignMany>()?;
    m.add_class::<types::Alignment>()?;
    m.add_class::<types::Bead>()?;
    m.add_class::<types::Sentence>()?;
    m.add_class::<types::Token>()?;
    m.add_class::<types::Finding>()?;
    m.add_class::<types::Report>()?;
    m.add_class::<types::DocResult>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
