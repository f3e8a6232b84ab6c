//! The Python binding of hashi (`import hashi`): the library's pipeline over Python strings,
//! with the GIL released while it runs. Nothing of the aligner is here: `aligner` and `types`
//! wrap the library's public API (`hashi::Aligner` and what it returns), `errors` maps its
//! failures to exceptions, `text` turns Python's texts into the library's and its byte
//! offsets into string indices.

mod aligner;
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
