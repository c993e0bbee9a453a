"""`./run prod`: the production stack on loopback, for trying it out and for tests.

PostgreSQL (DATABASE_URL; the database is created when missing), production mode with DEBUG off
(plain HTTP on loopback: no SSL redirect), static files collected with hashed names and served by
WhiteNoise, uploaded files in an S3 bucket (a local moto server unless AWS_S3_ENDPOINT_URL names
a real endpoint), gunicorn (config/gunicorn.py) with several workers, and the task worker
(`manage.py db_worker`) as its own process. Every child is stopped on Ctrl+C or SIGTERM, and all
of them as soon as one dies.

    .venv/bin/python -m config.prod_stack [--demo] [--port 8000] [--s3-port 9000] [--workers 2]
"""

import argparse
import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
DEFAULT_DATABASE_URL = f"postgres://postgres@{HOST}:5432/simsa_prod"
BUCKET = "simsa-media"
# moto accepts any key pair; these only exist on loopback.
LOCAL_S3 = {
    "AWS_ACCESS_KEY_ID": "simsa-local",
    "AWS_SECRET_ACCESS_KEY": "simsa-local-secret",
    "AWS_S3_REGION_NAME": "ap-northeast-2",
    "AWS_S3_ADDRESSING_STYLE": "path",
}


def say(text: str) -> None:
    print(f"\033[1m==> {text}\033[0m", flush=True)


def stack_env(*, database_url: str, port: int, s3_port: int | None, static_root: Path) -> dict:
    """The environment of every process of the stack: this one's, in production mode on
    loopback. `s3_port` is the local S3 endpoint's port, or None for the one already set in
    AWS_S3_ENDPOINT_URL. SECRET_KEY is kept when set (else a fresh one for this run)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "DJANGO_PRODUCTION": "1",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; behind HTTPS in real production
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SITE_URL": f"http://{HOST}:{port}",
        "STATIC_ROOT": str(static_root),
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": os.environ.get("AWS_STORAGE_BUCKET_NAME") or BUCKET,
    }
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    if not env.get("EMAIL_HOST"):
        env.setdefault("EMAIL_TO_CONSOLE", "1")  # printed by the worker: no SMTP on loopback
    if s3_port is not None:
        env.update(LOCAL_S3, AWS_S3_ENDPOINT_URL=f"http://{HOST}:{s3_port}")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database of `database_url` when it does not exist."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql"}:
        sys.exit(f"./run prod needs PostgreSQL: DATABASE_URL is {database_url!r}")
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        sys.exit(f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is not reachable: {exc}")
    with conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            say(f"Creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the launcher dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Stack:
    """The children, each in its own process group, stopped in reverse order of starting."""

    def __init__(self, env: dict) -> None:
        self.env = env
        self.children: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603 - our own programs, fixed arguments
            args, cwd=BASE_DIR, env=self.env, start_new_session=True,
            preexec_fn=_die_with_parent, **kwargs,
        )  # fmt: skip
        self.children.append((name, process))
        return process

    def manage(self, *args: str) -> subprocess.Popen:
        return self.start(args[0], [sys.executable, "manage.py", *args])

    def finish(self, *processes: subprocess.Popen) -> None:
        """Wait for one-off commands; stop the stack when one fails."""
        for process in processes:
            name = next(name for name, child in self.children if child is process)
            if process.wait() != 0:
                raise ChildFailed(f"{name} failed (exit {process.returncode})")
            self.children = [item for item in self.children if item[1] is not process]

    def dead(self) -> str | None:
        for name, process in self.children:
            if process.poll() is not None:
                return f"{name} exited with {process.returncode}"
        return None

    def stop(self) -> None:
        for _name, process in reversed(self.children):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        deadline = time.monotonic() + 15
        for _name, process in reversed(self.children):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.children = []


class ChildFailed(Exception):
    pass


class Stopped(Exception):
    pass


def _stopped(signum, _frame):
    raise Stopped(signum)


def wait_until(ready, stack: Stack, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if problem := stack.dead():
            raise ChildFailed(problem)
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise ChildFailed(f"{what} did not answer within {seconds:.0f} s")


def s3_ready(env: dict) -> bool:
    """True once the endpoint answers and the bucket exists (created here when missing)."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name=env["AWS_S3_REGION_NAME"],
        config=Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=5),
    )
    bucket = env["AWS_STORAGE_BUCKET_NAME"]
    try:
        client.head_bucket(Bucket=bucket)
        return True
    except ClientError:
        location = {"LocationConstraint": env["AWS_S3_REGION_NAME"]}
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration=location)
        return True
    except BotoCoreError:
        return False


