"""The quiet local web server the benches, the trace and the browser tests serve a site from."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript"}

    def log_message(self, *args) -> None:
        pass


def serve(
    directory: Path, host: str = "127.0.0.1", kind=Quiet
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """`directory` served by `kind` in a background thread, until `shutdown()`; and its URL."""
    handler = functools.partial(kind, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_port}/"
