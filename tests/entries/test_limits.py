"""The number of files per entry, and categories open to some kinds of agency only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from submissions.models import Agency, Attachment, Entry
from submissions.services.attachments import attachment_add, attachment_replace
from submissions.services.entries import entry_create
from tests import factories
from tests.entries.conftest import upload

pytestmark = pytest.mark.django_db


def test_files_per_entry_defaults_to_ten_and_the_next_file_is_refused(draft, member):
    assert draft.contest.max_attachments_per_entry == 10
    for n in range(10):
        attachment_add(entry=draft, upload=upload(f"자료{n}.pdf"), by=member)
    with pytest.raises(ValidationError) as refused, translation.override("ko"):
        attachment_add(entry=draft, upload=upload("열한번째.pdf"), by=member)
    assert refused.value.message_dict == {
        "file": [
            "열한번째.pdf 파일을 첨부하지 못했습니다. 이 사례에는 이미 이 경진대회가 허용하는 "
            "최대 개수인 10개의 파일이 있습니다. 파일을 삭제하거나 기존 파일을 교체하십시오."
        ]
    }
    assert Attachment.objects.filter(entry=draft).count() == 10


def test_a_file_can_still_be_replaced_at_the_limit(draft, member, contest):
    contest.max_attachments_per_entry = 1
    contest.save()
    first = attachment_add(entry=draft, upload=upload("초안.pdf"), by=member)
    replaced = attachment_replace(attachment=first, upload=upload("최종본.pdf"), by=member)
    assert (replaced.pk, replaced.original_name) == (first.pk, "최종본.pdf")


def test_the_upload_page_says_why_the_extra_file_was_refused(client_for, member, draft, contest):
    contest.max_attachments_per_entry = 1
    contest.save()
    attachment_add(entry=draft, upload=upload("초안.pdf"), by=member)
    http = client_for(member)
    page = http.get(reverse("entries:detail", args=[draft.pk])).content.decode()
    assert "At most 1 file per entry." in page
    response = http.post(
        reverse("entries:attachment_upload", args=[draft.pk]), {"file": upload("추가.pdf")}
    )
    assert response.status_code == 200
    assert (
        "추가.pdf was not added: this entry already has 1 file, the most this contest allows."
        in response.content.decode()
    )
    assert Attachment.objects.filter(entry=draft).count() == 1


@pytest.fixture
def local_only(contest):
    return factories.CategoryFactory(
        contest=contest, name_ko="지방자치단체", name_en="Local governments",
        agency_kinds=[Agency.Kind.METROPOLITAN, Agency.Kind.LOCAL],
    )  # fmt: skip


def test_a_category_refuses_an_agency_of_another_kind(contest, local_only, agency, member):
    assert agency.kind == Agency.Kind.CENTRAL
    with pytest.raises(ValidationError) as refused:
        entry_create(contest=contest, category=local_only, agency=agency, title="사례", by=member)
    assert refused.value.message_dict == {
        "category": [
            "행정안전부(중앙행정기관)은(는) 지방자치단체 부문에 응모할 수 없습니다. "
            "이 부문은 광역자치단체, 기초자치단체만 응모할 수 있습니다."
        ]
    }
    assert Entry.objects.count() == 0


def test_a_category_with_no_kinds_ticked_is_open_to_every_kind(contest, category, member):
    assert category.agency_kinds == []
    for kind in Agency.Kind.values:
        agency = factories.AgencyFactory(kind=kind)
        factories.AgencyMembershipFactory(agency=agency, user=member)
        entry_create(contest=contest, category=category, agency=agency, title=kind, by=member)
    assert Entry.objects.count() == len(Agency.Kind.values)


def test_the_entry_form_offers_only_open_categories(
    client_for, contest, category, local_only, agency, member
):
    http = client_for(member)
    url = reverse("entries:create", args=[contest.pk])
    form = http.get(url).context["form"]
    assert list(form.fields["category"].queryset) == [category]
    response = http.post(url, {"category": local_only.pk, "agency": agency.pk, "title": "사례"})
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert Entry.objects.count() == 0
    listing = http.get(reverse("entries:list")).content.decode()
    assert "New entry in Central" in listing
    assert "New entry in Local governments" not in listing


def test_the_entry_form_checks_the_chosen_agency_against_the_category(
    client_for, contest, local_only, agency, member
):
    """A member of two agencies sees the categories open to either; the pair is checked."""
    city = factories.AgencyFactory(name_en="Suwon City", kind=Agency.Kind.LOCAL)
    factories.AgencyMembershipFactory(agency=city, user=member)
    http = client_for(member)
    url = reverse("entries:create", args=[contest.pk])
    response = http.post(url, {"category": local_only.pk, "agency": agency.pk, "title": "사례"})
    assert response.context["form"].errors["category"] == [
        "Ministry of the Interior (Central government agency) cannot enter the Local "
        "governments category: it is open only to Metropolitan government, Local government."
    ]
    response = http.post(url, {"category": local_only.pk, "agency": city.pk, "title": "사례"})
    assert response.status_code == 302
    assert Entry.objects.get().agency == city


def test_no_open_category_is_explained(client_for, contest, local_only, member):
    page = client_for(member).get(reverse("entries:create", args=[contest.pk]))
    assert "No category of this contest is open to your agency's kind of agency." in (
        page.content.decode()
    )
