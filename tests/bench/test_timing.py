"""The bench's arithmetic: rounds, interleaving, the ratios it checks against goals."""

from __future__ import annotations

from bench.extraction import Subject, corpus_files
from bench.report import Goals, floor_ratio
from bench.timing import Timing, measure, rounds_for


def test_rounds_fit_the_budget_within_bounds() -> None:
    assert rounds_for(0.1, budget=2.0) == 20
    assert rounds_for(10.0, budget=2.0) == 3  # never fewer than three
    assert rounds_for(0.0001, budget=2.0) == 30  # never more than thirty


def test_measure_interleaves_tasks_round_by_round() -> None:
    calls: list[str] = []
    timings = measure({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")},
                      budget=0.0, rounds=3)
    assert calls == ["a", "b"] * 4  # one warm-up round, then three timed
    assert [len(t.samples) for t in timings.values()] == [3, 3]


def test_timing_best_and_median() -> None:
    timing = Timing([0.3, 0.1, 0.2, 0.9])
    assert timing.best == 0.1
    assert timing.median == 0.25


def _subject(name: str, words: int, extract: float, *, generated: bool) -> Subject:
    times = {"open": 0.01, "tokenize": 0.01, "extract": extract}
    timings = {key: Timing([value, value * 2]) for key, value in times.items()}
    return Subject(name, b"", generated=generated, words=words, timings=timings)


def test_goals_compare_per_word_costs_and_floors() -> None:
    subjects = [
        _subject("a.docx", 1_000, 0.030, generated=False),
        _subject("b.docx", 1_000, 0.050, generated=False),  # corpus: 40 µs a word
        _subject("short.docx", 2_500, 0.100, generated=True),  # 40 µs a word
        _subject("long.docx", 25_000, 1.100, generated=True),  # 44 µs a word
    ]
    goals = Goals.from_subjects(subjects)
    assert goals.large == "long.docx"
    assert round(goals.per_word_vs_corpus, 3) == 1.1
    assert round(goals.per_word_vs_short, 3) == 1.1
    assert floor_ratio(subjects[0]) == 1.5
    assert not goals.met  # long.docx takes 55x (open + tokenize)


def test_corpus_files_lists_network_then_real(tmp_path) -> None:
    (tmp_path / "real").mkdir()
    for name in ("real/z.docx", "b.docx", "a.docx", "notes.md"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in corpus_files(tmp_path)] == ["a.docx", "b.docx", "z.docx"]


def test_scale_series_times_each_size_in_order(nlp) -> None:
    from bench.scaling import scale_series

    steps = scale_series((1.0, 3.0), nlp=nlp, seed=1, rounds=2)
    assert [step.pages for step in steps] == [1.0, 3.0]
    assert steps[0].words < steps[1].words
    assert all(len(step.extract.samples) == 2 for step in steps)
    assert steps[1].per_word == steps[1].extract.best / steps[1].words
