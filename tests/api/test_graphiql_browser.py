"""GraphiQL in headless Chromium, offline: the page loads only local files and runs
a query through its UI against a live server over a small SQLite graph.

Chromium resolves no host name but 127.0.0.1 here, so a page still pointing at
the CDN would not even start; the network log is checked on top of that.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn

from minutegraph.app import create_app
from minutegraph.settings import Settings
from tests.api.conftest import CORPUS, ingest_files
from tests.graphiql_assets import cached_assets

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ORGANISATION = "Maat for Peace"
QUERY = """{
  organisations(filter: {search: "Maat"}) {
    totalCount
    edges { node { name } }
  }
}"""
WAIT = 60  # seconds Chromium may take to load the page and run the query


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A new SQLite graph (this test needs no second database)."""
    from minutegraph.migrate import upgrade

    url = f"sqlite+aiosqlite:///{tmp_path / 'graph.db'}"
    upgrade(url)
    return url


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian packages chromium, chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide {name}: {message}")
    pytest.skip(message)


@pytest.fixture
def live_server(settings: Settings, nlp: Any) -> Iterator[str]:
    """The app with GraphiQL's local assets, over one corpus minutes, on a port."""
    ingest_files(settings, [CORPUS / "unodc-informal-2023-02-15.docx"], nlp)
    settings = settings.model_copy(update={"graphiql_assets_dir": cached_assets()})
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # connections queue from now on, so no wait for start-up
    config = uvicorn.Config(create_app(settings), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium that can reach 127.0.0.1 only, logging its requests."""
    options = webdriver.ChromeOptions()
    options.binary_location = _tool("chromium")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1400,900",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = webdriver.ChromeService(executable_path=_tool("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page asked for, from Chromium's network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_graphiql_runs_a_query_offline(live_server: str, browser: Any) -> None:
    browser.get(f"{live_server}/graphql?q={quote(QUERY)}")
    wait = WebDriverWait(browser, WAIT)
    run = wait.until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".graphiql-execute-button")
    )[0]
    run.click()
    pane = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".graphiql-response"))[
        0
    ]
    wait.until(lambda _: ORGANISATION in pane.text)
    assert '"totalCount": 1' in pane.text

    scripts = browser.execute_script(
        "return [...document.scripts].map(s => s.src).filter(Boolean)"
    )
    assert scripts, "the page loaded no script"
    assert all(src.startswith(f"{live_server}/graphiql-assets/") for src in scripts)
    urls = requested_urls(browser)
    assert any("/graphiql-assets/" in url for url in urls)
    ours = (live_server, live_server.replace("http:", "ws:", 1))
    network = [u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:"))]
    elsewhere = [url for url in network if not url.startswith(ours)]
    assert elsewhere == [], f"the page reached beyond the server: {elsewhere}"
