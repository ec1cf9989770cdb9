"""The top-level packages import from this repository, not from something installed."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "name", ["minutegraph", "schema", "resolvers", "ingest", "workers"]
)
def test_package_comes_from_repo(name: str) -> None:
    module = importlib.import_module(name)
    assert Path(module.__file__).resolve().parent == REPO / name


def test_extract_needs_no_database() -> None:
    # Readers and extractors stay free of SQLAlchemy and strawberry (the CLI's
    # `extract` runs without a database).
    import subprocess
    import sys

    code = (
        "import sys, ingest.pipeline; "
        "bad = [m for m in ('sqlalchemy', 'strawberry') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
