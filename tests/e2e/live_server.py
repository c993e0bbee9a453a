"""The browser tests' live server: requests held off while the database is being emptied.

A browser test ends while its page may still have a request on the way (an autosave, a reload,
a beacon). The test's teardown then empties the database. Two clean-clone CI runs showed what
that race costs: on SQLite the live server shares the test thread's one connection, so the
flush ran inside the request's transaction and was rolled back with it; on PostgreSQL a row
survived into the next test too. In both cases the next test failed on `unique_receipt_number`.

So every request the live server answers passes through `GATE`: the teardown closes the gate
(waiting for the requests already inside to finish), empties the database, and opens it again.
A request arriving meanwhile waits at the gate and then meets an empty database.
"""

import threading
from contextlib import contextmanager

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

# A request still inside after this long is a fault of its own; the teardown goes on and says so.
DRAIN_SECONDS = 30


class RequestGate:
    def __init__(self):
        self._cond = threading.Condition()
        self._inside = 0
        self._closed = False

    @contextmanager
    def passage(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._closed)
            self._inside += 1
        try:
            yield
        finally:
            with self._cond:
                self._inside -= 1
                self._cond.notify_all()

    def close(self) -> int:
        """Stop letting requests in; wait for those inside. Returns how many are still inside."""
        with self._cond:
            self._closed = True
            self._cond.wait_for(lambda: self._inside == 0, timeout=DRAIN_SECONDS)
            return self._inside

    def open(self) -> None:
        with self._cond:
            self._closed = False
            self._cond.notify_all()


GATE = RequestGate()


def _gated(app):
    def application(environ, start_response):
        with GATE.passage():
            return app(environ, start_response)

    return application


class GatedThreadedServer(ThreadedWSGIServer):
    """Django's threaded live server (PostgreSQL: one connection per request thread)."""

    def set_app(self, application):
        super().set_app(_gated(application))


class SerialWSGIServer(WSGIServer):
    """Django's WSGIServer, one request at a time, in the live server's own thread (which
    already holds the shared test connection). On SQLite the live server shares the test's
    single in-memory connection with its request threads; two requests at once (an autosave
    racing a submit) would corrupt each other's cursor."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)

    def set_app(self, application):
        super().set_app(_gated(application))


def install() -> None:
    LiveServerThread.server_class = (
        SerialWSGIServer if connection.vendor == "sqlite" else GatedThreadedServer
    )
