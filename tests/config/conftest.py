import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse


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


def maybe_reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def url_or_skip(name: str, *args) -> str:
    """Some URL names are built by other parts of the project; skip until they exist."""
    url = maybe_reverse(name, *args)
    if url is None:
        pytest.skip(f"URL {name!r} is not defined yet")
    return url
