"""PostgreSQL restarted during judging (`pg_ctl restart -m fast`, then a crash-like `stop -m
immediate` and start) loses no acknowledged score, and the judge's page recovers without signing
in again (issue 12, item 4).

The app runs the production way: gunicorn (config/gunicorn.py, 2 workers x 4 threads, DEBUG off,
the static files as ./run collects them) against the private cluster (tests/faults/cluster.py).
Three judges' windows autosave as the scorecard's script does (static/js/scorecard-queue.js):
one field at a time with the value last known to be stored as `base`; a network error or a 5xx
keeps the value and sends it again until the server answers (a resend is harmless). During the
outage saves fail with the 500 page; persistent connections are checked before reuse
(CONN_HEALTH_CHECKS, config/settings.py), so the first request after the restart gets a fresh
connection; sessions live in the database and survive. Afterwards every field's stored value is
the last value the server acknowledged with 200."""

import http.client
import json
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from config.prod_stack import stack_env
from tests.faults.cluster import HOST, free_port, wait_for
from tests.faults.conftest import manage
from tests.production import BASE_DIR

JUDGES = 3
CRITERIA = 3

# Run by `manage.py shell` against the cluster: an open round, JUDGES judges each assigned one
# submitted entry, and a signed-in session per judge (stored as django.contrib.auth.login does).
MAKE = """
import datetime as dt, json
from decimal import Decimal
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from submissions.models import Entry
from tests import factories

now = timezone.now()
round_ = factories.RoundFactory(opens_at=now - dt.timedelta(days=1),
                                closes_at=now + dt.timedelta(days=1))
criteria = [factories.CriterionFactory(round=round_, max_points=Decimal("100"), order=n).pk
            for n in range(%(criteria)d)]
judges = []
for n in range(%(judges)d):
    entry = factories.EntryFactory(contest=round_.contest, status=Entry.Status.SUBMITTED)
    judge = factories.JudgeFactory(contest=round_.contest)
    factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    store = SessionStore()
    store[SESSION_KEY] = str(judge.user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = judge.user.get_session_auth_hash()
    store.create()
    judges.append({"url": f"/judge/rounds/{round_.pk}/entries/{entry.pk}/",
                   "entry": entry.pk, "judge": judge.pk, "session": store.session_key})
print(json.dumps({"round": round_.pk, "criteria": criteria, "judges": judges}))
"""


class Window:
    """One judge's scorecard window: sends new values field by field, resending a value after
    an error until it is answered, and records what the server acknowledged."""

    def __init__(self, port: int, judge: dict, criteria: list[int], number: int):
        self.port, self.judge, self.criteria, self.number = port, judge, criteria, number
        self.csrf = secrets.token_hex(16)
        self.base = dict.fromkeys(criteria, "")
        self.acknowledged: dict[int, str] = {}
        self.statuses: list[tuple[float, int]] = []  # (when, status; 0 = no answer)
        self.error_pages: list[str] = []
        self.conn: http.client.HTTPConnection | None = None

    def post(self, criterion: int, value: str) -> int:
        body = urllib.parse.urlencode({f"score-{criterion}": value, "base": self.base[criterion],
                                       "csrfmiddlewaretoken": self.csrf})  # fmt: skip
        headers = {
            "Cookie": f"sessionid={self.judge['session']}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf, "Accept": "application/json",
            "Origin": f"http://{HOST}:{self.port}",
            "Content-Type": "application/x-www-form-urlencoded",
        }  # fmt: skip
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=20)
            self.conn.request("POST", self.judge["url"] + "save/", body=body, headers=headers)
            response = self.conn.getresponse()
            status, answer = response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            status, answer = 0, b""
        self.statuses.append((time.monotonic(), status))
        if status == 200:
            stored = json.loads(answer)["value"]
            assert stored == value, (stored, value)
            self.base[criterion] = stored
            self.acknowledged[criterion] = stored
        elif status >= 500:
            self.error_pages.append(answer.decode(errors="replace"))
        else:
            assert status == 0, (status, answer[:300])
        return status

    def run(self, stop: threading.Event) -> None:
        step = 0
        while not stop.is_set():
            criterion = self.criteria[step % len(self.criteria)]
            value = str((self.number * 7 + step) % 101)
            while self.post(criterion, value) != 200:  # kept and sent again, as the page does
                if stop.wait(0.2):
                    return
            step += 1

    def saved_since(self, moment: float) -> int:
        return sum(1 for when, status in self.statuses if when > moment and status == 200)


