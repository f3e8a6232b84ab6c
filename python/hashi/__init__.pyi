"""hashi: align English news articles with their Japanese originals, sentence by sentence.

Offline, no model, no GPU, fast: the Japanese dictionary (IPADIC) and the bilingual lexicon
(EDICT, widened with WordNet synonyms) are compiled into the extension, and the aligner is the
Rust library the ``hashi`` command runs, so results are the command's, bead for bead.

Texts: wherever a text is taken, a ``str`` is the text itself; ``bytes`` are decoded as the
command decodes a file (UTF-8 with or without BOM, else Shift_JIS or EUC-JP when only one of
them fits); an ``os.PathLike`` (``pathlib.Path``) is a file to read. A ``str`` is never taken
for a path: a ``str`` of one line that names an existing file raises ``ValueError`` saying to
pass ``pathlib.Path`` (aligning the file's name would only fail later, with a puzzling
refusal). A text holding a NUL character is binary data, ``InputError`` kind ``"binary"``,
as a file holding a NUL byte is.

Offsets (``Sentence.start``, ``Bead.en_spans``, ...) are Python string indices into the text
(``text[start:end]``), not the byte offsets the command's JSONL prints. ``InputError.offset``
is a byte offset into the bytes or file that could not be decoded.

Long-running calls (``Aligner(...)``, ``align``, ``check``, ``segment``, ``align_many``'s
workers) release the GIL.
"""

import os
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

__version__: str

Text = Union[str, bytes, "os.PathLike[str]"]
"""A text: itself (str), encoded (bytes), or a file (os.PathLike)."""

Format = Literal["csv", "jsonl", "tsv", "beads", "tmx", "moses", "hf-jsonl"]
"""The export formats of ``hashi align --format``."""

class HashiError(Exception):
    """Base of every error hashi raises.

    ``kind`` names the failure: ``"lexicon"`` or ``"dictionary"`` (a resource that could not
    be loaded; ``path`` and, for a lexicon, ``line`` say where when known), ``"threads"`` (the
    system would not start the threads ``pair`` or ``align_many`` needs: a limit on processes
    reached), ``"other"`` (a
    failure this version does not name), or, for an ``InputError``, one of the kinds listed
    there. ``path``, ``offset`` and ``line`` are None when not known.
    """

    kind: str
    path: Optional[str]
    offset: Optional[int]
    line: Optional[int]

class InputError(HashiError):
    """Bad input: a text or file that cannot be read or aligned.

    ``kind`` is one of ``"read"`` (the file cannot be read), ``"not_a_file"``,
    ``"invalid_utf8"``, ``"invalid_encoding"`` and ``"binary"`` (bytes that are not text;
    ``offset`` is the byte where decoding failed), ``"parse"`` (``line`` says where),
    ``"empty_side"`` (a side without any sentence), ``"swapped_languages"`` (the English
    text looks Japanese or the reverse), ``"wrong_language"`` (a side in neither language:
    Korean, Cyrillic, ...), ``"only_furniture"`` (a side of page furniture only: menus,
    bylines, buttons), ``"lopsided"`` (the sides' sentence counts differ by more than
    ``max_ratio`` times plus ``ratio_slack``) and ``"not_translation"``; ``force=True``
    aligns anyway in every case but an empty side. ``path`` is the file, when the text came
    from one.
    """

class Token:
    """One morpheme of a Japanese sentence (IPADIC, or the dictionary given as ``dict``)."""

    surface: str
    """The token's text."""
    pos: list[str]
    """Part of speech and its two sub-categories, e.g. ``["名詞", "固有名詞", "組織"]``
    (``"*"`` where the dictionary gives none)."""
    base: str
    """Base form (原形); the surface for unknown words."""
    reading: Optional[str]
    """Katakana reading; None for unknown words."""
    start: int
    """String index of the token in the segmented text."""
    end: int

