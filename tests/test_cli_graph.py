"""`minutegraph db upgrade`, `ingest` and `graph stats` as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.corpus import shared_dir

CORPUS = shared_dir() / "corpus"


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with its database and originals under tmp_path."""
    env = {
        **os.environ,
        "MINUTEGRAPH_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}",
        "MINUTEGRAPH_STORAGE_DIR": str(tmp_path / "originals"),
        "COLUMNS": "120",
    }
    return subprocess.run(
        [sys.executable, "-c", "from minutegraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )


def test_ingest_a_folder_skips_a_bad_file_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "unodc-informal-2023-03-22.docx",
        "alliance-cd-firearms-prep-2023-04-20.md",
    ):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated zip")
    (folder / "notes.xyz").write_text("ignored: not a minutes format")

    result = run_cli(tmp_path, "ingest", str(folder))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Ingested 2 of 3 files" in result.stdout
    assert "broken.docx" in result.stderr
    assert "Traceback" not in result.stderr

    stats = run_cli(tmp_path, "graph", "stats")
    assert stats.returncode == 0, stats.stderr
    counts = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in stats.stdout.splitlines()
        if line.count("│") == 3
    }
    assert counts["meetings"] == "2"
    assert int(counts["people"]) > 20
    assert int(counts["attendances"]) > 20
    # Both minutes list apologies (4 and 2); they are not counted as attendances.
    assert counts["apologies"] == "6"


def test_db_upgrade_creates_the_database(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "graph.db").exists()
