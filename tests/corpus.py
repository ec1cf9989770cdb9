"""The corpus and its gold extractions, scored by ../shared/extraction/score.py.

Run `python -m tests.corpus [--explain] [--set SET] [ID...]`
to print the per-document table while working on the extractors; tests import
the same code.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
SOURCE_SUFFIXES = (".docx", ".txt", ".md", ".html", ".pdf")


def shared_dir() -> Path:
    """The shared folder beside the repository (CI lays a copy there too)."""
    return (REPO.parent / "shared").resolve()


@cache
def score_module() -> ModuleType:
    """../shared/extraction/score.py, imported as a module."""
    path = shared_dir() / "extraction" / "score.py"
    spec = importlib.util.spec_from_file_location("minutegraph_shared_score", path)
    assert spec, f"cannot import {path}"
    assert spec.loader, f"cannot import {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Case:
    """One corpus file with the gold extraction that applies to it."""

    id: str  # file name: unodc-informal-2023-02-15.docx
    source: Path
    gold: Path
    set: str  # "network" (top of the corpus), "real"; tests/: "heldout", "blind"...


def cases() -> list[Case]:
    """Every corpus file with a gold extraction (one gold may cover two files)."""
    found: list[Case] = []
    corpus = shared_dir() / "corpus"
    folders = (
        (corpus, "network"),
        (corpus / "real", "real"),
        (REPO / "tests" / "heldout", "heldout"),
        (REPO / "tests" / "blind", "blind"),
        (REPO / "tests" / "blind2", "blind2"),
        (REPO / "tests" / "blind3", "blind3"),
        (REPO / "tests" / "blind4", "blind4"),
    )
    for folder, set_name in folders:
        for gold in sorted(folder.glob("*.gold.json")):
            stem = gold.name[: -len(".gold.json")]
            for suffix in SOURCE_SUFFIXES:
                source = folder / f"{stem}{suffix}"
                if source.exists():
                    found.append(Case(source.name, source, gold, set_name))
    return found


def score_cases(selected: list[Case]) -> tuple[dict, object]:
    """Extract and score each case; returns score.py's (results, totals)."""
    from ingest.nlp import build_nlp
    from ingest.pipeline import extract_file

    score = score_module()
    nlp = build_nlp()
    results: dict = {}
    totals = score.Totals()
    for case in selected:
        gold = score.load_extraction(case.gold)
        pred = score.validate(extract_file(case.source, nlp=nlp).as_contract())
        doc = score.score_document(gold, pred)
        results[case.id] = (doc, False)
        totals.add(doc)
    return results, totals


def report(selected: list[Case], *, explain: bool = False) -> tuple[str, dict]:
    """The per-document table (score.py's layout) and the micro totals."""
    results, totals = score_cases(selected)
    text = score_module().report_directory(
        results, totals, as_json=False, explain=explain
    )
    return text, totals.as_dict()


def main(argv: list[str] | None = None) -> int:
    """Print the score table for the chosen corpus documents."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ids", nargs="*", help="file names (or parts of them) to score")
    parser.add_argument(
        "--set",
        choices=("network", "real", "heldout", "blind", "blind2", "blind3", "blind4"),
    )
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)
    selected = [
        c
        for c in cases()
        if (args.set is None or c.set == args.set)
        and (not args.ids or any(i in c.id for i in args.ids))
    ]
    text, _ = report(selected, explain=args.explain)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
