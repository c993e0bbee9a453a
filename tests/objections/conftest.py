import pytest

from tests.objections.scene import build_published


@pytest.fixture
def published(organizer):
    return build_published(organizer)
