def user_display(user) -> str:
    """How allauth names a user in its messages ("Signed in as 홍길동.")."""
    return user.display_name
