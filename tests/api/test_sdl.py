"""The committed SDL (schema/schema.graphql) is the schema the code prints."""

from __future__ import annotations

from pathlib import Path

from resolvers.root import schema

SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_committed_sdl_matches_the_code(update_golden: bool) -> None:
    printed = schema.as_str() + "\n"
    if update_golden:
        SDL.write_text(printed, encoding="utf-8")
    assert SDL.read_text(encoding="utf-8") == printed, (
        "schema/schema.graphql is stale: run "
        "`pytest tests/api/test_sdl.py --update-golden` and review the diff"
    )
