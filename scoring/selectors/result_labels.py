"""Words of the organizer's results pages: names by the active language, rank labels, the
tie-break chain's steps and each problem of scoring.outcome.compute in plain words, with what to
do about it. Plain data in (the `inputs` and `compute()` dicts), text out; no numbers decided here.
"""

from dataclasses import dataclass

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from contests.models import Criterion, Panel, Round
from scoring.outcome import ALL
from scoring.selectors.results import key


def local_name(item: dict | None) -> str:
    """An inputs item's name in the active language (English when asked and given)."""
    if item is None:
        return ""
    if (get_language() or "ko").startswith("en") and item.get("name_en"):
        return item["name_en"]
    return item.get("name_ko", "")


def rank_label(rank: int | None, shared: bool) -> str:
    if rank is None:
        return "—"
    if shared:
        return _("Tied %(rank)s") % {"rank": rank}
    return pgettext("rank", "%(rank)s") % {"rank": rank}


class Names:
    """Key → name for one round's inputs: judges (real names, organizers only), entries (receipt
    number and title), categories, panels, criteria, rounds and award tiers."""

    def __init__(self, inputs: dict, *, judges: dict, entries: dict, rounds: list[Round]):
        self.inputs = inputs
        self.judges = judges  # pseudonym → Judge (empty: show pseudonyms)
        self.entries = entries  # receipt number → Entry
        self.categories = {c["key"]: c for c in inputs["categories"]}
        self.panels = {p["key"]: p for p in inputs["panels"]}
        self.criteria = {c["key"]: c for c in inputs["criteria"]}
        self.tiers = {t["key"]: t for t in inputs["tiers"]}
        self.rounds = {key("R", r.pk): r for r in rounds}
        self._chain_names()

    def _chain_names(self) -> None:
        """Criteria and panels of other rounds named by the chain (one query each, if any)."""
        wanted = {"criterion": set(), "panel": set()}
        for step in self.inputs["chain"]:
            for kind, known in (("criterion", self.criteria), ("panel", self.panels)):
                if step.get(kind) and step[kind] not in known:
                    wanted[kind].add(int(step[kind][1:]))
        for model, kind, prefix, into in (
            (Criterion, "criterion", "C", self.criteria),
            (Panel, "panel", "P", self.panels),
        ):
            if wanted[kind]:
                for obj in model.objects.filter(pk__in=wanted[kind]):
                    into[key(prefix, obj.pk)] = {"name_ko": obj.name_ko, "name_en": obj.name_en}

    def judge(self, pseudonym: str) -> str:
        judge = self.judges.get(pseudonym)
        return judge.user.name if judge is not None else pseudonym

    def entry(self, receipt: str) -> str:
        entry = self.entries.get(receipt)
        return f"{receipt} {entry.title}" if entry is not None else receipt

    def entry_list(self, receipts) -> str:
        return ", ".join(self.entry(r) for r in receipts)

    def category(self, code: str | None) -> str:
        return local_name(self.categories.get(code)) or (code or "")

    def panel(self, code: str) -> str:
        if code == ALL:
            return _("All judges")
        return local_name(self.panels.get(code)) or code

    def criterion(self, code: str) -> str:
        return local_name(self.criteria.get(code)) or code

    def tier(self, code: str | None) -> str:
        return local_name(self.tiers.get(code)) if code else ""

    def round(self, code: str) -> str:
        found = self.rounds.get(code)
        return found.name if found is not None else code

    def step(self, step: dict) -> str:
        kind = step["kind"]
        if kind == "criterion":
            return _("Higher average on %(criterion)s") % {
                "criterion": self.criterion(step["criterion"])
            }
        if kind == "round":
            return _("Higher score in %(round)s") % {"round": self.round(step["round"])}
        if kind == "panel":
            return _("Higher score of %(panel)s") % {"panel": self.panel(step["panel"])}
        if kind == "untrimmed":
            return _("Higher untrimmed mean")
        if kind == "first_places":
            return _("More judges' first places")
        return kind

    def split(self, decided_by: str | None) -> str:
        """How an entry was split from a tie: the chain step's name, or the organizer's
        decision; "—" when it was not tied."""
        if not decided_by:
            return "—"
        known = self.__dict__.setdefault("_splits", {})  # a few values for thousands of rows
        if decided_by not in known:
            known[decided_by] = self._split(decided_by)
        return known[decided_by]

    def _split(self, decided_by: str) -> str:
        if decided_by == "decision":
            return _("Organizer's decision")
        index = int(decided_by.split(":")[1])
        chain = self.inputs["chain"]
        step = self.step(chain[index]) if index < len(chain) else decided_by
        return _("Step %(n)s: %(step)s") % {"n": index + 1, "step": step}


