"""Running work in threads against the database, for the concurrency tests (PostgreSQL only: the
row locks and unique indexes are what keep concurrent writes apart in production)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row-lock concurrency is tested on PostgreSQL"
)


def _guarded(work: Callable[[], None], errors: list[str]) -> None:
    """`work` as a thread runs it: what it raises is reported to the main thread, and the
    thread's own database connection is closed at the end."""
    try:
        work()
    except Exception as error:  # reported by the main thread
        errors.append(repr(error))
    finally:
        connection.close()


def start_thread(work: Callable[[], None], errors: list[str]) -> threading.Thread:
    """`work` started in a thread of its own (errors reported, connection closed)."""
    thread = threading.Thread(target=_guarded, args=(work, errors))
    thread.start()
    return thread


def run_threads(works: list[Callable[[], None]], timeout: float = 120) -> list[str]:
    """Run each of `works` in a thread of its own, all at once; the errors they raised (none
    left running: asserted)."""
    errors: list[str] = []
    threads = [start_thread(work, errors) for work in works]
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def assert_unbroken_chain(events, criterion_id: int) -> list:
    """The criterion's audit events form one chain: each starts from the value the previous one
    left, the first from nothing. Returns the chain."""
    chain = [e for e in events if e.criterion_id == criterion_id]
    assert [e.old for e in chain] == ["", *[e.new for e in chain[:-1]]]
    return chain
