"""`{% slot_groups files as groups %}`: an entry's files grouped by attachment slot (for the pages
that show them to judges and organizers; submissions.selectors.slots.group_by_slot)."""

from django import template

from submissions.selectors.slots import group_by_slot, slots_of

register = template.Library()


@register.simple_tag
def slot_groups(files):
    """The filled slots in order, each with its files, then the free files (one query at most)."""
    files = list(files)
    return group_by_slot(slots_of(files), files)
