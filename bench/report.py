"""The bench's verdict: ratios against the goals, rich tables, JSON for the README."""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from bench.extraction import Subject

FLOOR_GOAL = 2.0  # extraction / (python-docx open + tokenization)
PER_WORD_GOAL = 1.1  # per-word cost of the 50-page file / that of the short ones
FLOOR_COLUMNS = (("open", "docx open"), ("xml", "zip+lxml"), ("tokenize", "tokenize"),
                 ("read", "reader"), ("extract", "extract"))


def floor_ratio(subject: Subject) -> float:
    """Extraction time over (python-docx open + blank tokenization), best of N each."""
    t = subject.timings or {}
    return t["extract"].best / (t["open"].best + t["tokenize"].best)


def per_word(subjects: list[Subject]) -> float:
    """Seconds of extraction per word over a set of documents (total / total)."""
    words = sum(s.words for s in subjects)
    return sum((s.timings or {})["extract"].best for s in subjects) / max(words, 1)


@dataclass(frozen=True, slots=True)
class Goals:
    """The ratios the issue sets goals for, computed from one run."""

    floor: dict[str, float]  # document -> extraction / (open + tokenize)
    large: str  # the 50-page document
    per_word_vs_corpus: float  # its per-word cost over the corpus .docx files'
    per_word_vs_short: float  # over the short generated document's (same layout)

    @classmethod
    def from_subjects(cls, subjects: list[Subject]) -> Goals:
        """Compute the ratios; the largest generated document is the 50-page one."""
        generated = sorted((s for s in subjects if s.generated), key=lambda s: s.words)
        corpus = [s for s in subjects if not s.generated]
        large, short = generated[-1], generated[0]
        return cls(floor={s.name: floor_ratio(s) for s in subjects}, large=large.name,
                   per_word_vs_corpus=per_word([large]) / per_word(corpus),
                   per_word_vs_short=per_word([large]) / per_word([short]))

    @property
    def met(self) -> bool:
        """Whether every goal holds."""
        return (max(self.floor.values()) <= FLOOR_GOAL
                and self.per_word_vs_corpus <= PER_WORD_GOAL)

    def rows(self) -> list[tuple[str, float, float]]:
        """(what, value, goal) for each goal."""
        rows = [(f"extract / (open + tokenize): {name}", value, FLOOR_GOAL)
                for name, value in self.floor.items()]
        rows.append((f"per-word cost: {self.large} / corpus .docx",
                     self.per_word_vs_corpus, PER_WORD_GOAL))
        rows.append((f"per-word cost: {self.large} / short generated",
                     self.per_word_vs_short, PER_WORD_GOAL))
        return rows


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def times_table(subjects: list[Subject]) -> Table:
    """Best-of-N milliseconds per document and measurement."""
    table = Table(title="Time per document (ms, best of N runs, interleaved)")
    for header in ("document", "words", "blocks", "N"):
        table.add_column(header, justify="left" if header == "document" else "right")
    for _, header in FLOOR_COLUMNS:
        table.add_column(header, justify="right")
    for header in ("extract median", "extract / (open+tok)", "µs / word"):
        table.add_column(header, justify="right")
    for s in subjects:
        t = s.timings or {}
        runs = str(len(t["extract"].samples))
        table.add_row(s.name, f"{s.words:,}", str(s.blocks), runs,
                      *(_ms(t[key].best) for key, _ in FLOOR_COLUMNS),
                      _ms(t["extract"].median), f"{floor_ratio(s):.2f}",
                      f"{t['extract'].best / max(s.words, 1) * 1e6:.1f}")
    return table


def stages_table(subjects: list[Subject]) -> Table:
    """Where extraction time goes: best-of-N milliseconds per stage."""
    stages = list((subjects[-1].stages or {}).keys())
    table = Table(title="Where extraction time goes (ms, best of N, stage by stage)")
    table.add_column("document")
    for stage in [*stages, "rest"]:
        table.add_column(stage, justify="right")
    for s in subjects:
        best = {name: timing.best for name, timing in (s.stages or {}).items()}
        rest = (s.timings or {})["extract"].best - sum(best.values())
        cells = [_ms(best.get(stage, 0.0)) for stage in stages]
        table.add_row(s.name, *cells, _ms(rest))
    return table


def goals_table(goals: Goals) -> Table:
    """Each ratio beside its goal."""
    table = Table(title="Ratios (from best-of-N times measured in this run)")
    table.add_column("ratio")
    table.add_column("document")
    table.add_column("value", justify="right")
    table.add_column("goal", justify="right")
    table.add_column("", justify="center")
    for what, value, goal in goals.rows():
        ok = "[green]ok[/]" if value <= goal else "[red]over[/]"
        ratio, _, document = what.partition(": ")
        table.add_row(ratio, document, f"{value:.2f}", f"≤ {goal:g}", ok)
    return table


def print_report(subjects: list[Subject], goals: Goals, *, seconds: float,
                 clock: str) -> None:
    """Print the three tables and the verdict."""
    # Piped into a file or CI log, rich would wrap at 80 columns and cut the names.
    console = Console(width=None if sys.stdout.isatty() else 170)
    console.print(times_table(subjects))
    console.print(stages_table(subjects))
    console.print(goals_table(goals))
    verdict = "[green]all goals met[/]" if goals.met else "[red]a goal is missed[/]"
    console.print(f"{verdict}. Times are {clock} time; the bench took {seconds:.0f} s "
                  "of wall time. 'rest' is extraction time outside the timed stages "
                  "(nlp.pipe, the pipeline's glue, garbage collection).")


def write_json(path: Path, subjects: list[Subject], goals: Goals, *, seed: int,
               pages: float, clock: str) -> None:
    """Write every number of the run as JSON."""
    payload = {
        "format": "minutegraph-bench/1",
        "python": platform.python_version(), "spacy": spacy.__version__,
        "machine": platform.machine(), "clock": clock,
        "generated": {"seed": seed, "pages": pages},
        "documents": [{
            "name": s.name, "generated": s.generated,
            "words": s.words, "blocks": s.blocks,
            "times": {k: v.as_dict() for k, v in (s.timings or {}).items()},
            "stages": {k: v.as_dict() for k, v in (s.stages or {}).items()},
            "extract_over_open_plus_tokenize": round(floor_ratio(s), 3),
        } for s in subjects],
        "ratios": [{"what": what, "value": round(value, 3), "goal": goal}
                   for what, value, goal in goals.rows()],
        "goals_met": goals.met,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
