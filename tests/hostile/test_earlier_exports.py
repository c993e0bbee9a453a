"""Earlier hostile cases of the organizer's screening pages and Excel export: agency text must never
run as a formula (openpyxl writes any string starting with `=` as one) nor break the file, and a
script typed as a screening reason is kept and shown as text."""

import pytest

from submissions.models import Entry
from tests.screening.conftest import org, world  # noqa: F401  (fixtures)
from tests.screening.test_excel import export, sheet
from tests.screening.test_screening import detail_url

pytestmark = pytest.mark.django_db


def test_excel_formula_injection_in_answers_stays_text(world, org):  # noqa: F811
    ws = sheet(export(org, world))
    hyperlink = ws["K3"]
    assert hyperlink.value == '=HYPERLINK("http://evil.example","클릭")'
    assert hyperlink.data_type == "s"
    assert ws["J4"].value == "+82 정류장 정보"
    assert ws["J4"].data_type == "s"
    formula_cells = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []


def test_excel_control_characters_in_a_title_are_dropped_not_crashing(world, org):  # noqa: F811
    world.shortcut.title = "=1+1\x07벨"
    world.shortcut.save()
    ws = sheet(export(org, world))
    assert ws["E3"].value == "=1+1벨"
    assert ws["E3"].data_type == "s"


def test_a_script_in_a_screening_reason_is_stored_and_shown_as_text(world, org):  # noqa: F811
    org.post(
        detail_url(world, world.shortcut),
        {"eligibility": "ineligible", "reason": "<script>x</script> 유사 사례 중복"},
    )
    entry = Entry.objects.get(pk=world.shortcut.pk)
    assert entry.eligibility_reason == "<script>x</script> 유사 사례 중복"
    html = org.get(detail_url(world, world.shortcut)).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt; 유사 사례 중복" in html
