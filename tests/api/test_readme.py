"""The README's example queries run against the corpus graph without errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.api.conftest import post

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_queries() -> list[str]:
    """The ```graphql blocks of the README's GraphQL section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## GraphQL\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)


def test_the_readme_shows_five_queries() -> None:
    assert len(readme_queries()) == 5


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4])
def test_readme_query_answers(client: TestClient, number: int) -> None:
    data = post(client, readme_queries()[number])
    for value in data.values():
        rows = value["edges"] if isinstance(value, dict) else value
        assert rows, data  # every example finds something in the corpus
