"""Odd input never crashes the pipeline: it extracts, or raises one typed IngestError.

Deterministic fuzzing: corpus lines shuffled and mutated with the characters that
trip text code (case-folding letters, combining marks, controls, RTL marks, huge
numbers, lone brackets), read as .txt, .md and .html.
"""

from __future__ import annotations

import random

import pytest

from ingest.pipeline import extract_bytes
from minutegraph.errors import IngestError
from tests.corpus import shared_dir

ODD = [
    "ſ",
    "\u212a",
    "\u0301",
    "\u200f",
    "\x00",
    "\x0b",
    "\ufeff",
    "9" * 30,
    "((",
    "]]",
    "—",
    "–",
    "\u00a0",
    "\t",
    "#",
    "- [ ]",
    "|",
    "**",
    "<",
    "&#x0;",
    "31/02/2023",
    "99:99",
    "Present:",
    "Apologies:",
    "Action:",
    "will",
    "by 32 May",
]


def _lines() -> list[str]:
    corpus = shared_dir() / "corpus"
    text = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.md"))
    )
    return [line for line in text.splitlines() if line.strip()]


def _mutate(rng: random.Random, line: str) -> str:
    for _ in range(rng.randint(0, 3)):
        at = rng.randint(0, len(line))
        line = line[:at] + rng.choice(ODD) + line[at:]
    return line


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_mutated_minutes_extract_or_fail_cleanly(suffix: str, nlp) -> None:
    rng = random.Random(f"minutegraph-{suffix}")
    lines = _lines()
    for _ in range(40):
        doc = "\n".join(
            _mutate(rng, rng.choice(lines)) for _ in range(rng.randint(1, 40))
        )
        try:
            extraction = extract_bytes(doc.encode("utf-8"), f"fuzz{suffix}", nlp=nlp)
        except IngestError:
            continue
        data = extraction.as_contract(explain=True)
        assert data["format"] == "minutes-extract/1"
