"""Messages shown by Django itself that its own Korean catalogue does not translate yet.

Listing them here makes `makemessages` keep them in our catalogue, where they have Korean.
"""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = (gettext_noop("- Select an option -"),)
