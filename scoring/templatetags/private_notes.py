"""`{% private_note assignment as note_state %}`: the signed-in judge's own note on the
assignment's entry, for templates/judge/_private_note.html (included by the scorecard page)."""

from django import template

from scoring.selectors.judge_overview import NoteState, note_state

register = template.Library()


@register.simple_tag
def private_note(assignment) -> NoteState:
    return note_state(assignment.judge_id, assignment.entry_id)
