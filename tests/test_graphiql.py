"""GraphiQL's assets: fetched from npm, verified, served here, used when intact."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from minutegraph.app import create_app
from minutegraph.graphiql import (
    ASSETS_URL,
    AssetError,
    AssetMismatch,
    fetch_assets,
    install_from_tarball,
    localize,
    matches,
    page_assets,
    sri_urls,
    strawberry_page,
)
from minutegraph.settings import Settings
from tests.graphiql_assets import cached_assets

PAGE = strawberry_page()
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def cache() -> Path:
    """The shared cache of intact assets (never modified by a test)."""
    return cached_assets()


@pytest.fixture
def assets(cache: Path, tmp_path: Path) -> Path:
    """A copy of the cache this test may tamper with."""
    return Path(shutil.copytree(cache, tmp_path / "graphiql"))


def sri(data: bytes, algorithm: str = "sha384") -> str:
    digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode()}"


def test_every_file_of_the_page_comes_from_an_npm_package() -> None:
    urls = sri_urls(PAGE)
    assets = page_assets(PAGE)
    assert len(urls) >= 5  # React, ReactDOM, GraphiQL's script and style, ...
    assert [a.url for a in assets] == [url for url, _ in urls]
    explorer = next(a for a in assets if a.package == "@graphiql/plugin-explorer")
    assert str(explorer.relative).startswith("@graphiql/plugin-explorer@")
    assert all(a.integrity.startswith("sha") for a in assets)


def test_integrity_checks_the_strongest_algorithm_named() -> None:
    data = b"console.log(1)"
    assert matches(data, sri(data))
    assert not matches(data + b" ", sri(data))
    assert matches(data, f"{sri(b'other')} {sri(data)}")  # any of several
    # The strongest algorithm decides: a good sha256 beside a bad sha512 fails.
    assert not matches(data, f"{sri(data, 'sha256')} {sri(b'x', 'sha512')}")
    assert matches(data, f"{sri(data, 'sha512')}?ct=text/javascript")
    assert not matches(data, "md5-" + base64.b64encode(b"0" * 16).decode())


def test_page_points_at_intact_copies_only(assets: Path) -> None:
    local = localize(PAGE, assets)
    assert "unpkg.com" not in local
    assert local.count(f'"{ASSETS_URL}/') == len(page_assets(PAGE))
    assert local.count("integrity=") == PAGE.count("integrity=")  # checked again

    react = next(a for a in page_assets(PAGE) if a.package == "react")
    copy = assets / react.relative
    copy.write_bytes(copy.read_bytes() + b"\n// changed")
    tampered = localize(PAGE, assets)
    assert f'"{react.url}"' in tampered  # back on the CDN
    assert tampered.count(f'"{ASSETS_URL}/') == len(page_assets(PAGE)) - 1

    assert localize(PAGE, assets / "missing") == PAGE


def tarball(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_a_file_differing_from_the_page_hash_is_refused(tmp_path: Path) -> None:
    react = next(a for a in page_assets(PAGE) if a.package == "react")
    evil = tarball(tmp_path / "react.tgz", {react.path: b"alert('not react')"})
    with pytest.raises(AssetMismatch, match="does not match"):
        install_from_tarball(evil, [react], tmp_path / "assets")
    assert not (tmp_path / "assets" / react.relative).exists()

    empty = tarball(tmp_path / "empty.tgz", {"README.md": b"nothing"})
    with pytest.raises(AssetError, match="has no file"):
        install_from_tarball(empty, [react], tmp_path / "assets")


def test_fetch_keeps_intact_copies_and_needs_npm_for_the_rest(assets: Path) -> None:
    assert fetch_assets(assets, npm="no-such-npm") == 0  # nothing to download
    first = page_assets(PAGE)[0]
    (assets / first.relative).unlink()
    with pytest.raises(AssetError, match="no-such-npm is not installed"):
        fetch_assets(assets, npm="no-such-npm")


def test_cli_fails_clearly_when_the_registry_is_unreachable(tmp_path: Path) -> None:
    # npm offline with an empty cache: what `make serve` meets without a network.
    env = {**os.environ, "npm_config_offline": "true"}
    env["npm_config_cache"] = str(tmp_path / "npm-cache")
    cli = [sys.executable, "-c", "from minutegraph.cli import main; main()"]
    result = subprocess.run(
        [*cli, "graphiql-assets", "--dir", str(tmp_path / "assets")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "[MG301]" in result.stderr
    assert "will load its files from the CDN" in result.stderr
    assert not list((tmp_path / "assets").rglob("*.js"))


def app_settings(tmp_path: Path, assets_dir: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}",
        storage_dir=tmp_path / "originals",
        graphiql_assets_dir=assets_dir,
    )


def test_app_serves_the_copies_and_the_page_uses_them(
    cache: Path, tmp_path: Path
) -> None:
    with TestClient(create_app(app_settings(tmp_path, cache))) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 200
        assert "unpkg.com" not in page.text
        for asset in page_assets(PAGE):
            response = client.get(f"{ASSETS_URL}/{asset.relative}")
            assert response.status_code == 200, asset.url
            assert matches(response.content, asset.integrity), asset.url
            kind = "text/css" if asset.path.endswith(".css") else "javascript"
            assert kind in response.headers["content-type"]


def test_app_without_copies_keeps_the_cdn_page(tmp_path: Path) -> None:
    settings = app_settings(tmp_path, tmp_path / "not-fetched")
    with TestClient(create_app(settings)) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 200
        assert page.text == PAGE
        first = page_assets(PAGE)[0]
        assert client.get(f"{ASSETS_URL}/{first.relative}").status_code == 404


def test_no_assets_are_served_when_graphiql_is_off(cache: Path, tmp_path: Path) -> None:
    settings = app_settings(tmp_path, cache).model_copy(update={"graphiql": False})
    with TestClient(create_app(settings)) as client:
        first = page_assets(PAGE)[0]
        assert client.get(f"{ASSETS_URL}/{first.relative}").status_code == 404
