"""`minutegraph extract` as a user runs it: JSON out, one clear line per bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.corpus import shared_dir

CORPUS = shared_dir() / "corpus"
SEED_TXT = CORPUS / "unodc-informal-2023-02-15.txt"
SEED_DOCX = CORPUS / "unodc-informal-2023-02-15.docx"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script's entry point in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", "from minutegraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_one_file_prints_one_contract_object() -> None:
    result = run_cli("extract", str(SEED_DOCX), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "minutes-extract/1"
    assert data["source"]["filename"] == SEED_DOCX.name
    assert set(data) == {
        "format",
        "source",
        "meeting",
        "attendees",
        "events",
        "action_items",
    }


def test_several_files_print_json_lines() -> None:
    result = run_cli("extract", str(SEED_TXT), str(SEED_DOCX), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["filename"] for line in lines] == [
        SEED_TXT.name,
        SEED_DOCX.name,
    ]


def test_bad_file_is_one_line_on_stderr_and_others_still_run(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"\x00\x01 this is not a word document" * 10)
    missing = tmp_path / "missing.md"
    result = run_cli("extract", str(junk), str(SEED_TXT), str(missing), "--json")
    assert result.returncode != 0
    assert json.loads(result.stdout)["source"]["filename"] == SEED_TXT.name
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2, result.stderr
    assert "junk.docx" in errors[0]
    assert "[MG10" in errors[0]  # one of the typed reader errors
    assert "missing.md" in errors[1]
    assert "Traceback" not in result.stderr


def test_unsupported_type_is_refused_clearly(tmp_path: Path) -> None:
    odd = tmp_path / "minutes.xyz"
    odd.write_text("Present: Ann Lee")
    result = run_cli("extract", str(odd))
    assert result.returncode == 1
    assert "[MG101]" in result.stderr
    assert "Traceback" not in result.stderr


def test_explain_adds_the_source_of_each_fact() -> None:
    result = run_cli("extract", str(SEED_TXT), "--explain")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("attendees", "events", "action_items"):
        for item in data[key]:
            prov = item["provenance"]
            assert prov["snippet"], item
            assert prov["end"] > prov["start"]


def test_summary_lists_the_apologies_and_json_leaves_them_out() -> None:
    debrief = CORPUS / "ccpcj-side-event-debrief-2023-06-01.txt"
    result = run_cli("extract", str(debrief))
    assert result.returncode == 0, result.stderr
    assert "Apologies (2)" in result.stdout
    assert "Billy Batware" in result.stdout
    contract = json.loads(run_cli("extract", str(debrief), "--json").stdout)
    assert "apologies" not in contract
    explained = json.loads(run_cli("extract", str(debrief), "--explain").stdout)
    assert [a["name"] for a in explained["apologies"]] == [
        "Billy Batware",
        "Aniedi Okure",
    ]
