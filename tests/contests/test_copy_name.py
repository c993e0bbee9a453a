"""The names of a copy: the year replaced when that gives a free name, else a new name is needed
(a copy into the source's own year), suggested as "… (사본)" / "… (copy)"; taken names refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contests.models import Contest
from contests.services.copy_names import (
    CopyNames,
    check_copy_names,
    contest_copy_named,
    suggest_copy_names,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

KO = "2026 정부혁신 우수사례 경진대회"
EN = "2026 Government Innovation Contest"
TAKEN_KO = "A contest named “{}” already exists. Enter a different name for the copy."
NEW_NAME_NEEDED = (
    "The copy needs a new name: the suggested one is filled in. Check the names, then copy."
)


def copy_url(contest):
    return reverse("contests:copy", args=[contest.pk])


def field_values(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: form[name].value() for name in ("year", "name_ko", "name_en", "names_year")}


# --- suggestions --------------------------------------------------------------------------------


def test_another_year_replaces_the_year_in_the_names(contest):
    assert suggest_copy_names(contest, 2027) == CopyNames(
        "2027 정부혁신 우수사례 경진대회", "2027 Government Innovation Contest", renamed=False
    )


def test_the_same_year_suggests_a_copy_name(contest):
    assert suggest_copy_names(contest, 2026) == CopyNames(
        f"{KO} (사본)", f"{EN} (copy)", renamed=True
    )


def test_taken_copy_names_are_numbered(contest):
    f.ContestFactory(name_ko=f"{KO} (사본)", name_en="다른 이름")
    f.ContestFactory(name_ko="또 다른 이름", name_en=f"{EN} (copy 2)")
    assert suggest_copy_names(contest, 2026) == CopyNames(
        f"{KO} (사본 3)", f"{EN} (copy 3)", renamed=True
    )


def test_a_taken_next_year_name_gets_the_suffix_too(contest):
    f.ContestFactory(name_ko="2027 정부혁신 우수사례 경진대회", name_en="", year=2027)
    assert suggest_copy_names(contest, 2027) == CopyNames(
        "2027 정부혁신 우수사례 경진대회 (사본)", "2027 Government Innovation Contest (copy)",
        renamed=True,
    )  # fmt: skip


def test_a_long_name_is_shortened_to_fit(organizer):
    source = f.ContestFactory(name_ko="가" * 200, name_en="", year=2026)
    names = suggest_copy_names(source, 2026)
    assert names.name_ko == "가" * 195 + " (사본)"
    assert len(names.name_ko) == 200
    assert names.name_en == ""


# --- the check and the service ------------------------------------------------------------------


def test_names_of_other_contests_are_refused_whatever_the_case_and_spaces(contest):
    with pytest.raises(ValidationError) as excinfo:
        check_copy_names(name_ko=f"  {KO} ", name_en="2026  government innovation CONTEST")
    errors = excinfo.value.error_dict
    assert [e.code for e in errors["name_ko"]] == ["name_taken"]
    assert excinfo.value.message_dict == {
        "name_ko": [TAKEN_KO.format(KO)],
        "name_en": [TAKEN_KO.format("2026 government innovation CONTEST")],
    }


def test_new_names_and_an_empty_english_name_pass(contest):
    f.ContestFactory(name_en="")
    check_copy_names(name_ko=f"{KO} (사본)", name_en="")


def test_contest_copy_named_copies_under_the_new_names(contest, round1, other_organizer):
    copy = contest_copy_named(
        source=contest, by=other_organizer, year=2026,
        name_ko=f" {KO}  (사본) ", name_en="Innovation, second call",
    )  # fmt: skip
    copy.refresh_from_db()
    assert (copy.name_ko, copy.name_en, copy.year) == (
        f"{KO} (사본)",
        "Innovation, second call",
        2026,
    )
    assert copy.copied_from == contest
    assert list(copy.organizers.all()) == [other_organizer]
    assert copy.rounds.get().name_ko == "1차 서면심사"


def test_contest_copy_named_refuses_a_taken_name_and_copies_nothing(contest, other_organizer):
    with pytest.raises(ValidationError):
        contest_copy_named(
            source=contest, by=other_organizer, year=2026, name_ko=KO, name_en="Fresh"
        )
    assert Contest.objects.count() == 1


# --- the page -----------------------------------------------------------------------------------


def test_the_form_is_filled_with_next_years_names(organizer_client, contest):
    response = organizer_client.get(copy_url(contest))
    assert field_values(response) == {
        "year": 2027,
        "name_ko": "2027 정부혁신 우수사례 경진대회",
        "name_en": "2027 Government Innovation Contest",
        "names_year": 2027,
    }
    html = response.content.decode()
    assert 'name="names_year" value="2027"' in html
    assert 'value="2027 정부혁신 우수사례 경진대회"' in html


def test_typed_names_are_used(organizer_client, contest):
    response = organizer_client.post(
        copy_url(contest),
        {"year": "2027", "name_ko": "2027 적극행정 경진대회", "name_en": "", "names_year": "2027"},
    )
    copy = Contest.objects.get(copied_from=contest)
    assert response["Location"] == reverse("contests:detail", args=[copy.pk])
    assert (copy.name_ko, copy.name_en, copy.year) == ("2027 적극행정 경진대회", "", 2027)


def test_only_changing_the_year_to_the_same_year_asks_for_a_new_name(organizer_client, contest):
    response = organizer_client.post(
        copy_url(contest),
        {
            "year": "2026",
            "name_ko": "2027 정부혁신 우수사례 경진대회",
            "name_en": "2027 Government Innovation Contest",
            "names_year": "2027",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [NEW_NAME_NEEDED]
    assert field_values(response) == {
        "year": "2026",
        "name_ko": f"{KO} (사본)",
        "name_en": f"{EN} (copy)",
        "names_year": "2026",
    }
    assert Contest.objects.count() == 1
    # Accepting the suggestion copies.
    response = organizer_client.post(
        copy_url(contest),
        {
            "year": "2026",
            "name_ko": f"{KO} (사본)",
            "name_en": f"{EN} (copy)",
            "names_year": "2026",
        },
    )
    assert response.status_code == 302
    copy = Contest.objects.get(copied_from=contest)
    assert (copy.name_ko, copy.name_en, copy.year) == (f"{KO} (사본)", f"{EN} (copy)", 2026)


def test_empty_names_in_the_same_year_get_the_suggestion(organizer_client, contest):
    response = organizer_client.post(copy_url(contest), {"year": "2026"})
    assert response.context["form"].non_field_errors() == [NEW_NAME_NEEDED]
    assert field_values(response)["name_ko"] == f"{KO} (사본)"
    assert Contest.objects.count() == 1


def test_the_sources_own_name_is_refused(organizer_client, contest):
    response = organizer_client.post(
        copy_url(contest), {"year": "2026", "name_ko": KO, "name_en": EN, "names_year": "2026"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name_ko": [TAKEN_KO.format(KO)],
        "name_en": [TAKEN_KO.format(EN)],
    }
    assert f'value="{KO}"' in response.content.decode()  # what was typed stays
    assert Contest.objects.count() == 1


def test_another_contests_name_is_refused_in_another_year_too(organizer_client, contest):
    f.ContestFactory(name_ko="2027 정부혁신 우수사례 경진대회", year=2027)
    response = organizer_client.post(
        copy_url(contest),
        {"year": "2027", "name_ko": "2027 정부혁신 우수사례 경진대회", "names_year": "2027"},
    )
    assert response.context["form"].errors == {
        "name_ko": [TAKEN_KO.format("2027 정부혁신 우수사례 경진대회")]
    }
    assert Contest.objects.filter(copied_from=contest).count() == 0


def test_a_changed_year_with_untouched_free_names_copies_with_that_years_names(
    organizer_client, contest
):
    response = organizer_client.post(
        copy_url(contest),
        {
            "year": "2028",
            "name_ko": "2027 정부혁신 우수사례 경진대회",
            "name_en": "2027 Government Innovation Contest",
            "names_year": "2027",
        },
    )
    assert response.status_code == 302
    copy = Contest.objects.get(copied_from=contest)
    assert (copy.name_ko, copy.name_en) == (
        "2028 정부혁신 우수사례 경진대회",
        "2028 Government Innovation Contest",
    )


@pytest.mark.parametrize("names_year", ["", "abc", "99999", "1999"])
def test_a_missing_or_odd_names_year_counts_as_the_names_typed(
    organizer_client, contest, names_year
):
    response = organizer_client.post(
        copy_url(contest),
        {"year": "2026", "name_ko": "새 이름", "name_en": "", "names_year": names_year},
    )
    assert response.status_code == 302
    assert Contest.objects.get(copied_from=contest).name_ko == "새 이름"


def test_a_name_too_long_is_refused(organizer_client, contest):
    response = organizer_client.post(
        copy_url(contest), {"year": "2026", "name_ko": "가" * 201, "names_year": "2026"}
    )
    assert response.context["form"].errors["name_ko"] == [
        "Ensure this value has at most 200 characters (it has 201)."
    ]
