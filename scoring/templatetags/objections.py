"""`{% agency_objections %}`: on the agency's entries page (templates/entries/entry_list.html, a
submissions page), its entries of contests whose results are published, each with the button to
object while the period is open and its objections with their status and answer
(scoring.selectors.objections, which submissions may not import)."""

from django import template

from scoring.selectors.objections import agency_objection_rows

register = template.Library()


@register.inclusion_tag("scoring/objections/agency_section.html", takes_context=True)
def agency_objections(context) -> dict:
    return {"rows": agency_objection_rows(context["request"].user)}