def stored_scores(cluster, database: str, judges: list[dict]) -> dict[tuple[int, int], str]:
    with cluster.connect(database) as conn:
        rows = conn.execute(
            "SELECT c.judge_id, s.criterion_id, s.value FROM scoring_score s "
            "JOIN scoring_scorecard c ON c.id = s.scorecard_id WHERE c.judge_id = ANY(%s)",
            [[judge["judge"] for judge in judges]],
        ).fetchall()
    return {(judge, criterion): f"{value.normalize():f}" for judge, criterion, value in rows}


def test_postgres_restarts_lose_no_acknowledged_score_and_saves_resume(
    cluster, fresh_database, tmp_path
):
    port = free_port()
    env = stack_env(database_url=fresh_database, port=port, s3_port=None,
                    static_root=BASE_DIR / "staticfiles")  # fmt: skip
    env |= {"MEDIA_STORAGE": "filesystem", "MEDIA_ROOT": str(tmp_path / "media"),
            "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "4",
            "LOG_LEVEL": "CRITICAL",
            # DEBUG off but the plain static storage: the 500 page needs the collected files'
            # manifest in production mode, which this test does not build.
            "DJANGO_PRODUCTION": "0"}  # fmt: skip
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    made = json.loads(manage("shell", "-c", MAKE % {"judges": JUDGES, "criteria": CRITERIA},
                             env=env).stdout.strip().splitlines()[-1])  # fmt: skip
    database = fresh_database.rsplit("/", 1)[1]
    log = (tmp_path / "gunicorn.log").open("wb")
    web = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "config/gunicorn.py"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    windows = [Window(port, judge, made["criteria"], n) for n, judge in enumerate(made["judges"])]
    stop = threading.Event()
    threads = [threading.Thread(target=w.run, args=(stop,), daemon=True) for w in windows]
    try:
        wait_for(lambda: windows[0].post(made["criteria"][0], "1") == 200, "gunicorn answered")
        for thread in threads:
            thread.start()
        wait_for(lambda: all(w.saved_since(0) >= 5 for w in windows), "saves before the restart")

        for how in ("restart", "crash"):
            if how == "restart":
                cluster.restart("fast")
            else:
                cluster.stop("immediate")
                down = time.monotonic()
                # While the server is away every save fails (the page keeps the value and
                # says "not saved"), with the 500 page and no crash of the app.
                wait_for(lambda: any(status == 0 or status >= 500 for w in windows
                                     for when, status in w.statuses if when > down),  # noqa: B023
                         "a save failed during the outage")  # fmt: skip
                cluster.start()
            back = time.monotonic()
            wait_for(lambda: all(w.saved_since(back) >= 5 for w in windows),  # noqa: B023
                     f"saves after the {how}", seconds=40)  # fmt: skip
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        web.terminate()
        web.wait(timeout=20)
        log.close()

    assert web.returncode == 0
    failed = [status for w in windows for _when, status in w.statuses if status != 200]
    assert failed, "the outage was never seen"
    assert set(failed) <= {0, 500}
    for page in (p for w in windows for p in w.error_pages):
        assert "<title>서버 오류" in page or "Server error" in page
    expected = {
        (judge["judge"], criterion): value
        for window, judge in zip(windows, made["judges"], strict=True)
        for criterion, value in window.acknowledged.items()
    }
    assert stored_scores(cluster, database, made["judges"]) == expected
    assert sum(len(w.statuses) for w in windows) > 30
