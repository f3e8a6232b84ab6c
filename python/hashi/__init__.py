"""hashi: align English news articles with their Japanese originals, sentence by sentence.

Offline, no model, no GPU: the dictionary and the bilingual lexicon are inside the extension.
The API reference is in ``__init__.pyi`` beside this file.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Union

from ._hashi import (
    AlignMany,
    Aligner,
    Alignment,
    Bead,
    DocResult,
    Finding,
    HashiError,
    InputError,
    Report,
    Sentence,
    Token,
    __version__,
    pair,
    segment,
)

__all__ = [
    "AlignMany",
    "Aligner",
    "Alignment",
    "Bead",
    "DocResult",
    "Finding",
    "HashiError",
    "InputError",
    "Report",
    "Sentence",
    "Token",
    "__version__",
    "pair",
    "segment",
    "to_dataset",
]


def _alignments(
    results: Union[Alignment, DocResult, Iterable[Union[Alignment, DocResult]]],
    errors: str,
) -> Iterable[Alignment]:
    if isinstance(results, (Alignment, DocResult)):
        results = [results]
    for r in results:
        if isinstance(r, Alignment):
            yield r
        elif isinstance(r, DocResult):
            if r.alignment is not None:
                yield r.alignment
            elif errors == "raise":
                raise HashiError(f"document {r.id!r} was not aligned: {r.error}")
        else:
            raise TypeError(
                f"to_dataset takes Alignment or DocResult objects, not {type(r).__name__}"
            )


def to_dataset(
    results: Union[Alignment, DocResult, Iterable[Union[Alignment, DocResult]]],
    *,
    min_score: Optional[float] = None,
    errors: str = "raise",
) -> Any:
    """The pairs of ``results`` as a Hugging Face ``datasets.Dataset``.

    See ``__init__.pyi`` for the full description.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    try:
        import datasets
    except ImportError as e:
        raise ImportError(
            "hashi.to_dataset() needs the datasets package, which is not installed: "
            f"pip install datasets ({e})"
        ) from e
    rows: dict = {"translation": [], "score": [], "doc_id": []}
    for alignment in _alignments(results, errors):
        for bead in alignment.pairs(min_score):
            rows["translation"].append({"en": bead.en, "ja": bead.ja})
            rows["score"].append(bead.score)
            rows["doc_id"].append(alignment.doc_id)
    features = datasets.Features(
        {
            "translation": datasets.Translation(languages=["en", "ja"]),
            "score": datasets.Value("float64"),
            "doc_id": datasets.Value("string"),
        }
    )
    return datasets.Dataset.from_dict(rows, features=features)
