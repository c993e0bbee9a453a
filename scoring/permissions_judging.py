"""Who may set up judging and accept invitations (predicates for the `rules` package).

- `can_set_up_judging(user, contest)`: invite judges, seat panels, assign, record challenges and
  read the conflict list: the contest's organizers and site admins (= `can_manage_contest`).
- `can_accept_invitation(user, invitation)`: any signed-in user holding the link of a pending
  invitation (the link is the secret; the address it was sent to may differ from the account's).
"""

import rules

from contests.permissions import can_manage_contest


@rules.predicate
def is_pending_invitation(user, invitation) -> bool:
    return invitation is not None and invitation.accepted_at is None


can_set_up_judging = can_manage_contest
can_accept_invitation = rules.is_authenticated & is_pending_invitation

rules.add_perm("scoring.set_up_judging", can_set_up_judging)
rules.add_perm("scoring.accept_invitation", can_accept_invitation)
