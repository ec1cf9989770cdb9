"""Shared fixtures: the real services the suite talks to, and the spaCy pipeline."""

from __future__ import annotations

import os

import pytest


def _service_url(env_name: str, what: str) -> str:
    url = os.environ.get(env_name)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{env_name} is not set: CI must provide {what}")
    pytest.skip(f"{env_name} not set; set it to run the {what} tests")


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL the suite may use (MINUTEGRAPH_TEST_POSTGRES_URL)."""
    return _service_url("MINUTEGRAPH_TEST_POSTGRES_URL", "PostgreSQL")


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis the suite may use (MINUTEGRAPH_TEST_REDIS_URL)."""
    return _service_url("MINUTEGRAPH_TEST_REDIS_URL", "Redis")


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, built once for the session."""
    from ingest.nlp import build_nlp

    return build_nlp()