@dataclass
class Problem:
    code: str
    text: str
    todo: str
    entries: list[str]  # receipt numbers of a tie, best first by receipt number


def problem(item: dict, names: Names) -> Problem:
    """One problem of compute() in plain words, with what to do."""
    code = item["code"]
    text, todo = _words(code, item, names)
    return Problem(code=code, text=text, todo=todo, entries=list(item.get("entries", [])))


def _words(code: str, item: dict, names: Names) -> tuple[str, str]:
    entry = names.entry(item["entry"]) if "entry" in item else ""
    if code == "judge_unseated":
        return (
            _("%(judge)s sits on no panel of this round.") % {"judge": names.judge(item["judge"])},
            _("Put the judge on one panel on the Panels page, or end the judge's assignments."),
        )
    if code == "judge_in_two_panels":
        return (
            _("%(judge)s sits on more than one panel of this round.")
            % {"judge": names.judge(item["judge"])},
            _("Keep the judge on one panel only, on the Panels page."),
        )
    if code == "panel_weights":
        return (
            _("The panel weights add up to %(sum)s, not 100.") % {"sum": item["sum"]},
            _("Correct the panel weights in the round's set-up."),
        )
    if code == "no_scores":
        return (
            _("%(entry)s has no submitted scorecard.") % {"entry": entry},
            _("Wait for its judges to submit, or assign judges to it."),
        )
    if code == "too_few_to_trim":
        return (
            _("%(entry)s has %(count)s scores from %(panel)s; dropping the highest and lowest "
              "needs at least %(needed)s.")
            % {"entry": entry, "count": item["count"], "panel": names.panel(item["panel"]),
               "needed": item["needed"]},
            _("Assign more judges to it, or drop fewer scores at each end in the round's "
              "set-up."),
        )  # fmt: skip
    if code == "missing_panel":
        panels = ", ".join(names.panel(p) for p in item["missing"])
        return (
            _("%(entry)s has no score from %(panels)s.") % {"entry": entry, "panels": panels},
            _("Every panel with a weight must score every entry: assign judges of that panel."),
        )
    if code == "line_tie":
        return (
            _("%(entries)s are tied on the advancement line in %(category)s.")
            % {"entries": names.entry_list(item["entries"]),
               "category": names.category(item["category"])},
            _("The tie-break chain cannot separate them: record their order below, with the "
              "reason."),
        )  # fmt: skip
    if code == "round_weights":
        return (
            _("The round weights add up to %(sum)s, not 100.") % {"sum": item["sum"]},
            _("Correct the rounds' weights in the contest's set-up."),
        )
    if code == "missing_round":
        rounds = ", ".join(names.round(r) for r in item["missing"])
        return (
            _("%(entry)s has no score in %(rounds)s.") % {"entry": entry, "rounds": rounds},
            _("Finalize that round first: an entry needs a score in every weighted round."),
        )
    if code == "award_tie":
        values = {"entries": names.entry_list(item["entries"]), "tier": names.tier(item["tier"])}
        if item.get("category"):
            values["category"] = names.category(item["category"])
            text = _("%(entries)s are tied on the boundary of %(tier)s in %(category)s.") % values
        else:
            text = _("%(entries)s are tied on the boundary of %(tier)s.") % values
        return text, _(
            "The tie-break chain cannot separate them: record their order below with the "
            "reason, or override the award."
        )
    return code, ""
