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


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites tests/golden/*.expected.json from current output."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden extraction files instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def postgres_run(postgres_url: str):
    """A migrated PostgreSQL database for this run, dropped at the end."""
    from tests.databases import PostgresRun

    run = PostgresRun(postgres_url)
    run.create()
    yield run
    run.drop()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """An empty migrated database: a new SQLite file, or the run's PostgreSQL."""
    if request.param == "sqlite":
        from minutegraph.migrate import upgrade

        url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
        upgrade(url)
        return url
    run = request.getfixturevalue("postgres_run")
    run.truncate()
    return run.url
