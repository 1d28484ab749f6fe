"""The quiet local web server the benches, the trace and the browser tests serve a site from."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript"}

    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that drops a connection (a page left, a download given up) is no error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path, host: str = "127.0.0.1", kind=Quiet) -> tuple[QuietServer, str]:
    """`directory` served by `kind` in a background thread, until `shutdown()`; and its URL."""
    handler = functools.partial(kind, directory=str(directory))
    server = QuietServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_port}/"


@contextmanager
def served(directory: Path, host: str = "127.0.0.1", kind=Quiet) -> Iterator[str]:
    """As `serve`, for a `with` block: its URL; the server stops and frees its port at the end."""
    server, url = serve(directory, host, kind)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
