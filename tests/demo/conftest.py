import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The demo hashes its one password once per run; logging in checks it per user.
    settings.PASSWORD_HASHERS = FAST_HASHER


def run_demo() -> str:
    out = StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def printed_logins(output: str) -> list[tuple[str, str, str]]:
    rows = re.findall(r"^\| (.+?) +\| (\S+@\S+) +\| (\S+) +\|", output, flags=re.MULTILINE)
    return [(role.strip(), email, password) for role, email, password in rows]


@dataclass(frozen=True)
class Built:
    output: str  # what `manage.py demo_data` printed
    media: Path  # where the demo's attachments were written


@pytest.fixture(scope="package")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built once for this package's tests (a build takes seconds), inside a transaction
    rolled back after the package's last test. Each test runs in its own savepoint
    (pytest-django's `db`), so what a test changes is undone before the next one. Every database
    test in tests/demo must request it (through `demo`): one that does not would still see the
    demo while the package runs."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER):
            output = run_demo()
        yield Built(output=output, media=media)
        transaction.set_rollback(True)


@pytest.fixture
def demo(built, db, settings):
    settings.MEDIA_ROOT = built.media
    return built
