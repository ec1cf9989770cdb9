"""Golden files: the full extraction (with provenance) of every corpus document.

A change in any extracted fact shows up here as a diff to review like code;
`pytest tests/test_golden.py --update-golden` rewrites the expected files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import extract_file
from tests import corpus

GOLDEN = Path(__file__).parent / "golden"
CASES = corpus.cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_extraction_matches_golden(case: corpus.Case, nlp, update_golden: bool) -> None:
    actual = extract_file(case.source, nlp=nlp).as_contract(explain=True)
    path = GOLDEN / f"{case.id}.expected.json"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(
            json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return
    assert path.exists(), f"no golden file {path.name}: run pytest --update-golden"
    expected = json.loads(path.read_text(encoding="utf-8"))
    for key in ("meeting", "attendees", "events", "action_items", "dialogue_figures"):
        assert actual[key] == expected[key], f"{case.id}: {key} changed"
    assert actual == expected


def test_every_golden_file_has_a_source() -> None:
    names = {f"{c.id}.expected.json" for c in CASES}
    stale = [p.name for p in GOLDEN.glob("*.expected.json") if p.name not in names]
    assert not stale, f"golden files without a corpus document: {stale}"
