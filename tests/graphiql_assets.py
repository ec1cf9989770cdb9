"""GraphiQL's CDN files for the tests, fetched once into var/graphiql and kept.

var/graphiql is also where `make serve` keeps them, so a machine that served once
downloads nothing here; `fetch_assets` re-verifies every file either way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from minutegraph.graphiql import AssetError, fetch_assets

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "var" / "graphiql"


def cached_assets() -> Path:
    """The folder holding every file the page names, intact (fetched if needed)."""
    try:
        fetch_assets(CACHE)
    except AssetError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to fetch GraphiQL's assets from npm: {exc}")
        pytest.skip(f"GraphiQL's assets could not be fetched: {exc}")
    return CACHE
