"""How the app names a person, and who may be named: one rule for pages, PDFs, forms,
tables, the admin and the services.

- `display_name`: a person's name;
- `people_of`: the people a form of an organization may pick (its active members);
- `members_check`: the services' rule, refusing anyone else;
- `who` / `printed_who`: QUI as pages and printed documents show it, from a picked
  account and the free text written beside it (for someone without an account).
"""

import unicodedata
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

NOT_A_MEMBER = _("%(names)s: not an active member of %(organization)s.")

# The username of an account whose personal information was erased
# (`unionplans.privacy.person_erase`): "~<id>", which no form accepts as a username.
ERASED_PREFIX = "~"


def display_name(user) -> str:
    """The person's full name, or their username when no name is recorded; a neutral
    name once their personal information is erased."""
    if user.get_username().startswith(ERASED_PREFIX):
        return str(_("Former member"))
    return user.get_full_name() or user.get_username()


def people_of(organization, *, keeping: Iterable = ()) -> QuerySet:
    """The accounts that may be named in `organization`'s plans, dossiers and rows: its
    active members (an inactive membership grants nothing, nor does a disabled account),
    by name.

    `keeping`: the ids of people a row already names, kept among the choices of its edit
    form even after they left, so that editing something else does not unname them.
    """
    from django.db.models import Q

    from .models import Membership

    active = Membership.objects.filter(organization=organization, is_active=True)
    chosen = Q(is_active=True, pk__in=active.values("user_id"))
    kept = [pk for pk in keeping if pk is not None]
    if kept:
        chosen |= Q(pk__in=kept)
    return (
        get_user_model()
        .objects.filter(chosen)
        .order_by("last_name", "first_name", "username")
    )


def members_check(organization, people: Iterable, *, field: str | None = None) -> None:
    """Refuse (ValidationError, on `field` if given) anyone of `people` who is not an
    active member of `organization`. `None` entries (nobody picked) are ignored."""
    people = [person for person in people if person is not None]
    if not people:
        return
    members = set(people_of(organization).filter(pk__in=[p.pk for p in people])
                  .values_list("pk", flat=True))
    strangers = [display_name(person) for person in people if person.pk not in members]
    if strangers:
        message = NOT_A_MEMBER % {"names": ", ".join(strangers),
                                  "organization": organization.short_name}
        error = ValidationError(message, code="not_a_member")
        raise ValidationError({field: error}) if field else error


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def names_person(text: str, user) -> bool:
    """Whether `text` is just a name of `user`: the first name as the seeds write QUI
    ("Denis"), the full name or the username, whatever the case and accents."""
    if not text.strip() or user is None:
        return False
    names = {user.first_name, user.get_full_name(), user.get_username()}
    return _folded(text) in {_folded(name) for name in names if name}


def who(user, text: str) -> str:
    """QUI on a page: the account's name where one is linked, with the free text beside
    it unless that text only names the same person; else the free text."""
    text = (text or "").strip()
    if user is None:
        return text
    name = display_name(user)
    return f"{name}, {text}" if text and not names_person(text, user) else name


def printed_who(user, text: str) -> str:
    """QUI in a printed document, which reads like the seed: the free text as written
    ("Denis") when it names the linked account, else as on a page."""
    text = (text or "").strip()
    if user is not None and names_person(text, user):
        return text
    return who(user, text)


def account_named(people: Iterable, text: str):
    """The one account of `people` that `text` names (see `names_person`), else None: the
    demo links the seeds' QUI to the demo accounts with it."""
    found = [person for person in people if names_person(text, person)]
    return found[0] if len(found) == 1 else None
