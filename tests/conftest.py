"""Shared fixtures: the built site, a real static server (nginx) under a sub-path,
and Debian's Chromium driven by Playwright.

`make test` builds the site before running pytest; these fixtures only read it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from build_scripts import runtime
from build_scripts.wheel import build_wheel

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "site"
SUB_PATH = "/policy/"

NGINX_CONF = """
worker_processes 1;
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location {sub_path} {{
            alias {site}/;
            {extra}
        }}
    }}
}}
"""

# Served with a wrong MIME type, a .wasm file makes loadPyodide() hang forever.
WRONG_WASM_MIME = "location ~ \\.wasm$ { types { } default_type text/plain; }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {log.read_text() if log.exists() else ''}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not answer at {url}")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The assessor's wheel, built from the sources as the site's build makes it."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE_DIR / "index.html").exists():
        pytest.fail("site/ is not built: run `make build` (or `make test`, which builds it first)")
    return SITE_DIR


@pytest.fixture(scope="session")
def serve_site(site_dir: Path, tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Start nginx serving site/ under /policy/; returns the base URL (ending in /).

    `serve_site(wrong_wasm_mime=True)` starts a second server that sends .wasm as text/plain;
    `serve_site(extra="…")` one with more directives in the site's `location` (headers, error_page).
    """
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed (apt-get install nginx; .ci/run does this)")
    started: dict[str, str] = {}
    processes: list[subprocess.Popen] = []

    def start(wrong_wasm_mime: bool = False, extra: str = "") -> str:
        directives = (WRONG_WASM_MIME if wrong_wasm_mime else "") + extra
        if directives in started:
            return started[directives]
        tmp = tmp_path_factory.mktemp("nginx")
        port = _free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=tmp,
                port=port,
                sub_path=SUB_PATH,
                site=site_dir,
                mime_types="/etc/nginx/mime.types",
                extra=directives,
            )
        )
        process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], stderr=subprocess.PIPE)
        processes.append(process)
        url = f"http://127.0.0.1:{port}{SUB_PATH}"
        _wait_until_up(url, process, tmp / "error.log")
        started[directives] = url
        return url

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium; .ci/run does this)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            # Without the background-networking flags Chromium tries to reach
            # Google's hosts at start, which this closed network refuses.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page; `page.requests_seen` lists every URL it requested."""
    context = browser.new_context()
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    yield page
    context.close()
    # The assessment fetches the whole WebAssembly only after the trimmed one broke:
    # it lacks a function the test's answers need (only the register page always takes it).
    whole = any(url.endswith("/" + runtime.FULL_WASM) for url in page.requests_seen)
    register = any(url.split("?")[0].endswith("register.html") for url in page.requests_seen)
    assert not whole or register, "the trimmed runtime broke: run `python -m build_scripts.runtime --trace`"
