import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The demo hashes its one password once per run; logging in checks it per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
