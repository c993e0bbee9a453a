"""Award certificates (상장, issue 9 item 1): one A4 portrait page per awarded entry of a contest
whose final round has a result in force.

The awards are the contest ranking of the final round's frozen snapshot (`results["contest"]`,
organizer's overrides applied), named as the organizer's results page names them
(scoring.selectors.result_labels.Names: the tier's name in the active language). Entries without
an award (or overridden to none) get no certificate.

Certificate numbers are "<contest year>-<nnn>" in award order: tier by tier in the contest's tier
order, and within a tier in the order of the contest ranking. Both orders are read from the
snapshot, so a snapshot always numbers its certificates the same way. Each page carries a small
verification line, "확인 번호 <first 12 hex of the snapshot digest>-<number>", that ties the
paper to the finalized result (`python manage.py verify_results` checks the snapshot itself).

The date is the contest's results publication date when published, else the finalization date
of the final round (Asia/Seoul). The issuer is the organizing body: Contest has no field for it,
so it is the setting `CERTIFICATE_ISSUER` (a string, or a dict by language code such as
{"ko": "행정안전부장관", "en": "Minister of the Interior and Safety"}); without it, the Minister of
the Interior and Safety in the active language.

Queries: a fixed number (the final round's rounds and result, its judges and entries as frozen,
the awarded entries' agencies), whatever the number of entries.
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from contests.models import Contest
from reports.certificate_layout import KEEP, SCALED, fit, look, style_context
from reports.pdf import DocumentFrame, render_document
from reports.results_workbook import NotFinalized
from scoring.models import RoundResult
from scoring.selectors.frozen import frozen
from scoring.selectors.result_labels import Names, local_name
from scoring.selectors.results import contest_rounds, result_in_force
from submissions.models import Entry

TEMPLATE = "reports/pdf/certificate.html"
STYLE = "reports/pdf/certificate/style.css"


@dataclass(frozen=True)
class Certificate:
    """One awarded entry's certificate."""

    number: str  # "2026-001"
    receipt: str  # the entry's receipt number
    entry_pk: int | None
    award: str  # the tier's name, as the results page shows it
    agency: str
    title: str
    check: str  # "<first 12 hex of the digest>-<number>"


@dataclass(frozen=True)
class Certificates:
    """The certificates of a contest's finalized final round, in award order."""

    contest: Contest
    result: RoundResult
    contest_name: str  # as frozen in the snapshot, in the active language
    issued_on: dt.date
    items: list[Certificate]

    def only(self, receipt: str) -> "Certificates | None":
        """These certificates narrowed to one entry's; None when the entry has no award."""
        mine = [c for c in self.items if c.receipt == receipt]
        return replace(self, items=mine) if mine else None


def final_result(contest: Contest) -> RoundResult | None:
    """The result in force of the contest's final round (None while it is live)."""
    rounds = contest_rounds(contest.pk)
    if not rounds:
        return None
    result = result_in_force(rounds[-1])
    if result is not None:
        result.round = rounds[-1]
        result.round.contest = contest
    return result


def _agencies(contest_id: int, receipts: list[str]) -> dict[str, str]:
    """Receipt number → the entry's agency name in the active language."""
    rows = Entry.objects.filter(contest_id=contest_id, receipt_number__in=receipts).values_list(
        "receipt_number", "agency__name_ko", "agency__name_en"
    )
    return {r: local_name({"name_ko": ko, "name_en": en}) for r, ko, en in rows}


