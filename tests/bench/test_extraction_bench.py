"""`make bench` end to end on a one-file corpus: tables, JSON and the exit code."""

from __future__ import annotations

import json

from bench.docgen import generate_minutes
from bench.extraction import main


def test_bench_runs_and_writes_every_number(tmp_path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.docx").write_bytes(generate_minutes(seed=9, pages=1))
    out = tmp_path / "bench.json"
    code = main(["--corpus", str(corpus), "--pages", "2", "--rounds", "1",
                 "--json", str(out)])
    assert code == 0  # without --check a missed goal is reported, not fatal
    printed = capsys.readouterr().out
    assert "Where extraction time goes" in printed
    payload = json.loads(out.read_text())
    names = [d["name"] for d in payload["documents"]]
    assert names == ["one.docx", "generated-5p-seed2023.docx",
                     "generated-2p-seed2023.docx"]
    first = payload["documents"][0]
    assert set(first["times"]) == {"open", "xml", "tokenize", "read", "extract"}
    assert {"read", "tokenizer", "meeting", "attendees", "events",
            "actions"} <= set(first["stages"])
    assert first["times"]["extract"]["runs"] == 1
    assert len(payload["ratios"]) == 3 + 2  # one per document, two per-word
    assert payload["goals_met"] == all(r["value"] <= r["goal"]
                                       for r in payload["ratios"][:-1])


def test_bench_refuses_an_empty_corpus(tmp_path) -> None:
    assert main(["--corpus", str(tmp_path)]) == 2
