from django.utils.functional import SimpleLazyObject

from . import notifications, permissions


def navigation(request):
    """The organization of the page (set by `permissions.organization_view`) and the ones
    for the nav bar's switcher, queried only if a template uses them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    organization = getattr(request, "organization", None)
    return {
        "organization": organization,
        "current_organization": organization,
        "nav_organizations": SimpleLazyObject(
            lambda: list(permissions.organizations_for(user).only("name", "short_name", "slug"))
        ),
        "nav_can_use_admin": SimpleLazyObject(lambda: permissions.can_use_admin(user)),
        # The bell's count: one query, only on pages that show the navigation bar.
        "nav_unread": SimpleLazyObject(lambda: notifications.unread_count(user)),
    }
