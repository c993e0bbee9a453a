"""Organizer set-up pages of a contest (thin: permission, form, service, render)."""
