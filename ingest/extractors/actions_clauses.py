"""Where a statement starts and ends inside a block's spaCy Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ingest.extractors.actions_words import words

BOUNDARY = frozenset({",", ";", ":", "(", "—", "–"})
ADVERBS = words("""
also still then now soon shortly jointly further first later again both all
therefore hence thus together directly eventually
""")
_LABEL_WORDS = 4  # "Descriptive information:", "Action:", "EK:" — a label, not text
_BULLETS = frozenset({"…", "...", "-", "•", "*", "|"})  # "|": a table cell edge
# Titles the tokenizer does not know, so "It was agreed that Cllr. Brandt
# would ..." is cut into two sentences after "Cllr.".
_TITLES = words("""
cllr cllrs cr rev revd hon fr sr jr col capt lt sgt insp supt gov sen rep ald cc
""")
# A capitalised opener after a lower-case word starts a sentence the writer did
# not punctuate: "the members all agreed A new page will be created".
_OPENERS = words("A An The We They This It There Our These Those He She")


def segment_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The sentence around token i, cut at line breaks and semicolons.

    A "sentence" that opens in lower case went on after an abbreviation ("services
    etc., remain open and will be included"): it joins the one before.
    """
    sent = doc[i].sent
    start, end = sent.start, sent.end
    while start > 0 and ((doc[start].is_lower and not doc[start - 1].is_space)
                         or _after_title(doc, start)):
        start = doc[start - 1].sent.start
    while end < len(doc) and _after_title(doc, end):
        end = doc[end].sent.end
    for j in range(i - 1, start - 1, -1):
        if _breaks(doc[j]):
            start = j + 1
            break
        if j > start and _run_on(doc, j):
            start = j
            break
    for j in range(i + 1, end):
        if _breaks(doc[j]) or _run_on(doc, j):
            end = j
            break
    return start, end


def _after_title(doc: Doc, i: int) -> bool:
    """Whether token i only seems to open a sentence, after "Cllr."."""
    return i >= 2 and doc[i - 1].text == "." and doc[i - 2].lower_ in _TITLES


def _run_on(doc: Doc, i: int) -> bool:
    """An unpunctuated sentence start: "agreed A new issue", not "in The Hague"."""
    if doc[i].text not in _OPENERS or i == 0:
        return False
    before = doc[i - 1]
    after = doc[i + 1] if i + 1 < len(doc) else None
    return before.is_alpha and before.is_lower and not (
        after is not None and after.text[:1].isupper())


def _breaks(token: Token) -> bool:
    """A line break or a semicolon: what comes after is a new statement."""
    return token.text == ";" or (token.is_space and "\n" in token.text)


def body_start(doc: Doc, start: int, end: int) -> int:
    """Skip a leading label ("EK:", "Action:", "RGr -") and bullet marks."""
    i = start
    while i < end and (doc[i].is_space or doc[i].text in _BULLETS):
        i += 1
    for j in range(i, min(i + _LABEL_WORDS + 1, end)):
        if doc[j].text == ":" or (doc[j].text in {"-", "–"} and doc[j].whitespace_):
            return body_start(doc, j + 1, end) if j > i else i
        if doc[j].is_punct:
            break
    return i


def clause_start(doc: Doc, start: int, i: int) -> int:
    """Where the clause holding token i begins: after a comma, colon or "that".

    A bracketed aside is stepped over: "Projects (for which funding ...) will".
    """
    j, depth = i - 1, 0
    while j >= start:
        text = doc[j].text
        if text == ")":
            depth += 1
        elif text == "(" and depth:
            depth -= 1
        elif not depth and (text in BOUNDARY or doc[j].lower_ == "that"
                            or spaced_dash(doc[j])):
            return j + 1
        j -= 1
    return start


def spaced_dash(token: Token) -> bool:
    """A hyphen standing between spaces, used as a dash: "... fields - the Clerk"."""
    return token.text == "-" and bool(token.whitespace_) and token.i > 0 \
        and bool(token.doc[token.i - 1].whitespace_)


def outside_brackets(tokens: Span) -> list[Token]:
    """The tokens not inside round brackets: "An event (who ...) should be"."""
    kept, depth = [], 0
    for token in tokens:
        depth += token.text == "("
        if not depth:
            kept.append(token)
        depth -= token.text == ")" and depth > 0
    return kept


def skip_adverbs(doc: Doc, i: int, end: int) -> int:
    """The first token at or after i that is not an adverb like "also"."""
    while i < end and doc[i].lower_ in ADVERBS:
        i += 1
    return i
