"""`{% contest_timeline contest gaps %}`: the organizer's timeline of a contest, as
templates/contests/_timeline.html shows it. The contest page (a contests page) includes it: the
stages read submissions and scoring (scoring.selectors.timeline), which contests may not import."""

from django import template

from scoring.selectors.timeline import contest_timeline as timeline

register = template.Library()


@register.inclusion_tag("contests/_timeline.html")
def contest_timeline(contest, gaps=None) -> dict:
    """`gaps`: the contest's set-up gaps when the page has them (contests.selectors
    .setup_warnings), so that they are not read twice."""
    return {"contest": contest, "stages": timeline(contest, gaps=gaps)}
