"""Every exporter of reports.exporters.EXPORTERS that is not a PDF (workbooks, ZIP of
attachments, the snapshot's JSON, the stored attachments) from the hostile contest
(tests/hostile/documents_world.py), through its real view in Korean and in English: no formula or
hyperlink cell, no external link, no path in a file name, the payload shown as typed."""

import pytest

import reports.catalog  # noqa: F401  (registers every exporter)
from reports.exporters import EXPORTERS, PDF_TYPE
from tests.hostile.documents_checks import assert_shown_as_text
from tests.hostile.documents_world import CASES

pytestmark = pytest.mark.django_db

OTHERS = sorted(n for n, e in EXPORTERS.items() if e.content_type != PDF_TYPE)


def test_every_exporter_has_a_hostile_case():
    assert set(CASES) == set(EXPORTERS)


@pytest.mark.parametrize("name", OTHERS)
def test_a_file_shows_hostile_text_as_text_and_nothing_else(
    name, built, settings, tmp_path, caplog
):
    assert_shown_as_text(name, built, settings, tmp_path, caplog)
