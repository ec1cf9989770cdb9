"""Production mode refuses exposed settings, listing every problem; secrets stay out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from minutegraph.app import create_app
from minutegraph.settings import InsecureSettings, Settings

GOOD_SECRET = "k" * 40


def production(**overrides: object) -> Settings:
    """Production settings that pass, changed by `overrides`."""
    fields = {"environment": "production", "secret_key": GOOD_SECRET} | overrides
    return Settings(**fields)


def test_development_allows_everything() -> None:
    settings = Settings(cors_origins=["*"], anonymous_write=True)
    assert settings.environment == "development"
    settings.check_production()  # no raise
    assert settings.production_warnings() == []


def test_production_with_a_secret_and_nothing_open_starts() -> None:
    production().check_production()


def test_production_lists_every_problem_at_once() -> None:
    settings = Settings(
        environment="production",
        cors_origins=["https://app.example.org", "*"],
        trusted_origins=["*"],
        anonymous_write=True,
    )
    with pytest.raises(InsecureSettings) as raised:
        settings.check_production()
    message = str(raised.value)
    assert message.startswith("[MG001] refusing to start in production")
    for needle in (
        "MINUTEGRAPH_SECRET_KEY",
        "MINUTEGRAPH_CORS_ORIGINS",
        "MINUTEGRAPH_TRUSTED_ORIGINS",
        "MINUTEGRAPH_ANONYMOUS_WRITE",
    ):
        assert needle in message
    assert len(settings.production_problems()) == 4


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"secret_key": None}, "MINUTEGRAPH_SECRET_KEY"),
        ({"secret_key": "short"}, "it is shorter"),
        ({"secret_key": " " * 40}, "MINUTEGRAPH_SECRET_KEY"),
        ({"cors_origins": ["*"]}, "MINUTEGRAPH_CORS_ORIGINS"),
        ({"trusted_origins": ["*"]}, "MINUTEGRAPH_TRUSTED_ORIGINS"),
        ({"anonymous_write": True}, "MINUTEGRAPH_ANONYMOUS_WRITE"),
    ],
)
def test_production_refuses_each_problem(overrides: dict, needle: str) -> None:
    settings = production(**overrides)
    with pytest.raises(InsecureSettings, match=needle):
        settings.check_production()
    assert len(settings.production_problems()) == 1


def test_a_short_secret_is_not_echoed() -> None:
    with pytest.raises(InsecureSettings) as raised:
        production(secret_key="hunter2").check_production()
    assert "hunter2" not in str(raised.value)


def test_production_warns_about_graphiql_and_anonymous_reading() -> None:
    assert len(production().production_warnings()) == 2
    closed = production(graphiql=False, anonymous_read=False)
    assert closed.production_warnings() == []


def test_the_app_refuses_to_start(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    with pytest.raises(InsecureSettings, match="MINUTEGRAPH_SECRET_KEY"):
        create_app(Settings(database_url=url, environment="production"))
    create_app(production(database_url=url))  # a fit production app builds


def test_serve_refuses_to_start(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MINUTEGRAPH_")
    }
    env |= {
        "MINUTEGRAPH_ENVIRONMENT": "production",
        "MINUTEGRAPH_ANONYMOUS_WRITE": "true",
        "MINUTEGRAPH_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}",
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "minutegraph"),
            "serve",
            "--examples",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "MINUTEGRAPH_SECRET_KEY" in result.stderr
    assert "MINUTEGRAPH_ANONYMOUS_WRITE" in result.stderr
    assert not (tmp_path / "graph.db").exists()  # nothing was set up


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTEGRAPH_ENVIRONMENT", "production")
    monkeypatch.setenv("MINUTEGRAPH_SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("MINUTEGRAPH_CORS_ORIGINS", '["https://app.example.org"]')
    monkeypatch.setenv("MINUTEGRAPH_LOG_FORMAT", "json")
    monkeypatch.setenv("MINUTEGRAPH_WORKER_METRICS_PORT", "9101")
    settings = Settings(_env_file=None)
    settings.check_production()
    assert settings.cors_origins == ["https://app.example.org"]
    assert settings.log_format == "json"
    assert settings.worker_metrics_port == 9101
    monkeypatch.setenv("MINUTEGRAPH_ANONYMOUS_WRITE", "true")
    with pytest.raises(InsecureSettings):
        Settings(_env_file=None).check_production()


def test_the_secret_stays_out_of_reprs() -> None:
    settings = production()
    assert GOOD_SECRET not in repr(settings)
    assert GOOD_SECRET not in str(settings.model_dump())
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == GOOD_SECRET


def test_the_docker_example_env_refuses_until_its_secret_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key in list(os.environ):
        if key.startswith("MINUTEGRAPH_"):
            monkeypatch.delenv(key)
    example = Path(__file__).resolve().parents[1] / "docker" / ".env.example"
    settings = Settings(_env_file=str(example))
    assert settings.environment == "production"
    assert settings.log_format == "json"
    problems = settings.production_problems()
    assert len(problems) == 1
    assert "MINUTEGRAPH_SECRET_KEY" in problems[0]
    monkeypatch.setenv("MINUTEGRAPH_SECRET_KEY", GOOD_SECRET)
    ready = Settings(_env_file=str(example))
    ready.check_production()
    assert ready.production_warnings() == []  # GraphiQL and anonymous reads off


def test_extraction_runs_in_a_child_of_a_worker_and_on_a_thread_in_the_api() -> None:
    """Unset, a worker gets one extraction process and the API none; a set value
    holds for both (negative: none)."""
    unset = Settings(extract_processes=None)
    assert unset.extract_processes_for("worker") == 1
    assert unset.extract_processes_for("api") == 0
    for value, expected in ((0, 0), (3, 3), (-1, 0)):
        set_ = Settings(extract_processes=value)
        assert set_.extract_processes_for("worker") == expected
        assert set_.extract_processes_for("api") == expected
