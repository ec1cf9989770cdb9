"""A token-pattern matcher for the action triggers, with spaCy Matcher's results.

spaCy's `Matcher` starts every pattern at every token and tests `{"IN": [...]}`
sets in Python, once per token and set: on a 50-page document that was a third of
the extraction. The trigger patterns are simple (token dicts of LOWER / IN / REGEX /
IS_* tests, ops "?" and "*"), so this matcher reads the token attributes once with
`Doc.to_array`, starts a pattern only where its first literal word occurs, and
returns what `Matcher(doc)` returns: every (label, start, end) once, in the order
spaCy reports ties (labels in the order they were added).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

_FLAGS = ("IS_ALPHA", "IS_LOWER", "IS_TITLE", "IS_UPPER")
_COLUMNS = ("LOWER", "ORTH", *_FLAGS)

Row = tuple[int, ...]  # one token: its LOWER and ORTH ids, then the flags
Test = Callable[[Row, Doc], bool]


def _literal(key: str, value: object) -> tuple[Test, frozenset[int]] | None:
    """A LOWER / TEXT test against one word or an "IN" list, and the word ids."""
    if isinstance(value, str):
        words = frozenset([get_string_id(value)])
    elif isinstance(value, dict) and list(value) == ["IN"]:
        words = frozenset(get_string_id(w) for w in value["IN"])
    else:
        return None
    col = 0 if key == "LOWER" else 1
    return (lambda row, doc: row[col] in words), words


def _check(key: str, value: object) -> Test:
    """One key of a token dict (not a literal) as a test on a row."""
    if key in _FLAGS:
        col, want = _COLUMNS.index(key), bool(value)
        return lambda row, doc: bool(row[col]) == want
    if key == "LOWER" and isinstance(value, dict) and list(value) == ["REGEX"]:
        regex = re.compile(value["REGEX"])
        return lambda row, doc: bool(regex.search(doc.vocab.strings[row[0]]))
    raise ValueError(f"unsupported token pattern {key!r}: {value!r}")


def _test(spec: dict) -> tuple[Test, frozenset[int] | None]:
    """A token dict as a test on a row, and its literal LOWER ids (None: any word)."""
    checks: list[Test] = []
    anchor: frozenset[int] | None = None
    for key, value in spec.items():
        literal = _literal(key, value) if key in ("LOWER", "TEXT") else None
        if literal is not None:
            checks.insert(0, literal[0])
            anchor = literal[1] if key == "LOWER" else anchor
        elif key != "OP":
            checks.append(_check(key, value))
    return (lambda row, doc: all(check(row, doc) for check in checks)), anchor


class _Pattern:
    """One token pattern: its tests, ops, and the literal words that anchor it."""

    def __init__(self, key: int, tokens: list[dict]) -> None:
        self.key = key
        compiled = [_test(spec) for spec in tokens]
        self.tests = [test for test, _ in compiled]
        self.ops = [spec.get("OP", "1") for spec in tokens]
        if any(op not in ("1", "?", "*") for op in self.ops):
            raise ValueError(f"unsupported op in {tokens!r}")
        self.offset, self.anchor = next(
            (i, words) for i, (_, words) in enumerate(compiled)
            if words is not None and self.ops[i] == "1")
        if any(op != "1" for op in self.ops[: self.offset]):
            raise ValueError(f"anchor after an optional token in {tokens!r}")

    def ends(self, rows: _Rows, doc: Doc, start: int) -> set[int]:
        """Every end of a match starting at `start`."""
        positions = {start}
        for test, op in zip(self.tests, self.ops, strict=True):
            after: set[int] = set()
            frontier = positions
            while frontier:
                step = {i + 1 for i in frontier if i < len(rows) and test(rows[i], doc)}
                frontier = step - after if op == "*" else set()
                after |= step
            positions = after | positions if op in ("?", "*") else after
        return positions


class _Rows:
    """The rows of a Doc's tokens, each read when a pattern first tests it.

    Reading every attribute of every token with `Doc.to_array` cost more than the
    matching; only the tokens at and after an anchor word are ever tested.
    """

    __slots__ = ("cache", "doc")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.cache: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: int) -> Row:
        row = self.cache.get(i)
        if row is None:
            t = self.doc[i]  # in the order of _COLUMNS
            row = self.cache[i] = (t.lower, t.orth, t.is_alpha, t.is_lower, t.is_title,
                                   t.is_upper)
        return row


class TokenMatcher:
    """Patterns added under labels; calling it on a Doc gives (key, start, end)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.patterns: list[_Pattern] = []
        self.by_word: dict[int, list[tuple[int, _Pattern]]] = defaultdict(list)

    def add(self, label: str, patterns: list[list[dict]]) -> None:
        """Add patterns under `label` (ties are reported in the order labels came)."""
        key = self.vocab.strings.add(label)
        for tokens in patterns:
            pattern = _Pattern(key, tokens)
            order = len(self.patterns)
            self.patterns.append(pattern)
            for word in pattern.anchor or ():
                self.by_word[word].append((order, pattern))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every match once, by start, end and the order its label was added."""
        if not len(doc):
            return []
        rows = _Rows(doc)
        found: dict[tuple[int, int, int], int] = {}
        for index, lower in enumerate(doc.to_array(LOWER).tolist()):
            for order, pattern in self.by_word.get(lower, ()):
                start = index - pattern.offset
                if start < 0:
                    continue
                for end in pattern.ends(rows, doc, start):
                    if end > start:
                        match = (pattern.key, start, end)
                        found[match] = min(order, found.get(match, order))
        return sorted(found, key=lambda m: (m[1], m[2], found[m]))