class Sentence:
    """One sentence: its text, where it stands in the input, its paragraph, and whether it is
    page furniture."""

    text: str
    start: int
    """String index of the sentence in the input: ``input[start:end] == text``."""
    end: int
    paragraph: int
    """0-based paragraph number (a blank line starts a paragraph)."""
    furniture: bool
    """Whether the sentence is page furniture, not part of the article: a whole line such as
    ``print PRINT``, ``• December 28, 2021``, ``Related articles``, ``(Japanese original by
    ...)``, a menu of section names, ``関連記事``, ``（毎日新聞）``. Only a mark: the sentence is
    still returned, with its text and offsets."""
    tokens: Optional[list[Token]]
    """The sentence's tokens with ``tokens=True`` on Japanese text; None otherwise."""

def segment(
    text: Text,
    lang: Optional[Literal["en", "ja"]] = None,
    tokens: bool = False,
    *,
    presegmented: bool = False,
    dict: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> list[Sentence]:
    """Split a text into sentences, as ``hashi segment`` does.

    ``lang`` is guessed from the text when None (Japanese when kana and kanji make up a fair
    share of its letters). ``tokens=True`` adds each Japanese sentence's tokens (English
    sentences get none). ``presegmented=True`` takes the text as one sentence a line.
    ``dict`` is a compiled lindera dictionary directory to tokenize with instead of the
    built-in IPADIC. Raises ``InputError`` for bytes or a file that are not text.
    """

class Bead:
    """Consecutive English sentences aligned with consecutive Japanese ones. Either side may
    be empty: a sentence without counterpart (``kind`` ``"1-0"`` or ``"0-1"``)."""

    en: str
    """The English sentences, joined with a space."""
    ja: str
    """The Japanese sentences, joined with nothing."""
    en_ids: list[int]
    """0-based numbers of the English sentences (indices into ``Alignment.en_sentences``)."""
    ja_ids: list[int]
    en_spans: list[Tuple[int, int]]
    """Each English sentence's (start, end) string indices in the English text."""
    ja_spans: list[Tuple[int, int]]
    en_paragraphs: list[int]
    ja_paragraphs: list[int]
    score: float
    """In [0, 1], rounded to four decimals as the exports print it. For a pair, the probability
    that it is a correct translation unit; for an unmatched sentence (``0-1``, ``1-0``), the
    probability that it truly has no counterpart. Calibrated: of pairs scoring about 0.7,
    about 7 in 10 are right, on translations and unrelated texts alike. A text of one
    sentence on a side (a post) has no neighbours to judge its pair by: its score is read
    off the pair's own evidence (the words, numbers and marks it matches, its length), so a
    true one-line pair with little to match scores lower than it would in an article."""
    kind: str
    """``"1-1"``, ``"2-1"``, ``"0-1"``...: English count first."""
    @property
    def is_pair(self) -> bool:
        """Whether both sides have a sentence."""

class Alignment(Sequence[Bead]):
    """The beads of one document pair, in order: every sentence of each side is in exactly
    one bead."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> Bead: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Bead]: ...
    def __iter__(self) -> Iterator[Bead]: ...
    @property
    def verdict(self) -> dict[str, Any]:
        """The verdict on the document pair: ``kind`` (``"translation"``, ``"partial"`` or
        ``"unrelated"``), ``probability`` (that the two translate each other, in whole or in
        part), ``en_sentences``, ``en_translated``, ``ja_sentences``, ``ja_translated`` (page
        furniture left out; translated means in a pair scoring at least 0.5) and ``judged``
        (False without a lexicon, which gives too little evidence to judge). ``align``
        refuses an unrelated pair with ``InputError`` of kind ``"not_translation"`` unless
        ``force=True``."""
    @property
    def doc_id(self) -> Optional[str]:
        """The document's id when it came from ``align_many``; None otherwise."""
    @property
    def en_sentences(self) -> list[str]:
        """The English sentences, in order."""
    @property
    def ja_sentences(self) -> list[str]:
        """The Japanese sentences, in order."""
    def beads(self) -> list[Bead]:
        """Every bead, as a list."""
    def pairs(self, min_score: Optional[float] = None) -> list[Bead]:
        """The beads with sentences on both sides, less those scoring below ``min_score``
        (compared before rounding, as ``--min-score`` does)."""
    def to_records(self, min_score: Optional[float] = None) -> list[dict[str, Any]]:
        """One dict a bead with the columns of ``hashi align``'s CSV: ``en_ids``, ``ja_ids``
        (lists of ints here), ``en``, ``ja``, ``score``, ``kind``, and ``doc_id`` first when
        the alignment has one. ``min_score`` leaves out pairs below it (sentences without
        counterpart stay), as the CSV does."""
    def to_pandas(self, min_score: Optional[float] = None) -> Any:
        """``to_records`` as a ``pandas.DataFrame``. Imports pandas when called; raises
        ``ImportError`` saying how to install it when it is missing."""
    def write(
        self,
        path: Union[str, "os.PathLike[str]"],
        format: Format = "csv",
        *,
        min_score: Optional[float] = None,
        en_lang: str = "en",
        ja_lang: str = "ja",
        srclang: Literal["en", "ja"] = "en",
        spreadsheet_safe: bool = False,
    ) -> None:
        """Write the alignment to ``path`` in one of ``hashi align``'s formats, byte for byte
        what ``hashi align --format FORMAT -o PATH`` writes: csv (every bead), jsonl (every
        bead, with ids, spans in bytes and paragraphs), tsv (pairs), beads (Vecalign's
        ``[0,1]:[2]`` lines), tmx (TMX 1.4b, pairs; ``en_lang``, ``ja_lang`` and ``srclang``
        are what it declares), moses (``path`` is a prefix: ``PATH.en`` and ``PATH.ja``),
        hf-jsonl (``{"translation": {"en", "ja"}, "score"}`` lines). ``min_score`` leaves out
        pairs below it; ``spreadsheet_safe`` (csv, tsv) puts ``'`` before cells a spreadsheet
        would run as formulas. Files are replaced atomically."""
    def dumps(
        self,
        format: Format = "csv",
        *,
        min_score: Optional[float] = None,
        en_lang: str = "en",
        ja_lang: str = "ja",
        srclang: Literal["en", "ja"] = "en",
        spreadsheet_safe: bool = False,
    ) -> str:
        """What ``write`` would write, as a string (every format but moses)."""

class Finding:
    """One thing ``check`` found for an editor to look at."""

    kind: Literal["omission", "addition", "number", "date", "name", "length"]
    en_ids: list[int]
    ja_ids: list[int]
    en: str
    """The English sentences the finding is about, joined with a space."""
    ja: str
    detail: str
    """What differs, in words: ``"4,000 vs 5千"``."""

class Report(Sequence[Finding]):
    """What ``Aligner.check`` found: a sequence of ``Finding`` in document order."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __iter__(self) -> Iterator[Finding]: ...
    @property
    def findings(self) -> list[Finding]:
        """The findings, as a list."""
    @property
    def alignment(self) -> Alignment:
        """The alignment the check ran on (``check``'s parameters, not ``align``'s)."""
    def html(self, name: Optional[str] = None) -> str:
        """The report as a self-contained HTML page (``hashi check --html``: the page of
        ``hashi review`` in its read-only mode): both texts side by side, bead by bead,
        findings highlighted. ``name`` is the title it shows; by default ``EN + JA``, the
        files' paths as given, ``<en>``/``<ja>`` for texts given inline."""
    def write_html(self, path: Union[str, "os.PathLike[str]"], name: Optional[str] = None) -> None:
        """Write ``html(name)`` to ``path`` (atomically)."""

class DocResult:
    """What became of one document of ``align_many``."""

    @property
    def id(self) -> str:
        """The document's id as given (``str()`` of it), or ``"document N"`` (1-based) when
        the item had none."""
    @property
    def ok(self) -> bool:
        """Whether it was aligned."""
    @property
    def alignment(self) -> Optional[Alignment]:
        """The alignment; None when the document failed."""
    @property
    def error(self) -> Optional[str]:
        """Why the document was not aligned; None when it was."""
    @property
    def error_kind(self) -> Optional[str]:
        """The failure's kind: ``"empty_side"``, ``"lopsided"`` (the sides differ too much
        in size), ``"swapped_languages"``, ``"invalid_utf8"``, ``"read"``, ``"bad_record"``
        (an item that is not a document), ``"binary"``, ``"duplicate_id"`` (an earlier
        document has the id), ``"internal"``...; None when aligned."""

class AlignMany(Iterator[DocResult]):
    """The iterator ``Aligner.align_many`` returns."""

    def __iter__(self) -> "AlignMany": ...
    def __next__(self) -> DocResult: ...

Doc = Union[Tuple[Any, Text, Text], Mapping[str, Any]]
"""A document of ``align_many``: ``(id, en, ja)`` or ``{"id": ..., "en": ..., "ja": ...}``."""

class Aligner:
    """An aligner: the dictionary and the lexicon loaded once, then used for any number of
    documents, from any number of threads.

    ``lexicon``: True (the default) is the built-in lexicon; None or False aligns without one
    (numbers, names, Latin words and length only, as ``--no-lexicon``); a path is an EDICT
    file to use instead (``--lexicon``), widened with the same WordNet synonyms. ``dict``: a
    compiled lindera dictionary directory instead of the built-in IPADIC (``--dict``).
    ``threads``: threads for one document's feature extraction in ``align`` and ``check``
    (the command's ``--threads``, 2 by default; 0 is every core; a negative count or one
    over 1024 raises ``ValueError``, anything not an int ``TypeError``). Raises ``HashiError`` (kind ``"lexicon"`` or
    ``"dictionary"``) or ``InputError`` (an unreadable file) when a resource cannot be
    loaded.
    """

    def __init__(
        self,
        lexicon: Union[bool, None, str, "os.PathLike[str]"] = True,
        dict: Optional[Union[str, "os.PathLike[str]"]] = None,
        *,
        threads: Optional[int] = 2,
    ) -> None: ...
    @property
    def has_lexicon(self) -> bool: ...
    def align(
        self,
        en: Text,
        ja: Text,
        *,
        presegmented: bool = False,
        force: bool = False,
        max_ratio: float = 10.0,
        ratio_slack: int = 5,
    ) -> Alignment:
        """Align an English text with its Japanese original: the beads ``hashi align`` finds.

        ``presegmented=True`` takes both texts as one sentence a line, a blank line between
        paragraphs (``--presegmented``). Raises ``InputError`` when a side has no sentence
        (kind ``"empty_side"``), when the English text looks Japanese or the Japanese text
        English (``"swapped_languages"``), when a side is in neither language
        (``"wrong_language"``) or page furniture only (``"only_furniture"``), when the
        sentence counts differ by more than
        ``max_ratio`` times the smaller plus ``ratio_slack`` (``"lopsided"``; the command's
        ``--max-ratio`` and ``--ratio-slack``), or when bytes or a file are not text.
        ``force=True`` (``--force``) waives the language and size checks, not the empty
        side. These are the library's checks (``hashi::validate``), the command's own.
        """
    def check(
        self,
        en: Text,
        ja: Text,
        *,
        presegmented: bool = False,
        force: bool = False,
        max_ratio: float = 10.0,
        ratio_slack: int = 5,
    ) -> Report:
        """Align as ``hashi check`` does and report what the English left out, added or
        changed: a ``Report``, a sequence of ``Finding`` with the HTML report at
        ``.html()``. Raises as ``align`` does."""
    def align_many(
        self,
        docs: Iterable[Doc],
        threads: Optional[int] = None,
        *,
        presegmented: bool = False,
        force: bool = False,
        max_ratio: float = 10.0,
        ratio_slack: int = 5,
        window: Optional[int] = None,
    ) -> AlignMany:
        """Align many documents on ``threads`` threads (default, or 0: the number of cores;
        at most 1024, as ``hashi batch --threads``) with the GIL released, as ``hashi batch``
        does, yielding one ``DocResult`` a document in input order as soon as it and those
        before it are done.

        ``docs`` is read lazily, a few documents ahead of the workers (``window``, 4 per
        thread by default), so memory stays bounded however long it is. It is read by the
        thread that takes the results (in ``next()``), never by a thread of hashi's, so a
        script may end while results are still pending. Each document is
        ``(id, en, ja)`` or a dict with ``"id"``, ``"en"`` and ``"ja"``; the texts are ``str``,
        ``bytes`` or paths. A document that cannot be aligned (no sentence on a side, sides
        whose sentence counts differ by more than ``max_ratio`` times plus ``ratio_slack``,
        a side that looks like the other language, bytes that are not text, an item that is
        not a document, an id an earlier document has: ``error_kind`` ``"duplicate_id"``)
        yields a ``DocResult`` with its ``error``; the others go on. ``force=True``
        (``batch --force``) aligns swapped and lopsided documents anyway. An
        exception raised by ``docs`` itself is raised after the results of the documents
        before it.
        """

def to_dataset(
    results: Union[Alignment, DocResult, Iterable[Union[Alignment, DocResult]]],
    *,
    min_score: Optional[float] = None,
    errors: Literal["raise", "skip"] = "raise",
) -> Any:
    """The pairs of ``results`` (an ``Alignment``, a ``DocResult``, or an iterable of them,
    such as ``align_many``'s) as a Hugging Face ``datasets.Dataset`` with the columns
    ``translation`` (a ``datasets.Translation`` feature, ``{"en": ..., "ja": ...}``, what the
    translation trainers read), ``score`` and ``doc_id`` (None for a lone alignment). Pairs
    scoring below ``min_score`` are left out. A failed ``DocResult`` raises ``HashiError``
    with ``errors="raise"`` (the default) and is passed over with ``errors="skip"``. Imports
    datasets when called; raises ``ImportError`` saying how to install it when it is
    missing."""

PairDoc = Union[Tuple[Any, Text], str, "os.PathLike[str]"]
"""A document to pair: ``(id, text)`` (the text a ``str``, ``bytes`` or a path), or a file
alone (a ``str`` or ``os.PathLike``: an item without an id can only be a file), its id the
path as given."""

def pair(
    en_docs: Iterable[PairDoc],
    ja_docs: Iterable[PairDoc],
    *,
    min_score: float = 0.5,
    candidates: int = 4,
    threads: Optional[int] = None,
    presegmented: bool = False,
    lexicon: bool = True,
    errors: Literal["raise", "skip"] = "raise",
) -> list[Tuple[str, str, float]]:
    """Find which English document translates which Japanese one, as ``hashi pair`` does:
    a list of ``(en_id, ja_id, score)``, one a pair, in the English documents' order. Either
    side may hold documents with no counterpart; they are in no pair.

    Each document's anchors and lexicon words, weighted by their rarity on both sides, go
    into an inverted index; the ``candidates`` most similar documents of the other side of
    each document of the smaller side are aligned, and the alignment's verdict scores the
    pair (the probability that the two are translations of each other). Pairs are taken
    best first, each document once; those below ``min_score`` are left out. ``threads``:
    default the number of cores; the GIL is released. ``lexicon=False`` pairs without the
    bilingual lexicon.

    Raises ``InputError`` when a side is empty (kind ``"empty_source"``), when one file is
    given on both sides (``"same_file"``), or, with ``errors="raise"``, when a document
    cannot be read or decoded (the kinds of ``align``) or is in the other side's language
    (``"other_language"``: an English text among the Japanese); ``errors="skip"`` leaves such
    a document out.
    """
