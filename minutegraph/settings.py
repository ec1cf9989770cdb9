"""Typed settings from the environment (MINUTEGRAPH_*); only this reads os.environ."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from minutegraph.errors import MinutegraphError

# A production secret_key is at least this long (32 random bytes, hex: 64).
MIN_SECRET_LENGTH = 32


class InsecureSettings(MinutegraphError):
    """Production mode with settings that would expose the service; lists each."""

    code = "MG001"


class Settings(BaseSettings):
    """Every knob minutegraph has, with the embedded default's values."""

    model_config = SettingsConfigDict(
        env_prefix="MINUTEGRAPH_", env_file=".env", extra="ignore"
    )

    database_url: str = "sqlite+aiosqlite:///./var/minutegraph.db"
    redis_url: str | None = None  # None: jobs run in-process
    storage_dir: Path = Path("var/originals")
    max_upload_bytes: int = 20 * 1024 * 1024
    # In-process ingestion (no Redis): at most this many documents at once.
    ingest_concurrency: int = 2
    # arq workers (with redis_url): the queue's name in Redis (also the prefix of
    # its job ids, so that several deployments or test runs may share one Redis),
    # and how many jobs one worker process runs at once: 4 keeps the extraction
    # process busy while the worker links (arq hands out jobs only when it polls;
    # with 2 the queue bench's single worker idled at 0.46x, with 4 it reached 0.6x).
    queue_name: str = "minutegraph:queue"
    worker_concurrency: int = 4
    # Child processes that extract (each with its own spaCy pipeline), so that
    # extraction runs on another core than linking; 0: a thread of the process.
    # Unset: 1 in an arq worker, 0 in the API's in-process runner and the CLI.
    extract_processes: int | None = None
    # A job running longer than this (seconds) is cancelled and retried.
    job_timeout: float = 600.0
    # Transient failures (database or Redis unreachable) are retried this many
    # times in all, waiting job_retry_delay seconds, doubled on each try.
    job_max_tries: int = 5
    job_retry_delay: float = 2.0
    # A running job beats its heart every job_lease / 3 seconds; one whose last
    # beat is older than job_lease was left by a dead process and is run again.
    job_lease: float = 30.0
    # Workers re-queue queued jobs missing from Redis and abandoned running ones
    # at start-up and then this often (seconds).
    sweep_interval: float = 30.0
    # ingestJob(id) subscriptions re-read the job row this often (seconds).
    job_poll_interval: float = 0.25
    # Readers: a .docx may not unpack to more than this (zip-bomb guard).
    max_unpacked_bytes: int = 200 * 1024 * 1024
    # A trained spaCy pipeline to use when installed (e.g. "en_core_web_sm");
    # without it, spacy.blank("en") plus minutegraph's own components.
    spacy_model: str | None = None
    # How to read 03/04: day first (European, the default) or month first.
    date_order: Literal["dmy", "mdy"] = "dmy"
    # Keep the linker's name index between documents, brought up to date by the
    # rows added since (ingest/name_index_cache.py); false: rebuilt per document.
    name_index_cache: bool = True
    # GraphiQL at /graphql and schema introspection: on in the embedded default.
    graphiql: bool = True
    # GraphiQL's scripts and styles, fetched from npm by `minutegraph
    # graphiql-assets` (make serve) and served from here; missing: the CDN's.
    graphiql_assets_dir: Path = Path("var/graphiql")
    # Reading without a token. On in the embedded default (a local graph); set
    # MINUTEGRAPH_ANONYMOUS_READ=false for a server others can reach.
    anonymous_read: bool = True
    # Sites, besides the API's own, whose pages may upload (Origin, e.g.
    # "https://app.example.org"); any other cross-site upload is refused (CSRF).
    trusted_origins: list[str] = []
    # `minutegraph serve` binds here.
    host: str = "127.0.0.1"
    port: int = 8000
    # "production" refuses to start with an unset or short secret_key, a "*"
    # origin or anonymous writes (check_production).
    environment: Literal["development", "production"] = "development"
    # The deployment's signing key (at least 32 random characters), required in
    # production so that every deployment has one before anything is signed
    # with it (sessions, signed feed links); never logged (SecretStr).
    secret_key: SecretStr | None = None
    # Sites whose pages may call the API from a browser (CORS), e.g.
    # ["https://app.example.org"]; empty: no CORS headers at all.
    cors_origins: list[str] = []
    # A development convenience: requests without a token may run mutations
    # as an editor (deletes still need an admin token). Refused in production.
    anonymous_write: bool = False
    # Logs: "text" for people, "json" (one object per line) for collectors.
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"
    # /readyz gives each dependency (database, Redis) this long to answer.
    readiness_timeout: float = 2.0
    # An arq worker serves its own /metrics on this port (unset: none).
    worker_metrics_port: int | None = None

    def extract_processes_for(self, runner: Literal["worker", "api"]) -> int:
        """Extraction processes for an arq worker or the API (0: a thread)."""
        if self.extract_processes is not None:
            return max(0, self.extract_processes)
        return 1 if runner == "worker" else 0

    def production_problems(self) -> list[str]:
        """What makes these settings unfit for production (empty when fit)."""
        problems = []
        secret = self.secret_key.get_secret_value() if self.secret_key else ""
        if len(secret.strip()) < MIN_SECRET_LENGTH:
            problems.append(
                f"MINUTEGRAPH_SECRET_KEY must be set to at least "
                f"{MIN_SECRET_LENGTH} characters"
                + (" (it is shorter)" if secret else "")
            )
        for name in ("cors_origins", "trusted_origins"):
            if "*" in getattr(self, name):
                problems.append(
                    f"MINUTEGRAPH_{name.upper()} may not contain the wildcard '*'"
                )
        if self.anonymous_write:
            problems.append("MINUTEGRAPH_ANONYMOUS_WRITE must be false")
        return problems

    def check_production(self) -> None:
        """Raise InsecureSettings listing every problem, in production mode only."""
        if self.environment != "production":
            return
        if problems := self.production_problems():
            raise InsecureSettings(
                "refusing to start in production: " + "; ".join(problems)
            )

    def production_warnings(self) -> list[str]:
        """Choices production allows but that are worth a log line."""
        if self.environment != "production":
            return []
        warnings = []
        if self.graphiql:
            warnings.append("GraphiQL and introspection are on (MINUTEGRAPH_GRAPHIQL)")
        if self.anonymous_read:
            warnings.append("reading needs no token (MINUTEGRAPH_ANONYMOUS_READ)")
        return warnings


@cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
