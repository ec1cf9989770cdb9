"""`minutegraph serve`'s first run: the example minutes go into an empty graph once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from minutegraph.cli_serve import document_count, example_files, first_run_load
from minutegraph.settings import Settings

MINUTES = """# Riverside Garden Club Committee Meeting

Minutes of the meeting held on 12 March 2024 at the Village Hall.

Present: Alice Carter (Riverside Garden Club), Brian Dalton (Hillside Allotments)
"""


def test_example_files_skip_readmes_and_missing_folders(tmp_path: Path) -> None:
    assert example_files(tmp_path / "missing") == []
    for name in ("a.md", "b.txt", "c.docx", "README.md", "d.gold.json", "e.pdf"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in example_files(tmp_path)] == ["a.md", "b.txt", "c.docx"]


def test_first_run_loads_examples_once(tmp_path: Path) -> None:
    examples = tmp_path / "corpus"
    examples.mkdir()
    (examples / "garden-club-2024-03-12.md").write_text(MINUTES)
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'var' / 'graph.db'}",
        storage_dir=tmp_path / "originals",
    )
    assert first_run_load(settings, examples) == 1
    assert first_run_load(settings, examples) == 0  # the graph is no longer empty
    assert asyncio.run(document_count(settings.database_url)) == 1
    assert first_run_load(settings, tmp_path / "missing") == 0
