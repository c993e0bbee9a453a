"""A report worker killed (SIGKILL) while it writes a report leaves no file offered, and the
build is made again by a new worker: the file it offers is complete (issue 12, item 4).

The worker of tests/faults/slow_worker.py writes half of the results workbook and hangs; it is
killed. The row stays "running" with no file named (reports.tasks names the file only in the
update that marks the row done; the half file is the temporary "<name>.part"). Once the build
timeout has passed (REPORT_BUILD_TIMEOUT, 3 s here) the row counts as failed and a retry
(reports.jobs.retry, the status page's "다시 만들기") queues a new build, which a new worker
(`manage.py db_worker --batch`) completes: an XLSX that openpyxl opens with the results sheet.
"""

import io
import json
import os
import signal
import subprocess
import sys
import threading

import openpyxl

from tests.faults.cluster import wait_for
from tests.faults.conftest import child_env, manage
from tests.production import BASE_DIR

# Run by `manage.py shell` against the cluster: round 1 of the results pages' contest finalized
# and its results workbook requested (queued for the worker, as the "만들기" button does).
REQUEST = """
import json
from reports.jobs import request_build
from tests import factories
from tests.results.pages_scene import build_scene

organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
scene = build_scene(organizer)
result = scene.finish_round1()
row = request_build(kind="round_workbook", obj=result, user=organizer, language="ko")
print(json.dumps({"row": row.pk}))
"""

ROWS = """
import json
from reports.jobs import expire_stale
from reports.models import ReportFile
expire_stale()
print(json.dumps([[r.pk, r.status, r.file.name, r.size, r.shown_status]
                  for r in ReportFile.objects.order_by("pk")]))
"""

RETRY = """
import json
from reports.jobs import retry
from reports.models import ReportFile
row = retry(report_file=ReportFile.objects.get(pk=%d), user=None)
print(json.dumps({"row": row.pk, "status": row.status}))
"""


def shell(script: str, env: dict):
    return json.loads(manage("shell", "-c", script, env=env).stdout.strip().splitlines()[-1])


def test_killed_worker_offers_no_broken_file_and_the_retry_completes(fresh_database, tmp_path):
    media = tmp_path / "media"
    env = child_env(fresh_database, MEDIA_ROOT=str(media), REPORT_BUILD_TIMEOUT="3")
    first = shell(REQUEST, env)["row"]

    worker = subprocess.Popen(  # noqa: S603 - our own worker
        [sys.executable, str(BASE_DIR / "tests/faults/slow_worker.py")], cwd=BASE_DIR, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout), daemon=True)
    reader.start()
    try:
        wait_for(lambda: any(b"HALF WRITTEN" in line for line in lines) or worker.poll(),
                 "the worker wrote half the file", seconds=60)  # fmt: skip
        assert worker.poll() is None, b"".join(lines).decode(errors="replace")
        os.killpg(worker.pid, signal.SIGKILL)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    assert worker.returncode == -signal.SIGKILL

    # Nothing offered: the row names no file; only the temporary half file is on disk.
    parts = [p.name for p in (media / "reports").iterdir()]
    assert len(parts) == 1
    assert parts[0].endswith(".xlsx.part")
    wait_for(lambda: shell(ROWS, env)[0][4] == "failed", "the build timed out", seconds=30)
    assert shell(ROWS, env) == [[first, "failed", "", None, "failed"]]

    # The retry queues a new build; a new worker completes it.
    retried = shell(RETRY % first, env)
    assert retried["status"] == "queued"
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", env=env, timeout=120)
    rows = shell(ROWS, env)
    assert [row[:2] for row in rows] == [[first, "failed"], [retried["row"], "done"]]
    name, size = rows[1][2], rows[1][3]
    body = (media / name).read_bytes()
    assert len(body) == size
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert len(book.sheetnames) >= 1
    assert book[book.sheetnames[0]].max_row > 3
