"""The names of a contest's copy: suggested, checked against existing contests, applied.

A copy normally takes the source's names with the year replaced ("2025 정부혁신 …" → "2026 정부혁신
…", contests.services.copy.replace_year). When that gives a name some contest already has (always
so for a copy into the source's own year), the copy needs a new name: the suggestion is then the
name with " (사본)" (Korean name) and " (copy)" (English name) added, numbered when taken too.
Names are compared without regard to case or repeated spaces.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from contests.models import Contest
from contests.services.copy import contest_copy, replace_year

NAME_MAX_LENGTH = Contest._meta.get_field("name_ko").max_length
# Each suffix belongs to the language of its field, whatever the language of the page.
SUFFIX_KO = "사본"
SUFFIX_EN = "copy"


@dataclass(frozen=True)
class CopyNames:
    name_ko: str
    name_en: str
    renamed: bool  # True when the year-replaced names were taken and a suffix was added


def normalize_name(name: str) -> str:
    """Trimmed, with every run of spaces as one space (how names are stored and compared)."""
    return " ".join((name or "").split())


def _taken(field: str, names: set[str]) -> set[str]:
    """Which of `names` (normalized, non-empty) some contest already has in `field` (casefolded);
    one query."""
    names = {name for name in names if name}
    if not names:
        return set()
    condition = Q()
    for name in names:
        condition |= Q(**{f"{field}__iexact": name})
    existing = Contest.objects.filter(condition).values_list(field, flat=True)
    return {normalize_name(name).casefold() for name in existing}


def _with_suffix(base: str, suffix: str, number: int) -> str:
    tail = f" ({suffix})" if number == 1 else f" ({suffix} {number})"
    return base[: NAME_MAX_LENGTH - len(tail)].rstrip() + tail


def suggest_copy_names(source: Contest, year: int) -> CopyNames:
    """The names to offer for a copy of `source` into `year` (see the module's docstring)."""
    name_ko = normalize_name(replace_year(source.name_ko, source.year, year))
    name_en = normalize_name(replace_year(source.name_en, source.year, year))
    if not (_taken("name_ko", {name_ko}) or _taken("name_en", {name_en})):
        return CopyNames(name_ko, name_en, renamed=False)
    tries = range(1, 100)
    candidates_ko = {_with_suffix(name_ko, SUFFIX_KO, n) for n in tries}
    candidates_en = {_with_suffix(name_en, SUFFIX_EN, n) for n in tries} if name_en else set()
    taken_ko = _taken("name_ko", candidates_ko)
    taken_en = _taken("name_en", candidates_en)
    for number in tries:
        ko = _with_suffix(name_ko, SUFFIX_KO, number)
        en = _with_suffix(name_en, SUFFIX_EN, number) if name_en else ""
        if ko.casefold() not in taken_ko and en.casefold() not in taken_en:
            return CopyNames(ko, en, renamed=True)
    return CopyNames(name_ko, name_en, renamed=True)  # 99 copies: let the person choose


def check_copy_names(*, name_ko: str, name_en: str) -> None:
    """Refuse names another contest already has (ValidationError per field, code
    "name_taken"); an empty English name is allowed."""
    errors = {}
    for field, name in (("name_ko", name_ko), ("name_en", name_en)):
        name = normalize_name(name)
        if name and _taken(field, {name}):
            errors[field] = ValidationError(
                _("A contest named “%(name)s” already exists. Enter a different name for the copy.")
                % {"name": name},
                code="name_taken",
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contest_copy_named(*, source: Contest, by, year: int, name_ko: str, name_en: str) -> Contest:
    """`contest_copy` of `source` into `year`, named `name_ko` / `name_en` (checked first)."""
    name_ko, name_en = normalize_name(name_ko), normalize_name(name_en)
    check_copy_names(name_ko=name_ko, name_en=name_en)
    contest = contest_copy(source=source, by=by, year=year)
    contest.name_ko, contest.name_en = name_ko, name_en
    contest.full_clean()
    contest.save(update_fields=["name_ko", "name_en"])
    return contest
