"""`./run prod` (config/prod_stack.py) for real: the launcher on free ports against a scratch
PostgreSQL database, then HTTP through gunicorn, the S3 bucket through boto3, and the process
table. Skipped only when PostgreSQL is unreachable."""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import boto3
import psycopg
import pytest
from psycopg import sql

from config.prod_stack import BASE_DIR, stack_env

HOST = "127.0.0.1"
BOUND = 85  # seconds for the whole test: start, checks and stop
FAR_FUTURE = "max-age=315360000, public, immutable"

# Run by `manage.py shell` inside the stack's environment: an agency member's draft entry with
# one attachment uploaded through the service (so it goes to the bucket), and a signed-in
# session for that member, stored the way django.contrib.auth.login stores it.
MAKE_DATA = """
import json, sys
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from submissions.services.attachments import attachment_add
from tests import factories

body = bytes.fromhex(sys.stdin.readline())
membership = factories.AgencyMembershipFactory()
member = membership.user
entry = factories.EntryFactory(agency=membership.agency)
attachment = attachment_add(
    entry=entry, upload=SimpleUploadedFile("성과 보고서.pdf", body), by=member
)
store = SessionStore()
store[SESSION_KEY] = str(member.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = member.get_session_auth_hash()
store.create()
print(json.dumps({"entry": entry.pk, "attachment": attachment.pk,
                  "name": attachment.file.name, "session": store.session_key}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if urllib.parse.urlsplit(url).scheme not in {"postgres", "postgresql"}:
        url = f"postgres://postgres@{HOST}:5432/postgres"
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for its parent counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def get(port: int, path: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=20)
    try:
        headers = {"Host": HOST, "Accept-Language": "en"} | ({"Cookie": cookie} if cookie else {})
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


class Output:
    """The launcher's output, read by a thread so that its pipe never fills."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.lines.append(line.decode(errors="replace"))

    def text(self) -> str:
        return "".join(self.lines)

    def wait_for(self, marker: str, process: subprocess.Popen, deadline: float) -> str:
        while time.monotonic() < deadline:
            if marker in self.text():
                time.sleep(0.3)  # the rest of the block
                return self.text()
            if process.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"the stack did not start:\n{self.text()}")


@pytest.fixture
def scratch_database():
    admin = server_url()
    try:
        psycopg.connect(admin, connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable")
    name = f"simsa_prodstack_{secrets.token_hex(4)}"
    yield urllib.parse.urlunsplit(urllib.parse.urlsplit(admin)._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def test_prod_stack_serves_pages_static_files_and_bucket_files_then_stops(scratch_database):
    started = time.monotonic()
    deadline = started + BOUND
    port, s3_port, secret = free_port(), free_port(), secrets.token_urlsafe(50)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"AWS_S3_ENDPOINT_URL", "STATIC_ROOT", "MEDIA_STORAGE", "SECRET_KEY"}
        and not key.startswith("GUNICORN_")
    }
    env |= {"DATABASE_URL": scratch_database, "SECRET_KEY": secret}
    launcher = subprocess.Popen(  # noqa: S603 - our own launcher
        [sys.executable, "-m", "config.prod_stack", "--port", str(port),
         "--s3-port", str(s3_port), "--workers", "2"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    output = Output(launcher)
    pids: list[int] = []
    try:
        text = output.wait_for("Running (Ctrl+C stops everything)", launcher, deadline)
        web = int(re.search(r"gunicorn pid (\d+)", text)[1])
        worker = int(re.search(r"db_worker pid (\d+)", text)[1])
        moto = int(re.search(r"moto pid (\d+)", text)[1])
        gunicorn_workers = children(web)
        pids = [web, worker, moto, *gunicorn_workers]
        assert sorted(children(launcher.pid)) == sorted([web, worker, moto])
        assert len(gunicorn_workers) == 2
        assert "manage.py db_worker" in cmdline(worker)
        assert f"http://{HOST}:{port}/" in text
        assert f"http://{HOST}:{s3_port} bucket simsa-media" in text

        # The home page through gunicorn, with DEBUG off (a 404 is the app's page, not the
        # debug page listing the URLconf).
        status, headers, home = get(port, "/")
        assert (status, headers["server"]) == (200, "gunicorn")
        status, _headers, missing = get(port, "/no-such-page/")
        assert status == 404
        assert b"URLconf" not in missing

        # A static file under its hashed name, served by WhiteNoise for a year.
        css = re.search(rb"/static/css/app\.[0-9a-f]{12}\.css", home)[0].decode()
        status, headers, body = get(port, css)
        assert (status, headers["cache-control"]) == (200, FAR_FUTURE)
        assert headers["content-type"].startswith("text/css")
        assert body.decode().startswith((BASE_DIR / "static/css/app.css").read_text()[:40])

        # An attachment uploaded through the service lands in the bucket …
        data = b"%PDF-1.4\n" + secrets.token_bytes(300_000) + b"\n%%EOF\n"
        made = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "shell", "-c", MAKE_DATA],
            cwd=BASE_DIR, input=data.hex() + "\n", capture_output=True, text=True, check=False,
            env=stack_env(database_url=scratch_database, port=port, s3_port=s3_port,
                          static_root=BASE_DIR / "unused") | {"SECRET_KEY": secret},
            timeout=max(5, deadline - time.monotonic()),
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        made = json.loads(made.stdout.strip().splitlines()[-1])
        s3 = boto3.client(
            "s3", endpoint_url=f"http://{HOST}:{s3_port}", region_name="ap-northeast-2",
            aws_access_key_id="simsa-local", aws_secret_access_key="simsa-local-secret",
        )  # fmt: skip
        listed = s3.list_objects_v2(Bucket="simsa-media")["Contents"]
        assert [(item["Key"], item["Size"]) for item in listed] == [(made["name"], len(data))]
        assert re.fullmatch(r"attachments/\d+/[0-9a-f]{32}\.pdf", made["name"])
        assert not (BASE_DIR / "media" / made["name"]).exists()

        # … and downloads byte for byte through the app's permission-checked view, for its
        # owner only.
        download = f"/entries/{made['entry']}/attachments/{made['attachment']}/"
        status, headers, body = get(port, download, cookie=f"sessionid={made['session']}")
        assert (status, headers["content-type"]) == (200, "application/pdf")
        assert body == data
        assert "filename*=utf-8''%EC%84%B1%EA%B3%BC" in headers["content-disposition"]
        status, headers, _body = get(port, download)
        assert status == 302
        assert headers["location"].startswith("/accounts/login/")

        assert alive(worker)
        assert all(alive(pid) for pid in pids)
    finally:
        if launcher.poll() is None:
            launcher.send_signal(signal.SIGTERM)
        try:
            returncode = launcher.wait(timeout=max(5, deadline - time.monotonic() + 5))
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            raise
    assert returncode == 0, output.text()
    assert "Stopping" in output.text()
    assert [pid for pid in pids if alive(pid)] == []
    for used in (port, s3_port):
        with socket.socket() as sock:
            sock.bind((HOST, used))  # free again
    assert time.monotonic() - started < 90
