"""The API bench runs end to end: uvicorn, the floor agreeing with GraphQL, a table."""

from __future__ import annotations

import pytest

from bench import api


def test_api_bench_runs_and_prints_the_ratio(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ratio = api.run(seconds=0.2)
    out = capsys.readouterr().out
    assert "ratio graphql/floor throughput" in out
    assert ratio > 0
