"""GraphiQL without internet: the page's CDN files, fetched from npm and served here.

Strawberry's GraphiQL page loads React, GraphiQL and its explorer plugin from a
CDN, each pinned by a subresource-integrity hash. `fetch_assets` takes the very
same files out of the npm registry's packages (`npm pack`), checks each against
the hash the page names and refuses a mismatch; `localize` points the page at the
copies that are present and intact under `/graphiql-assets/` (the integrity
attributes stay, so the browser checks them once more) and leaves the CDN URL of
any other, so the page works offline once fetched and online in any case.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from starlette.staticfiles import StaticFiles

from minutegraph.errors import MinutegraphError

# Where the app serves the local copies (a Starlette mount in minutegraph/app.py).
ASSETS_URL = "/graphiql-assets"
# unpkg.com/<package>@<version>/<file> and jsDelivr's npm mirror of the same.
CDN_URL = re.compile(
    r"^https://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/"
    r"(?P<package>(?:@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*)"
    r"@(?P<version>[0-9][\w.+-]*)/(?P<path>[^?#]+)$",
    re.IGNORECASE,
)
# Strongest first: SRI says a browser checks only the strongest algorithm named.
ALGORITHMS = ("sha512", "sha384", "sha256")
NPM_TIMEOUT = 180.0  # seconds for one `npm pack`


class AssetError(MinutegraphError):
    """GraphiQL's assets could not be fetched; the page keeps loading the CDN."""

    code = "MG301"


class AssetMismatch(AssetError):
    """A file from npm differs from the one the page's integrity hash names."""

    code = "MG302"


@dataclass(frozen=True)
class Asset:
    """One file the GraphiQL page loads: its CDN URL, hash and npm origin."""

    url: str
    integrity: str
    package: str
    version: str
    path: str  # inside the npm package

    @property
    def spec(self) -> str:
        """The npm package spec, `name@version`."""
        return f"{self.package}@{self.version}"

    @property
    def relative(self) -> PurePosixPath:
        """Where the copy lives under the assets folder (and URL)."""
        return PurePosixPath(self.spec, self.path)


class _SriTags(HTMLParser):
    """Collects (url, integrity) of every <script src> and <link href> with SRI."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        url = values.get("src") if tag == "script" else values.get("href")
        integrity = values.get("integrity")
        if tag in ("script", "link") and url and integrity:
            self.found.append((url, integrity))


def sri_urls(html: str) -> list[tuple[str, str]]:
    """Every (url, integrity) pair of the page's scripts and stylesheets."""
    parser = _SriTags()
    parser.feed(html)
    parser.close()
    return parser.found


def page_assets(html: str) -> list[Asset]:
    """The page's CDN files that come from an npm package (others are left out)."""
    assets = []
    for url, integrity in sri_urls(html):
        match = CDN_URL.match(url)
        if match:
            assets.append(Asset(url=url, integrity=integrity, **match.groupdict()))
    return assets


def strawberry_page() -> str:
    """The GraphiQL page strawberry serves, as installed."""
    from strawberry.http.ides import get_graphql_ide_html

    return get_graphql_ide_html(graphql_ide="graphiql")


def matches(data: bytes, integrity: str) -> bool:
    """Whether `data` has a digest the SRI `integrity` value names."""
    digests: dict[str, set[str]] = {}
    for token in integrity.split():
        algorithm, _, value = token.partition("-")
        digests.setdefault(algorithm.lower(), set()).add(value.split("?")[0])
    for algorithm in ALGORITHMS:
        if algorithm in digests:
            actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
            return actual in digests[algorithm]
    return False  # no algorithm we know: never trust it


