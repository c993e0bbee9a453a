"""Judge invitations: accept by token (namespace `invitations`)."""

app_name = "invitations"
urlpatterns: list = []
