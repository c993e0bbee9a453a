"""`{% agency_presentations %}`: the signed-in person's agencies' entries in a presentation round
(their published slot and slides), as templates/scoring/presentations/_agency.html shows them.
The agency's entries page (templates/entries/entry_list.html, a submissions page) includes it:
the schedule is scoring's (scoring.selectors.presentations), which submissions may not import."""

from django import template

from scoring.selectors.presentations import agency_presentations as rows_for

register = template.Library()


@register.inclusion_tag("scoring/presentations/_agency.html", takes_context=True)
def agency_presentations(context) -> dict:
    return {"rows": rows_for(context["request"].user)}