def http_ready(port: int) -> bool:
    with socket.create_connection((HOST, port), timeout=2) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        return sock.recv(16).startswith(b"HTTP/1.1 ")


def run(options: argparse.Namespace) -> None:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    local_s3 = not os.environ.get("AWS_S3_ENDPOINT_URL")
    ports = [options.port] + ([options.s3_port] if local_s3 else [])
    if busy := [str(port) for port in ports if not port_free(port)]:
        sys.exit(f"Port {', '.join(busy)} on {HOST} is in use: stop what runs there first.")
    ensure_database(database_url)
    workdir = Path(tempfile.mkdtemp(prefix="simsa-prod-"))
    env = stack_env(
        database_url=database_url,
        port=options.port,
        s3_port=options.s3_port if local_s3 else None,
        static_root=Path(os.environ.get("STATIC_ROOT") or workdir / "static"),
    )
    env.update(GUNICORN_BIND=f"{HOST}:{options.port}", GUNICORN_WORKERS=str(options.workers))
    stack = Stack(env)
    try:
        if local_s3:
            say(f"Starting the local S3 endpoint (moto) on {HOST}:{options.s3_port}")
            log = (workdir / "s3.log").open("wb")
            stack.start("s3", [str(BIN / "moto_server"), "-H", HOST, "-p", str(options.s3_port)],
                        stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        say("Migrating the database and collecting static files")
        static = stack.manage("collectstatic", "--noinput", "-v0")
        stack.finish(stack.manage("migrate", "--noinput", "-v0"))
        stack.finish(stack.manage("createcachetable"))
        wait_until(lambda: s3_ready(env), stack, "the S3 endpoint")
        if options.demo:
            say("Demo contests (files go to the bucket)")
            stack.finish(stack.manage("demo_data"))
        stack.finish(static)
        say(f"Starting gunicorn ({options.workers} workers) and the task worker")
        web = stack.start("gunicorn", [str(BIN / "gunicorn"), "-c", "config/gunicorn.py"])
        worker = stack.manage("db_worker", "--no-reload", "--no-startup-delay")
        wait_until(lambda: http_ready(options.port), stack, "gunicorn")
        s3_pid = next((p.pid for name, p in stack.children if name == "s3"), None)
        print(
            "\nRunning (Ctrl+C stops everything):\n"
            f"  web       http://{HOST}:{options.port}/  gunicorn pid {web.pid}, "
            f"{options.workers} workers x {env.get('GUNICORN_THREADS', '4')} threads, DEBUG off\n"
            f"  worker    manage.py db_worker pid {worker.pid} (report files, emails)\n"
            f"  files     {env['AWS_S3_ENDPOINT_URL']} "
            f"bucket {env['AWS_STORAGE_BUCKET_NAME']}"
            + (f", moto pid {s3_pid} (kept in memory: gone when stopped)\n" if local_s3 else "\n")
            + f"  static    {env['STATIC_ROOT']} (WhiteNoise, hashed names)\n"
            f"  database  {database_url}\n",
            flush=True,
        )
        while not (problem := stack.dead()):
            time.sleep(0.5)
        raise ChildFailed(problem)
    except ChildFailed as failure:
        print(f"Stopping everything: {failure}", file=sys.stderr, flush=True)
        status = 1
    except Stopped:
        say("Stopping")
        status = 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(status)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="./run prod", description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", action="store_true", help="build the demo contests first")
    parser.add_argument("--port", type=int, default=8000, help="gunicorn's port (8000)")
    parser.add_argument("--s3-port", type=int, default=9000, help="local S3 port (9000)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    options = parser.parse_args(argv)
    if options.workers < 1:
        parser.error("--workers must be at least 1")
    os.chdir(BASE_DIR)
    signal.signal(signal.SIGINT, _stopped)
    signal.signal(signal.SIGTERM, _stopped)
    run(options)


if __name__ == "__main__":
    main()
