"""`{% agency_notices %}`: the announcements sent to the signed-in person's agencies, newest
first, as templates/contests/announcements_notices.html shows them. The agency's entries page
(templates/entries/entry_list.html, a submissions page) includes it: the announcements and who
they went to are scoring's (scoring.selectors.announcements), which submissions may not import."""

from django import template

from scoring.selectors.announcements import notices_for

register = template.Library()


@register.inclusion_tag("contests/announcements_notices.html", takes_context=True)
def agency_notices(context) -> dict:
    return {"notices": list(notices_for(context["request"].user))}
