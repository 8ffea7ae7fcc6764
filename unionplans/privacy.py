"""Personal information, as Quebec's private-sector privacy act asks of an organization.

- `personal_data`: everything the app holds about a person, as one structured file they
  download themselves (the act's right of access and portability);
- `person_erase`: an exécutif removes a departed member's personal information; the
  account stays, nameless, so plans, follow-ups and histories keep their author under a
  neutral name (`unionplans.people.display_name`);
- `privacy_officer_set`: the person in charge of personal information of an organization;
- the register of confidentiality incidents is `models.ConfidentialityIncident` (admin).

The export reads every model of the project, their histories included, through the app
registry: any foreign key or many-to-many to the account is found, so a model added later
is exported without a change here (and this package imports no app).
"""

import datetime
import json

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions, sessions
from .models import Invitation, Membership, Organization, SentReminder
from .people import ERASED_PREFIX, display_name, members_check

PROJECT_APPS = ("unionplans", "plans", "vpp", "entraide")
# Never exported: secrets that would open something, even to their owner.
SECRET_FIELDS = ("password", "digest", "token")
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "date_joined",
                  "last_login", "is_active")


# The export


def personal_data(user) -> dict:
    """What the app holds about `user`: their account, then every row that names them,
    model by model (its history included), then their sign-in attempts."""
    account = {name: getattr(user, name) for name in ACCOUNT_FIELDS}
    return {
        "exported_at": timezone.now(),
        "account": account,
        "records": _records_naming(user),
        "sign_in_attempts": _sign_in_attempts(user.get_username()),
    }


def personal_data_json(user) -> str:
    return json.dumps(personal_data(user), cls=DjangoJSONEncoder, ensure_ascii=False,
                      indent=2)


def _records_naming(user) -> dict[str, list[dict]]:
    found = {}
    for model in _project_models():
        lookups = _user_lookups(model)
        if not lookups:
            continue
        condition = models.Q()
        for lookup in lookups:
            condition |= models.Q(**{lookup: user})
        rows = [_row(obj) for obj in model._default_manager.filter(condition).distinct()]
        if rows:
            found[model._meta.label] = rows
    return found


def _project_models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models()


def _user_lookups(model) -> list[str]:
    """The fields of `model` that point at an account."""
    user_model = get_user_model()
    return [field.name for field in model._meta.get_fields()
            if (field.many_to_one or field.many_to_many) and not field.auto_created
            and field.related_model is user_model]


def _row(obj) -> dict:
    row = {"id": obj.pk, "object": str(obj)}
    for field in obj._meta.concrete_fields:
        if any(secret in field.name for secret in SECRET_FIELDS):
            continue
        value = getattr(obj, field.attname)
        row[field.name] = value if not isinstance(value, datetime.timedelta) else str(value)
    return row


def _sign_in_attempts(username: str) -> list[dict]:
    attempts = []
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for values in model.objects.filter(username=username).values():
            attempts.append({"kind": model._meta.verbose_name, **values})
    return attempts


# Erasure

ERASE_ACTIVE = gettext_lazy(
    "%(name)s still belongs to %(organization)s: only a person who has left every "
    "organization can be erased.")


def erasable(membership: Membership) -> bool:
    """Whether the members page offers to erase this person (the service decides)."""
    user = membership.user
    return not membership.is_active and not user.get_username().startswith(ERASED_PREFIX)


def person_erase(*, membership: Membership, by) -> None:
    """Remove the personal information of a person who has left the organization.

    Their name, email address, username and password go; the account stays, disabled, so
    what they wrote keeps its author under a neutral name. Invitations sent to their
    address lose it (history included), their sign-in attempts and sessions go.
    """
    organization = membership.organization
    if not permissions.has_ability(by, organization, permissions.MANAGE_MEMBERS):
        raise ValidationError(_("Only the organization's exécutif can erase a member."),
                              code="not_allowed")
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=membership.user_id)
        _check_erasable(user, membership)
        old_username, old_email = user.get_username(), user.email
        user.username = f"{ERASED_PREFIX}{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        if old_email:
            for model in (Invitation, Invitation.history.model):
                model.objects.filter(email__iexact=old_email).update(email="")
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=old_username).delete()
        # The reminders' log: a mail server's error may quote the address.
        SentReminder.objects.filter(user=user).delete()
        sessions.sessions_end_all(user)
        current = Membership.objects.get(pk=membership.pk)
        current._history_user = by
        current._change_reason = _("Personal information erased")
        current.save(update_fields=["updated_at"])


def _check_erasable(user, membership: Membership) -> None:
    if membership.is_active:
        raise ValidationError(_("Deactivate the membership before erasing the person."),
                              code="active")
    if user.get_username().startswith(ERASED_PREFIX):
        raise ValidationError(_("This person's information is already erased."),
                              code="already_erased")
    if user.is_superuser or user.is_staff:
        raise ValidationError(_("An administrator account cannot be erased from here."),
                              code="administrator")
    elsewhere = user.memberships.filter(is_active=True).select_related("organization").first()
    if elsewhere is not None:
        raise ValidationError(ERASE_ACTIVE % {
            "name": display_name(user),
            "organization": elsewhere.organization.short_name,
        }, code="still_a_member")


# The person in charge of personal information


def privacy_officer_set(*, organization: Organization, person, by) -> Organization:
    """Name `person` (an active member) in charge of the organization's personal information."""
    if not permissions.has_ability(by, organization, permissions.MANAGE_MEMBERS):
        raise ValidationError(_("Only the organization's exécutif names this person."),
                              code="not_allowed")
    if person is not None:
        members_check(organization, [person], field="privacy_officer")
    with transaction.atomic():
        current = Organization.objects.select_for_update().get(pk=organization.pk)
        current.privacy_officer = person
        current._history_user = by
        current.save(update_fields=["privacy_officer", "updated_at"])
    organization.privacy_officer = person
    return organization