def contest_certificates(contest: Contest, result: RoundResult) -> Certificates:
    """The certificates of every awarded entry in `result` (the final round's, in force)."""
    kept = frozen(result)
    names = Names(kept.inputs, judges={}, entries=kept.entries, rounds=[])
    tier_order = {tier["key"]: n for n, tier in enumerate(kept.inputs["tiers"])}
    ranking = (kept.results.get("contest") or {}).get("entries", [])
    awarded = [row for row in ranking if row["award"]]
    # Tier by tier, then by the contest ranking (the list's order): sorted() is stable.
    awarded.sort(key=lambda row: tier_order.get(row["award"], len(tier_order)))
    agencies = _agencies(contest.pk, [row["entry"] for row in awarded])
    items = []
    for sequence, row in enumerate(awarded, 1):
        receipt, entry = row["entry"], kept.entries.get(row["entry"])
        number = f"{contest.year}-{sequence:03d}"
        items.append(
            Certificate(
                number=number,
                receipt=receipt,
                entry_pk=entry.pk if entry is not None else None,
                award=names.tier(row["award"]),
                agency=agencies.get(receipt, ""),
                title=entry.title if entry is not None else "",
                check=f"{result.digest[:12]}-{number}",
            )
        )
    when = contest.results_published_at or result.at
    return Certificates(
        contest=contest,
        result=result,
        contest_name=local_name(kept.inputs["contest"]),
        issued_on=timezone.localtime(when).date(),
        items=items,
    )


def awarded_certificates(contest: Contest) -> Certificates:
    """Every awarded entry's certificate of `contest` (the view's and the background build's
    lookup). Raises NotFinalized, with a message for the organizer, while the final round has
    no result in force or when no entry has an award."""
    result = final_result(contest)
    if result is None:
        raise NotFinalized(
            _("Finalize the final round first: the certificates come from its result.")
        )
    certificates = contest_certificates(contest, result)
    if not certificates.items:
        raise NotFinalized(_("No entry of this contest has an award."))
    return certificates


def issuer() -> str:
    """The organizing body that awards the certificates (see the module's docstring)."""
    configured = getattr(settings, "CERTIFICATE_ISSUER", None)
    if isinstance(configured, dict):
        language = (get_language() or "ko").split("-")[0]
        configured = configured.get(language) or configured.get("ko")
    # Translators: the default issuer of award certificates (상장), printed above the seal.
    return configured or _("Minister of the Interior and Safety")


def issued_date(day: dt.date) -> str:
    """ "2026년 12월 1일" in Korean, "1 December 2026" in English."""
    return date_format(day, pgettext("certificate date", "j F Y"))


def words(text: str) -> list[tuple[str, bool]]:
    """(word, kept whole) for each word of `text`: Korean text breaks between words (as 어절),
    never inside one, unless a word is too long to fit a line."""
    return [(word, len(word) <= KEEP) for word in text.split()]


def _page(certificate: Certificate, contest_name: str, issuer_name: str) -> dict:
    """What one page shows, with the type size that fits it (reports.certificate_layout)."""
    body = _(
        "In recognition of the outstanding results the above agency achieved with the case "
        "“%(title)s” at the %(contest)s, this certificate is presented."
    ) % {"title": certificate.title, "contest": contest_name}
    case = _("Case: %(title)s") % {"title": certificate.title}
    number = _("No. %(number)s") % {"number": certificate.number}
    english = (get_language() or "ko").startswith("en")
    texts = {
        "number": number,
        "title": _("Certificate of Award"),
        "award": certificate.award,
        "agency": certificate.agency,
        "case": case,
        "body": body,
        "issuer-name": issuer_name,
    }
    scale, tight = fit(texts, english=english)
    kinds = look(english=english, tight=tight)
    return {
        "certificate": certificate,
        "number": number,
        "english": english,
        "tight": tight,
        "size": {name: f"{kinds[name].size * scale:.2f}" for name in SCALED},
        "award": words(certificate.award),
        "agency": words(certificate.agency),
        "case": words(case),
        "body": words(body),
    }


def certificates_pdf(certificates: Certificates) -> bytes:
    """One A4 page per certificate."""
    frame = DocumentFrame(
        title=_("Certificate of Award"),
        contest_name=certificates.contest_name,
        digest=certificates.result.digest,
    )
    issuer_name = issuer()
    context = {
        "pages": [_page(c, certificates.contest_name, issuer_name) for c in certificates.items],
        "issued_on": issued_date(certificates.issued_on),
        "issuer": issuer_name,
    }
    css = render_to_string(STYLE, style_context())
    return render_document(TEMPLATE, context, frame=frame, extra_css=css)
