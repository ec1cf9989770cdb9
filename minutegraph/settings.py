"""Typed settings from the environment (MINUTEGRAPH_*); only this reads os.environ."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


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
    # and how many jobs one worker process runs at once.
    queue_name: str = "minutegraph:queue"
    worker_concurrency: int = 2
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


@cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