def _target(root: Path, asset: Asset) -> Path:
    target = (root / asset.relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise AssetError(f"{asset.url}: its path leaves the assets folder")
    return target


_verified: dict[Path, tuple[int, int]] = {}  # path -> (mtime_ns, size) found intact


def is_present(root: Path, asset: Asset) -> bool:
    """Whether an intact copy of `asset` is under `root` (hashed once per change)."""
    path = _target(root, asset)
    try:
        stat = path.stat()
    except OSError:
        return False
    key = (stat.st_mtime_ns, stat.st_size)
    if _verified.get(path) == key:
        return True
    if not matches(path.read_bytes(), asset.integrity):
        _verified.pop(path, None)
        return False
    _verified[path] = key
    return True


def localize(html: str, root: Path, prefix: str = ASSETS_URL) -> str:
    """The page with every intact local copy's URL in place of the CDN's."""
    for asset in page_assets(html):
        if is_present(root, asset):
            local = f"{prefix}/{asset.relative}"
            html = html.replace(f'"{asset.url}"', f'"{local}"')
    return html


def install_from_tarball(tarball: Path, assets: Iterable[Asset], root: Path) -> None:
    """Copy each asset out of an npm tarball into `root`, refusing a mismatch."""
    with tarfile.open(tarball, "r:gz") as archive:
        for asset in assets:
            try:
                member = archive.getmember(f"package/{asset.path}")
                source = archive.extractfile(member)
            except KeyError:
                source = None
            if source is None:
                raise AssetError(f"{asset.spec} has no file {asset.path}")
            data = source.read()
            if not matches(data, asset.integrity):
                raise AssetMismatch(
                    f"{asset.spec}/{asset.path} from npm does not match the "
                    f"page's integrity {asset.integrity}; not installed"
                )
            _write_atomically(_target(root, asset), data)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def npm_pack(spec: str, destination: Path, npm: str = "npm") -> Path:
    """Download the npm package `spec` as a tarball into `destination`."""
    executable = shutil.which(npm)
    if executable is None:
        raise AssetError(f"{npm} is not installed (Node.js's package manager)")
    # npm's cache first (no download once fetched); one retry, not npm's usual two
    # with a minute's back-off, so that an offline `make serve` starts promptly.
    command = [executable, "pack", spec, "--json", "--prefer-offline"]
    command += ["--fetch-retries=1", "--ignore-scripts"]
    command += ["--pack-destination", str(destination)]
    try:
        result = subprocess.run(
            command,
            cwd=destination,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssetError(f"npm pack {spec} took over {NPM_TIMEOUT:.0f}s") from exc
    if result.returncode != 0:
        why = _npm_error(result.stderr) or f"exit code {result.returncode}"
        raise AssetError(f"npm pack {spec} failed: {why}")
    try:
        filename = json.loads(result.stdout)[0]["filename"]
    except (ValueError, LookupError, TypeError) as exc:
        raise AssetError(f"npm pack {spec}: unexpected output") from exc
    # Scoped packages' tarballs are named without '@' and with '-' for '/'.
    return destination / filename.lstrip("@").replace("/", "-")


def _npm_error(stderr: str) -> str:
    """npm's first error lines, without its stack trace."""
    lines = [
        re.sub(r"^npm (?:error|ERR!)\s+|\s*\{$", "", line)
        for line in stderr.splitlines()
        if re.match(r"npm (?:error|ERR!) +(?!at |syscall |errno )\w", line)
    ]
    return "; ".join(lines[:2])


def fetch_assets(root: Path, html: str | None = None, npm: str = "npm") -> int:
    """Make an intact copy of every CDN file of the page under `root`; how many new.

    Files already present and intact are kept (no download); a file whose bytes
    differ from the page's hash is refused (AssetMismatch).
    """
    html = strawberry_page() if html is None else html
    assets = page_assets(html)
    unmapped = [url for url, _ in sri_urls(html) if not CDN_URL.match(url)]
    if unmapped:
        raise AssetError(f"not an npm CDN URL: {', '.join(unmapped)}")
    missing: dict[str, list[Asset]] = {}
    for asset in assets:
        if not is_present(root, asset):
            missing.setdefault(asset.spec, []).append(asset)
    for spec, wanted in missing.items():
        with tempfile.TemporaryDirectory(prefix="minutegraph-npm-") as scratch:
            tarball = npm_pack(spec, Path(scratch), npm=npm)
            install_from_tarball(tarball, wanted, root)
    return sum(len(wanted) for wanted in missing.values())


class AssetFiles(StaticFiles):
    """The assets folder over HTTP; 404s until `minutegraph graphiql-assets` ran."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, check_dir=False)

    async def check_config(self) -> None:
        """A missing folder is not an error: the page then uses the CDN."""
