"""Validation of a reassignment posted from the conflicts page."""

from django import forms

from scoring.forms.results import IdField


class ReassignForm(forms.Form):
    """The round and the entry (hidden) and the judge chosen in the select."""

    round = IdField()
    entry = IdField()
    judge = IdField()
