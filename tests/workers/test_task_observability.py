"""What a job tells operators: its id on every line it logs, its stages' durations."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import Any

from prometheus_client import REGISTRY

from minutegraph.db import engine_scope
from minutegraph.logs import configure_logging
from minutegraph.migrate import upgrade
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS_FILES
from tests.workers.rows import BROKEN_DOCX, register, register_file, task_ctx
from workers.tasks import ingest_document


def _stage_count(stage: str) -> float:
    value = REGISTRY.get_sample_value(
        "minutegraph_ingest_stage_seconds_count", {"stage": stage}
    )
    return value or 0.0


def test_job_lines_carry_the_job_id_and_stages_are_observed(
    tmp_path: Path, nlp: Any
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        storage_dir=tmp_path / "originals",
        log_format="json",
        log_level="INFO",
    )
    stream = io.StringIO()
    before = {stage: _stage_count(stage) for stage in ("extract", "link")}

    async def main() -> tuple[int, int]:
        async with engine_scope(url) as (_, sessions):
            good, _ = await register_file(sessions, settings, CORPUS_FILES[2])
            bad, _ = await register(sessions, settings, *BROKEN_DOCX)
            ctx = task_ctx(settings, sessions, nlp)
            await asyncio.gather(ingest_document(ctx, good), ingest_document(ctx, bad))
        return good, bad

    configure_logging(settings, stream=stream)
    try:
        good, bad = asyncio.run(main())
    finally:
        configure_logging(Settings())
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    task_lines = [line for line in lines if line["logger"] == "workers.tasks"]
    by_job = {line["job_id"] for line in task_lines}
    assert by_job == {good, bad}, task_lines
    assert any(
        "linked" in line["message"] for line in task_lines if line["job_id"] == good
    )
    assert any(
        "MG102" in line["message"] for line in task_lines if line["job_id"] == bad
    )
    text = stream.getvalue()
    for secret in ("Albanese", "Criminologists Without Borders"):
        assert secret not in text  # no document text in the logs
    # Both jobs extracted (the broken one failed while extracting: not observed);
    # only the good one reached linking.
    assert _stage_count("extract") == before["extract"] + 1
    assert _stage_count("link") == before["link"] + 1
