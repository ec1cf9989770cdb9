"""The spaCy pipeline: built once per process, blank English plus our components.

A trained pipeline (settings.spacy_model, e.g. "en_core_web_sm") is used when it is
installed: its entities become extra evidence. Without it, `spacy.blank("en")`
with a sentencizer does tokenization and sentences, and minutegraph's own
registered components do the matching.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing these modules registers their components with spaCy.
from ingest.extractors import actions as _actions  # noqa: F401
from ingest.extractors import dates as _dates  # noqa: F401
from ingest.extractors.context import TEXT_KEY

log = logging.getLogger(__name__)

COMPONENTS = ("minutegraph_dates", "minutegraph_actions")


class TextKeepingTokenizer:
    """The tokenizer, keeping each Doc's text for `context.doc_text` (no rebuild)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        """Tokenize `text` and keep it on the Doc."""
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc


@cache
def build_nlp(model: str | None = None) -> Language:
    """Load the pipeline once per process (per model name)."""
    nlp: Language | None = None
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError:
            log.warning(
                "spaCy model %r is not installed; using spacy.blank('en')", model
            )
    if nlp is None:
        nlp = spacy.blank("en")
    if (
        not nlp.has_pipe("sentencizer")
        and not nlp.has_pipe("parser")
        and not nlp.has_pipe("senter")
    ):
        nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return nlp
