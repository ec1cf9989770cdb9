"""Unexpected exceptions: masked in the response, logged with their traceback."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.settings import Settings
from resolvers.masking import MASKED_MESSAGE
from tests.api.conftest import post_errors

PEOPLE = "query { people { totalCount } }"


def test_unexpected_error_is_masked_and_logged(
    broken_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.ERROR, logger="strawberry.execution"),
        TestClient(create_app(broken_settings)) as client,
    ):
        response = client.post("/graphql", json={"query": PEOPLE})
    body = response.json()
    assert [e["message"] for e in body["errors"]] == [MASKED_MESSAGE]
    assert body["errors"][0]["path"] == ["people"]
    assert "person" not in response.text  # no SQL, table or traceback leaks
    logged = [r for r in caplog.records if r.exc_info]
    assert logged, "the unexpected error was not logged"
    assert "no such table: person" in str(logged[0].exc_info[1])
    assert "Traceback (most recent call last)" in caplog.text


def test_expected_errors_keep_their_message(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        [unknown] = post_errors(client, "query { nope }")
        [bad_id] = post_errors(client, 'query { node(id: "garbage!") { id } }')
    assert unknown.startswith("Cannot query field 'nope' on type 'Query'.")
    assert "is not a global ID" in bad_id
