"""How the app names a person: one rule for pages, PDFs, forms, tables and the admin."""


def display_name(user) -> str:
    """The person's full name, or their username when no name is recorded."""
    return user.get_full_name() or user.get_username()
