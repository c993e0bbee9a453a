"""Who may see and manage contests (predicates for the `rules` package).

- `can_create_contest(user)`: organizers and site admins.
- `can_manage_contest(user, contest)`: a site admin manages every contest; an organizer
  manages only the contests that list them in `organizers`.
- `can_view_contest(user, contest)`: published contests are public; drafts only to their managers.
- `contests.change_rubric` on a round: its managers, only while the rubric is open
  (`is_rubric_open`: until the round's first saved score). Ask it with `rules.has_perm` (see
  scoring/rules.py: Django lets every superuser through `user.has_perm`).
"""

import rules

from accounts.rules import is_organizer, is_site_admin


@rules.predicate
def is_listed_organizer(user, contest) -> bool:
    if contest is None or not getattr(user, "is_authenticated", False):
        return False
    # Selectors may annotate `user_manages` (or prefetch organizers) to avoid a query per contest.
    annotated = getattr(contest, "user_manages", None)
    if annotated is not None:
        return bool(annotated)
    return contest.organizers.filter(pk=user.pk).exists()


@rules.predicate
def is_published(user, contest) -> bool:
    return bool(contest is not None and contest.is_published)


can_create_contest = is_organizer
can_manage_contest = is_site_admin | (is_organizer & is_listed_organizer)
can_view_contest = is_published | can_manage_contest

rules.add_perm("contests.create_contest", can_create_contest)
rules.add_perm("contests.manage_contest", can_manage_contest)
rules.add_perm("contests.view_published_or_managed_contest", can_view_contest)


# ---- the rubric lock ----


@rules.predicate
def is_rubric_open(user, round_) -> bool:
    """May the round's rubric still change? Until its first saved score (`scoring_started_at`)."""
    return round_ is not None and not round_.rubric_locked


@rules.predicate
def manages_round_contest(user, round_) -> bool:
    return round_ is not None and can_manage_contest(user, round_.contest)


can_change_rubric = manages_round_contest & is_rubric_open

rules.add_perm("contests.change_rubric", can_change_rubric)
