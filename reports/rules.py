"""Who may download what reports/ serves, beyond the other apps' permissions.

- `reports.download_snapshot` on a contest: a round's frozen snapshot, to anyone once the
  contest's results are published (the public page links it), before that to the contest's
  managers only.
"""

import rules

from contests.rules import can_manage_contest


@rules.predicate
def are_results_published(user, contest) -> bool:
    return contest is not None and contest.results_published_at is not None


can_download_snapshot = are_results_published | can_manage_contest

rules.add_perm("reports.download_snapshot", can_download_snapshot)
