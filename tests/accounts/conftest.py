import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits live in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


def english(client: Client) -> Client:
    """Pin the page language to English so assertions read the msgids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
