from django.utils.functional import SimpleLazyObject

from config.roles import roles_for


def roles(request):
    """`roles` in every template; evaluated only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"roles": SimpleLazyObject(lambda: roles_for(user))}
