"""`make bench`: extraction time per .docx beside floors measured in the same run.

For each corpus .docx and for generated minutes (a short and a 50-page one) it
times, interleaved and repeated: python-docx's `Document()` open, a raw zip + lxml
parse of word/document.xml, `spacy.blank("en")` tokenization of the blocks' text,
the reader alone, and the full extraction. Goals (from the issue): extraction within
2x of (open + tokenize) for every document, and the 50-page file costing no more
than 1.1x per word than the short ones. `--json` writes the numbers for the README;
`--check` exits non-zero when a goal is missed; `--profile` adds cProfile's view of
the 50-page extraction; `--scale` the per-word cost as generated minutes grow.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import spacy
from lxml import etree
from rich.console import Console
from spacy.language import Language

from bench.docgen import DEFAULT_PAGES, DEFAULT_SEED, generate_minutes
from bench.report import Goals, print_report, write_json
from bench.scaling import DEFAULT_SIZES, scale_series, scaling_table
from bench.timing import CLOCKS, Clock, Timing, measure, measure_stages
from ingest.extractors.actions import extract_action_items
from ingest.extractors.attendees import extract_attendees
from ingest.extractors.context import ExtractionContext
from ingest.extractors.events import extract_events
from ingest.extractors.meeting import extract_meeting
from ingest.nlp import build_nlp
from ingest.pipeline import extract_bytes
from ingest.readers.dispatch import read_bytes

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
OUT = Path(__file__).resolve().parent / "out"
SHORT_PAGES = 5  # the generator's short document: same layout, a tenth of the size


@dataclass(slots=True)
class Subject:
    """One document under test and what was measured on it."""

    name: str
    data: bytes
    generated: bool
    words: int = 0
    blocks: int = 0
    timings: dict[str, Timing] | None = None
    stages: dict[str, Timing] | None = None


def corpus_files(root: Path) -> list[Path]:
    """The corpus .docx files: the network documents, then the real ones."""
    return sorted(root.glob("*.docx")) + sorted((root / "real").glob("*.docx"))


def _parse_xml(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        etree.fromstring(archive.read("word/document.xml"))


def floor_tasks(subject: Subject, texts: list[str], blank: Language,
                nlp: Language) -> dict[str, Callable[[], object]]:
    """What is timed for one document: the floors, the reader and the extraction."""
    data, name = subject.data, subject.name
    return {
        "open": lambda: docx.Document(io.BytesIO(data)),
        "xml": lambda: _parse_xml(data),
        "tokenize": lambda: list(blank.pipe(texts)),
        "read": lambda: read_bytes(data, name),
        "extract": lambda: extract_bytes(data, name, nlp=nlp),
    }


def staged_extraction(data: bytes, name: str, nlp: Language,
                      clock: Clock = time.process_time) -> dict[str, float]:
    """Seconds per stage of one extraction, in the order ingest.pipeline runs them."""
    seconds: dict[str, float] = {}
    start = clock()
    raw = read_bytes(data, name)
    seconds["read"] = clock() - start
    start = clock()
    docs = [nlp.make_doc(block.text) for block in raw.blocks]
    seconds["tokenizer"] = clock() - start
    for pipe_name, component in nlp.pipeline:  # one Doc at a time, as nlp.pipe would
        start = clock()
        docs = [component(doc) for doc in docs]
        seconds[pipe_name] = clock() - start
    ctx = ExtractionContext(raw=raw, docs=docs)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("meeting", lambda: setattr(ctx, "meeting", extract_meeting(ctx))),
        ("attendees", lambda: extract_attendees(ctx)),
        ("events", lambda: extract_events(ctx)),
        ("actions", lambda: extract_action_items(ctx)),
    ]
    for stage, step in steps:
        start = clock()
        step()
        seconds[stage] = clock() - start
    return seconds


def run_subject(subject: Subject, *, nlp: Language, blank: Language, budget: float,
                rounds: int | None, clock: Clock) -> None:
    """Measure one document: floors, reader, extraction, then the stages."""
    raw = read_bytes(subject.data, subject.name)
    texts = [block.text for block in raw.blocks]
    subject.words = len(raw.text.split())
    subject.blocks = len(raw.blocks)
    subject.timings = measure(floor_tasks(subject, texts, blank, nlp), budget=budget,
                              rounds=rounds, clock=clock)
    stage_rounds = max(3, min(10, len(subject.timings["extract"].samples)))
    subject.stages = measure_stages(
        lambda: staged_extraction(subject.data, subject.name, nlp, clock),
        rounds=stage_rounds)


def subjects(corpus: Path, *, seed: int, pages: float) -> list[Subject]:
    """The corpus .docx files and the two generated documents."""
    found = [Subject(path.name, path.read_bytes(), generated=False)
             for path in corpus_files(corpus)]
    for size in (SHORT_PAGES, pages):
        data = generate_minutes(seed=seed, pages=size)
        name = f"generated-{size:g}p-seed{seed}.docx"
        found.append(Subject(name, data, generated=True))
    return found


def profile_extraction(subject: Subject, nlp: Language, *, top: int) -> None:
    """Print cProfile's busiest functions for one extraction of `subject`."""
    import cProfile
    import pstats

    extract_bytes(subject.data, subject.name, nlp=nlp)  # warm-up
    profiler = cProfile.Profile()
    profiler.enable()
    extract_bytes(subject.data, subject.name, nlp=nlp)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\ncProfile of one extraction of {subject.name}")
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def _sizes(text: str) -> tuple[float, ...]:
    return tuple(float(part) for part in text.split(","))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.extraction",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pages", type=float, default=DEFAULT_PAGES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--budget", type=float, default=8.0,
                        help="seconds of timing per document (sets the rounds)")
    parser.add_argument("--rounds", type=int, help="fixed rounds instead of --budget")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                        help="cpu: this process's CPU time (default, robust to other "
                        "load); wall: elapsed time")
    parser.add_argument("--json", nargs="?", const=OUT / "extraction.json", type=Path,
                        metavar="PATH", help="write the numbers (default bench/out/)")
    parser.add_argument("--check", action="store_true", help="exit 1 on a missed goal")
    parser.add_argument("--profile", type=int, nargs="?", const=25, metavar="TOP",
                        help="cProfile the largest document, print the TOP functions")
    parser.add_argument("--scale", nargs="?", const=DEFAULT_SIZES, type=_sizes,
                        metavar="PAGES,...", help="per-word cost as generated minutes "
                        "grow (default 5,10,25,50,100 pages)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print (and maybe write) the tables and ratios."""
    args = parse_args(argv)
    if not corpus_files(args.corpus):
        print(f"no .docx files under {args.corpus} (set --corpus)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    nlp, blank = build_nlp(), spacy.blank("en")
    todo = subjects(args.corpus, seed=args.seed, pages=args.pages)
    for subject in todo:
        run_subject(subject, nlp=nlp, blank=blank, budget=args.budget,
                    rounds=args.rounds, clock=CLOCKS[args.clock])
    goals = Goals.from_subjects(todo)
    print_report(todo, goals, seconds=time.perf_counter() - started, clock=args.clock)
    if args.json:
        write_json(args.json, todo, goals, seed=args.seed, pages=args.pages,
                   clock=args.clock)
        print(f"wrote {args.json}")
    if args.scale:
        steps = scale_series(args.scale, nlp=nlp, seed=args.seed,
                             clock=CLOCKS[args.clock])
        Console(width=None if sys.stdout.isatty() else 170).print(scaling_table(steps))
    if args.profile:
        profile_extraction(todo[-1], nlp, top=args.profile)
    return 1 if args.check and not goals.met else 0


if __name__ == "__main__":
    sys.exit(main())
