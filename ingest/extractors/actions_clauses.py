"""Where a statement starts and ends inside a block's spaCy Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ingest.extractors.actions_words import GROUP_WORDS, words

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
    # "... redo WGLC This is ...": an acronym can end the unpunctuated line too.
    return before.is_alpha and (before.is_lower or before.is_upper) and not (
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


_SUBJECT_WORDS = 5  # "and [Ann Lee] will", "but the Treasurer should"
_CLAUSE_MODALS = words("will should shall 'll ’ll")
_PRONOUNS = words("we i you they it this that there he she our the a an")


def joined_start(doc: Doc, begin: int, i: int) -> int:
    """Where a second clause joined by "and"/"but" starts before token i: "Dan
    will talk about X and Carl will summarize" (but "Ola and Tim will"). Only
    when a name opens the first clause too: "We will ... and Ann will ..." may
    report what the meeting did."""
    if not _named_opening(doc, begin):
        return begin
    for j in range(i - 1, max(begin, i - _SUBJECT_WORDS) - 1, -1):
        if doc[j].lower_ in {"and", "but"} and j > begin \
                and doc[j - 1].is_alpha and doc[j - 1].is_lower \
                and doc[j - 1].lower_ not in GROUP_WORDS \
                and _opens_name(doc, j + 1, i):
            return j + 1
    return begin


def joins_subject(doc: Doc, start: int, j: int, end: int) -> bool:
    """Whether "and"/"but" at token j opens a new "Name will ..." clause after
    one a name opens at `start`."""
    if doc[j].lower_ not in {"and", "but"} or j == 0 or not doc[j - 1].is_lower \
            or not _named_opening(doc, start):
        return False
    for k in range(j + 2, min(j + 1 + _SUBJECT_WORDS, end)):
        if doc[k].lower_ in _CLAUSE_MODALS:
            return _opens_name(doc, j + 1, k)
    return False


def _opens_name(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are a name, maybe in link brackets: "[Carl]", "Ann Lee"."""
    names = [t for t in doc[start:end] if t.text not in {"[", "]"}]
    return bool(names) and all(t.text[:1].isupper() for t in names)


def _named_opening(doc: Doc, start: int) -> bool:
    """Whether the clause at `start` opens with a name, not "We" or "It"."""
    first = next((t for t in doc[start:] if t.text not in {"[", "]"}), None)
    return first is not None and first.text[:1].isupper() \
        and first.lower_ not in _PRONOUNS
