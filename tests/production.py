"""Running manage.py in a child process with production settings (tests of the deployed setup)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def production_env(**settings: str) -> dict[str, str]:
    """This process's environment in production mode with a fresh SECRET_KEY, `settings` on top.

    DEBUG and DJANGO_ALLOW_ASYNC_UNSAFE are dropped: the browser tests set the latter in this
    process; production never has it.
    """
    env = {
        **os.environ,
        "DJANGO_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SITE_URL": "https://simsa.example.kr",
        **settings,
    }
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return env


def manage(*args: str, env: dict[str, str], timeout: int) -> subprocess.CompletedProcess:
    """`python manage.py *args` with `env`; its output captured as text, its exit code kept."""
    return subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
