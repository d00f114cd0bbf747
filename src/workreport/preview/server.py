"""Preview state → a local web page: the page images and, beside them, what is still to do.

Bound to 127.0.0.1 and answering only loopback clients, the server serves exactly four things:
the page (``/``), the state as JSON (``/state.json``), each page image (``/page/<n>.jpg``) and
the draft (``/draft.docx``). Nothing else, and no path is ever joined onto a folder, so
``/../`` and the like reach nothing. It reads; it never writes.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from .refresh import Preview

_PAGE = re.compile(r"^/page/(\d{1,4})\.jpg$")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def loopback(address: str) -> bool:
    """Whether a client address is on this machine's loopback (127.0.0.0/8 or ::1)."""
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def make_server(preview: Preview, port: int = 0) -> ThreadingHTTPServer:
    """A server for ``preview`` on 127.0.0.1:``port`` (0: a free port), not yet serving."""
    page = resources.files("workreport").joinpath("data", "preview", "index.html").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        server_version = "workreport-preview"

        def do_GET(self) -> None:
            if not loopback(self.client_address[0]):
                self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain")
                return
            path = self.path.split("?", 1)[0]
            if path == "/":
                self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")
            elif path == "/state.json":
                body = json.dumps(preview.snapshot(), ensure_ascii=False).encode("utf-8")
                self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")
            elif path == "/draft.docx":
                self._file(preview.draft_path.read_bytes, DOCX_TYPE)
            elif (match := _PAGE.match(path)) is not None:
                number = int(match.group(1))
                images = {p.number: p.image for p in preview.images.pages}
                if number in images:
                    self._file(images[number].read_bytes, "image/jpeg")
                else:
                    self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def _file(self, read: Any, kind: str) -> None:
            try:
                body = read()
            except OSError:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
                return
            self._send(HTTPStatus.OK, body, kind)

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal shows the refreshes, not every request

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def serve_in_background(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    return thread
