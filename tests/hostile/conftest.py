"""The hostile contest, built once per module that asks for it (`built`)."""

import pytest
from django.db import transaction
from django.test import override_settings

pytest.register_assert_rewrite("tests.hostile.documents_checks")

from tests.hostile.documents_world import build  # noqa: E402


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The contest, built once for the module in a transaction rolled back after its last test
    (each test runs in a savepoint of its own: pytest-django's `db`)."""
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
            world = build()
        yield world, media
        transaction.set_rollback(True)
