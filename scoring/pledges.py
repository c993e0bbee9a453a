"""The pledges a judge signs when accepting an invitation: 보안서약 (security) and 이해충돌 서약
(conflict of interest).

Their texts are templates named by `PLEDGE_VERSION`; accepting records the time of each pledge
and this version on the invitation (scoring.services.judges.invitation_accept). To change a text,
add templates with a new version and change the constant: the version recorded with every
earlier acceptance still names the text that judge agreed to.
"""

PLEDGE_VERSION = "2026-1"
CONFLICT_YEARS = 3
"""The conflict pledge covers agencies the judge advised in this many recent years."""


def pledge_templates(version: str = PLEDGE_VERSION) -> dict[str, str]:
    """The text templates of a pledge version: {"security": …, "conflict": …}."""
    return {
        "security": f"judging/pledges/security_{version}.html",
        "conflict": f"judging/pledges/conflict_{version}.html",
    }
