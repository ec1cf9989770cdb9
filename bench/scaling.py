"""Extraction cost per word as generated minutes grow: quadratic loops show here.

All sizes come from the same generator and seed, so the layout and the mix of
sentences stay the same and only the length changes: the per-word cost should stay
flat (fixed costs make the smallest sizes dearer per word, never cheaper).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

from rich.table import Table
from spacy.language import Language

from bench.docgen import generate_minutes
from bench.timing import Clock, Timing, measure
from ingest.pipeline import extract_bytes
from ingest.readers.dispatch import read_bytes

DEFAULT_SIZES = (5.0, 10.0, 25.0, 50.0, 100.0)


@dataclass(frozen=True, slots=True)
class Step:
    """One size of the series and its best extraction time."""

    pages: float
    words: int
    extract: Timing

    @property
    def per_word(self) -> float:
        """Seconds of extraction per word."""
        return self.extract.best / max(self.words, 1)


def scale_series(sizes: tuple[float, ...], *, nlp: Language, seed: int,
                 rounds: int = 5, clock: Clock = time.process_time) -> list[Step]:
    """Extraction time for generated minutes of each size (pages), interleaved."""
    documents = {f"generated-{pages:g}p.docx": generate_minutes(seed=seed, pages=pages)
                 for pages in sizes}
    tasks = {name: partial(extract_bytes, data, name, nlp=nlp)
             for name, data in documents.items()}
    timings = measure(tasks, budget=0.0, rounds=rounds, clock=clock)
    return [Step(pages, len(read_bytes(data, name).text.split()), timings[name])
            for pages, (name, data) in zip(sizes, documents.items(), strict=True)]


def scaling_table(steps: list[Step]) -> Table:
    """Per-word cost at each size, relative to the smallest."""
    table = Table(title="Scaling: extraction of generated minutes (best of N)")
    for header in ("pages", "words", "extract (ms)", "µs / word", "vs smallest"):
        table.add_column(header, justify="right")
    base = steps[0].per_word if steps else 1.0
    for step in steps:
        table.add_row(f"{step.pages:g}", f"{step.words:,}",
                      f"{step.extract.best * 1000:,.1f}",
                      f"{step.per_word * 1e6:.1f}", f"{step.per_word / base:.2f}")
    return table
