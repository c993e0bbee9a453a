"""Role predicates that do not depend on a contest or agency."""

import rules


@rules.predicate
def is_site_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_organizer(user):
    return bool(user and user.is_authenticated and (user.is_organizer or user.is_superuser))
