"""The report worker (`manage.py db_worker`) with one test-only change: a report's bytes are
written halfway, flushed, and then the build hangs, so that a test can kill the worker in the
middle of writing a file. Used only by tests/faults/test_worker_killed.py."""

import io
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    import reports.tasks

    whole = reports.tasks.write_body

    def half_then_hang(body, out) -> None:
        buffer = io.BytesIO()
        whole(body, buffer)
        out.write(buffer.getvalue()[: buffer.tell() // 2])
        out.flush()
        print("HALF WRITTEN", flush=True)
        time.sleep(600)

    reports.tasks.write_body = half_then_hang
    execute_from_command_line(
        ["manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
    )
