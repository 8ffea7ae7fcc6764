"""The people of an organization: who belongs with which role, the changes an exécutif
makes to them, and the bulk import of a member list from CSV.

The rules live here, whoever calls (the members page, the admin, the import):

- a membership is never deleted: a person who leaves is *deactivated* (an inactive
  membership grants nothing, `unionplans.permissions`), so their follow-ups and history
  stay; they can be reactivated;
- the last active exécutif of an organization can be neither demoted nor deactivated, by
  itself or by anyone: the organization's exécutif memberships are locked, then counted,
  so two exécutifs demoting each other at the same moment cannot both pass;
- the conseiller role is assigned by a superuser (ADMINISTER), as in the admin: an
  exécutif neither gives it nor takes it away;
- every change is recorded in the membership's history with who made it.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from . import accounts, permissions
from .importing import MAX_UPLOAD, normalized
from .models import Membership, Organization
from .people import display_name

Role = Membership.Role

LAST_EXECUTIVE = gettext_lazy(
    "An organization keeps at least one active executive: name another executive "
    "before this one leaves the role."
)


# Selector


def members_of(organization: Organization, *, include_inactive: bool = False
               ) -> list[Membership]:
    """The organization's memberships by name (last name, first name), in one query.

    Each carries `name` (`unionplans.people.display_name`) and `email`, besides its
    `role`, `on_entraide_committee` and `is_active`.
    """
    memberships = organization.memberships.select_related("user")
    if not include_inactive:
        memberships = memberships.filter(is_active=True)
    found = list(memberships)
    for membership in found:
        membership.name = display_name(membership.user)
        membership.email = membership.user.email
    return sorted(found, key=lambda m: (_sort_key(m.user.last_name or m.name),
                                        _sort_key(m.user.first_name), m.user.pk))


def _sort_key(text: str) -> str:
    """Côté sorts with Cote, between Cormier and Couture, as a French list reads."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


# Services


def membership_change(*, membership: Membership, by, role: str | None = None,
                      on_entraide_committee: bool | None = None) -> Membership:
    """Change a membership's role and/or its comité d'entraide flag (None: unchanged).

    Refused (ValidationError) for an inactive membership, for any change that gives the
    conseiller role or touches a conseiller's membership without ADMINISTER, and when it
    would demote the organization's last active exécutif.
    """
    with transaction.atomic():
        current = _locked(membership)
        if not current.is_active:
            raise ValidationError(
                _("This membership is inactive: reactivate it before changing it."),
                code="inactive")
        fields = {}
        if role is not None and role != current.role:
            if role not in Role.values:
                raise ValidationError(_("Unknown role."), code="unknown_role")
            check_keeps_an_executive(current, role, True)
            fields["role"] = role
        if on_entraide_committee is not None and (
                on_entraide_committee != current.on_entraide_committee):
            fields["on_entraide_committee"] = on_entraide_committee
        if fields:
            # Any change to a conseiller's membership (its flag too), or that makes one.
            check_adviser_assignment(by=by, old_role=current.role,
                                     new_role=fields.get("role", current.role))
            _save(current, by, fields)
    _refresh(membership, current)
    return membership


def membership_deactivate(*, membership: Membership, by) -> Membership:
    """The person leaves the organization: nothing of theirs is deleted, they lose access."""
    with transaction.atomic():
        current = _locked(membership)
        if not current.is_active:
            raise ValidationError(_("This membership is already inactive."),
                                  code="already_inactive")
        check_adviser_assignment(by=by, old_role=current.role, new_role=None)
        check_keeps_an_executive(current, current.role, False)
        _save(current, by, {"is_active": False, "deactivated_at": timezone.now()})
    _refresh(membership, current)
    return membership


def membership_reactivate(*, membership: Membership, by) -> Membership:
    """The person comes back, with the role and flag they had."""
    with transaction.atomic():
        current = _locked(membership)
        if current.is_active:
            raise ValidationError(_("This membership is already active."),
                                  code="already_active")
        check_adviser_assignment(by=by, old_role=None, new_role=current.role)
        _save(current, by, {"is_active": True, "deactivated_at": None})
    _refresh(membership, current)
    return membership


def _locked(membership: Membership) -> Membership:
    """The membership as stored, with the organization's active exécutif memberships
    locked first (always in the same order, so two changes queue instead of deadlocking):
    what is counted next cannot change before the transaction ends."""
    _lock_executives(membership.organization_id)
    return (Membership.objects.select_for_update().select_related("organization", "user")
            .get(pk=membership.pk))


def _lock_executives(organization_id: int) -> None:
    list(Membership.objects.select_for_update()
         .filter(organization_id=organization_id, role=Role.EXECUTIVE, is_active=True)
         .order_by("pk").values_list("pk", flat=True))


def check_keeps_an_executive(membership: Membership, new_role: str, new_active: bool, *,
                             new_organization_id: int | None = None) -> None:
    """Refuses (ValidationError "last_executive") a change that would leave the
    membership's organization without an active exécutif: the membership, as stored, is
    an active exécutif, would no longer be one there (`new_role`, `new_active`, and
    `new_organization_id` when it moves), and no other active exécutif remains.

    Call it inside the transaction that saves: the organization's active exécutif
    memberships are locked first (always in the same order), so what is counted cannot
    change before the change is saved. The services and the admin's forms call it.
    """
    if membership.pk is None:
        return
    _lock_executives(membership.organization_id)
    stored = (Membership.objects.select_for_update().filter(pk=membership.pk)
              .values_list("organization_id", "role", "is_active").first())
    if stored is None:
        return
    organization_id, role, active = stored
    if not (active and role == Role.EXECUTIVE):
        return
    moves = new_organization_id is not None and new_organization_id != organization_id
    if new_active and new_role == Role.EXECUTIVE and not moves:
        return
    others = Membership.objects.filter(
        organization_id=organization_id, role=Role.EXECUTIVE, is_active=True,
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(LAST_EXECUTIVE, code="last_executive")


def check_adviser_assignment(*, by, old_role: str | None, new_role: str | None) -> None:
    """Refuses (ValidationError "adviser_assignment") any change that gives, takes away or
    touches the conseiller role (`old_role` or `new_role`) unless `by` is a superuser
    (ADMINISTER): the members page, the import and the invitations all call this."""
    if Role.ADVISER in (old_role, new_role) and not permissions.is_superuser(by):
        raise ValidationError(_("Union advisers are assigned by an administrator."),
                              code="adviser_assignment")


def _adviser_assignable(by, role: str) -> bool:
    try:
        check_adviser_assignment(by=by, old_role=None, new_role=role)
    except ValidationError:
        return False
    return True


def _save(current: Membership, by, fields: dict) -> None:
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean(validate_unique=False, validate_constraints=False)
    current._history_user = by  # the historical record names who made the change
    current.save(update_fields=[*fields, "updated_at"])


def _refresh(membership: Membership, current: Membership) -> None:
    for name in ("role", "on_entraide_committee", "is_active", "deactivated_at",
                 "updated_at"):
        setattr(membership, name, getattr(current, name))


# Bulk import from CSV: read the file, then classify its rows against the database.

MAX_IMPORT_ROWS = 5_000

# Header words, normalized (`unionplans.importing.normalized`): « Adresse courriel » →
# "adresse courriel".
EMAIL_HEADERS = {"courriel", "adresse courriel", "courriel electronique", "email",
                 "e mail", "adresse electronique", "mail", "email address",
                 "adresse de courriel"}
FIRST_NAME_HEADERS = {"prenom", "first name", "firstname", "given name"}
LAST_NAME_HEADERS = {"nom de famille", "last name", "lastname", "surname", "family name"}
NAME_HEADERS = {"nom", "name", "nom complet", "full name", "prenom et nom", "nom et prenom",
                "personne", "membre"}
ROLE_HEADERS = {"role", "fonction"}
COMMITTEE_HEADERS = {"comite d entraide", "comite entraide", "entraide",
                     "peer support committee", "committee", "comite"}

ROLES = {
    Role.EXECUTIVE: {"executif", "executive", "exec", "membre de l executif",
                     "membre du comite executif", "comite executif"},
    Role.ADVISER: {"conseiller", "conseillere", "conseiller ere", "conseillere ou conseiller",
                   "conseiller ou conseillere", "conseiller syndical", "conseillere syndicale",
                   "adviser", "advisor", "union adviser", "union advisor"},
    Role.MEMBER: {"membre", "member"},
}
ROLE_BY_WORDS = {words: role for role, names in ROLES.items() for words in names}
YES = {"oui", "o", "x", "yes", "y", "1", "vrai", "true"}
NO = {"", "non", "n", "no", "0", "faux", "false"}

NOT_CSV = gettext_lazy(
    "This file is not a CSV file. In Excel, choose File → Save as → « CSV UTF-8 » (or "
    "« CSV (séparateur : point-virgule) »), then try again."
)
NO_EMAIL_COLUMN = gettext_lazy(
    "No email column was found. The first row must name the columns, e.g. « Nom », "
    "« Prénom », « Courriel », « Rôle »."
)
TOO_WIDE = gettext_lazy(
    "The first rows of this file have more than %(max)d columns: this is not a member "
    "list. Save it as « CSV UTF-8 » with one column each for « Nom », « Courriel » and "
    "« Rôle »."
)
EMPTY = gettext_lazy("This file holds no member: only its header row.")
WRONG_ENCODING = gettext_lazy(
    "This file's characters could not be read: save it as « CSV UTF-8 » and try again."
)


def read_member_file(upload) -> dict:
    """The rows of an uploaded CSV as a preview `{"rows": [...]}`, or a ValidationError.

    UTF-8 with or without BOM, else Windows-1252 (Excel's CSV in Quebec); `,`, `;` or tab
    separated (the one the first line holds most of, then each separator until the header
    names an email column).
    Each row says what the file alone shows wrong with it: a missing or bad email, an
    unknown role or committee value, an email already on a line above.
    """
    if upload.size > MAX_UPLOAD:
        raise ValidationError(_("This file is too large: %(max)d MB at most."),
                              code="too_large", params={"max": MAX_UPLOAD // (1024 * 1024)})
    text = _decode(upload.read())
    records, columns = _table(text)
    rows, seen = [], {}
    for line, record in records:
        row = _row(line, record, columns)
        if row is None:
            continue
        if not row["error"]:
            if row["email"] in seen:
                row["error"] = _("Same email as line %(line)d.") % {"line": seen[row["email"]]}
            else:
                seen[row["email"]] = line
        rows.append(row)
    if not rows:
        raise ValidationError(EMPTY, code="empty")
    return {"rows": rows}


def _decode(content: bytes) -> str:
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")):
        raise ValidationError(NOT_CSV, code="not_csv")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in content:
        raise ValidationError(WRONG_ENCODING, code="wrong_encoding")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(WRONG_ENCODING, code="wrong_encoding") from None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise ValidationError(NOT_CSV, code="not_csv")
    return text


FIRST_LINE_SAMPLE = 4 * 1024  # the separator is chosen from the first line, at most this
HEADER_SAMPLE = 64 * 1024  # the header is looked for in the first 10 records of this
MAX_HEADER_CELLS = 50  # a record wider than this is not a header


def _table(text: str) -> tuple[list[tuple[int, list[str]]], dict[str, int]]:
    """The data rows (with their line numbers) and the columns {meaning: index}.

    The separator is the one among `,` `;` and tab the first line holds most of (counted
    on its first 4 KB: no csv.Sniffer, whose guesses can take seconds on a crafted file);
    the header is looked for among the first records of a bounded sample, each separator
    in turn, skipping records wider than MAX_HEADER_CELLS cells.
    """
    first_line = text[:FIRST_LINE_SAMPLE].splitlines()[0] if text else ""
    counted = {delimiter: first_line.count(delimiter) for delimiter in ",;\t"}
    sniffed = max(counted, key=counted.get) if any(counted.values()) else ","
    sample = text[:HEADER_SAMPLE]
    too_wide = False
    for delimiter in dict.fromkeys([sniffed, ";", ",", "\t"]):
        skip = 0  # the non-empty records up to the header, as _records counts them
        for record in _header_candidates(sample, delimiter):
            skip += any(cell.strip() for cell in record)
            if len(record) > MAX_HEADER_CELLS:
                too_wide = True
                continue
            columns = _columns(record)
            if "email" in columns:
                return _records(text, delimiter, skip=skip), columns
    if too_wide:
        raise ValidationError(TOO_WIDE, code="too_wide",
                              params={"max": MAX_HEADER_CELLS})
    raise ValidationError(NO_EMAIL_COLUMN, code="no_email_column")


def _header_candidates(sample: str, delimiter: str, limit: int = 10) -> list[list[str]]:
    """The first `limit` non-empty records of `sample` (a cut record at its end may be
    read short or not at all: a header is a file's first lines)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    found = []
    try:
        for record in reader:
            if len(record) > MAX_HEADER_CELLS or any(cell.strip() for cell in record):
                found.append(record)
                if len(found) >= limit:
                    break
    except csv.Error:
        pass
    return found


def _records(text: str, delimiter: str, *, limit: int | None = None, skip: int = 0
             ) -> list[tuple[int, list[str]]]:
    """Non-empty records with their starting line, up to MAX_IMPORT_ROWS data rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = []
    try:
        line = reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                found.append((line, record))
                if limit is not None and len(found) >= limit:
                    break
                if len(found) > MAX_IMPORT_ROWS + skip:
                    raise ValidationError(
                        _("This file has more than %(max)d rows: split it into files of "
                          "%(max)d people at most."),
                        code="too_many_rows", params={"max": MAX_IMPORT_ROWS})
            line = reader.line_num + 1
    except csv.Error:
        raise ValidationError(NOT_CSV, code="not_csv") from None
    return found[skip:]


def _columns(header: list[str]) -> dict[str, int]:
    names = [normalized(cell) for cell in header]
    columns = {}
    for meaning, words in (("email", EMAIL_HEADERS), ("first_name", FIRST_NAME_HEADERS),
                           ("last_name", LAST_NAME_HEADERS), ("role", ROLE_HEADERS),
                           ("committee", COMMITTEE_HEADERS)):
        for index, name in enumerate(names):
            if name in words and meaning not in columns:
                columns[meaning] = index
    for index, name in enumerate(names):
        if name in NAME_HEADERS and index not in columns.values():
            # « Nom » beside « Prénom » is the last name; alone, the full name.
            meaning = "last_name" if "first_name" in columns else "name"
            columns.setdefault(meaning, index)
    return columns


def _row(line: int, record: list[str], columns: dict[str, int]) -> dict | None:
    def cell(meaning: str) -> str:
        index = columns.get(meaning)
        return " ".join(record[index].split()) if index is not None and index < len(
            record) else ""

    first_name, last_name = cell("first_name"), cell("last_name")
    if "name" in columns:
        first_name, _space, last_name = cell("name").partition(" ")
    email, role_text, committee_text = cell("email").lower(), cell("role"), cell("committee")
    row = {"line": line, "first_name": first_name[:150], "last_name": last_name[:150],
           "email": email, "role_text": role_text, "role": Role.MEMBER,
           "committee": False, "error": ""}
    if not (email or first_name or last_name):
        return None
    errors = []
    if not email:
        errors.append(_("No email."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("« %(email)s » is not an email address.") % {"email": email})
    if role_text:
        role = ROLE_BY_WORDS.get(normalized(role_text))
        if role is None:
            errors.append(_("Unknown role « %(role)s »: exécutif, conseiller or membre.")
                          % {"role": role_text})
        else:
            row["role"] = role
    committee = normalized(committee_text)
    if committee in YES:
        row["committee"] = True
    elif committee not in NO:
        errors.append(_("« %(value)s » for the peer support committee: write oui or non.")
                      % {"value": committee_text})
    row["error"] = " ".join(errors)
    return row


@dataclass
class ImportPlan:
    """What confirming a preview would do, row by row (each row's `status`)."""

    rows: list[dict]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return self.counts["error"] > 0


STATUSES = ("new_account", "member", "former_member", "skipped", "error")

ACCOUNT_EXISTS = gettext_lazy(
    "An account already uses this address: it is not added by the import. Send this "
    "person an invitation from the members page."
)


def members_import_plan(*, organization: Organization, rows: list[dict], by) -> ImportPlan:
    """Each row of a preview with its `status` and a `note`, in a fixed number of queries:

    - new_account: an account and a membership will be created;
    - member / former_member: already a member (active or not): unchanged;
    - skipped: an account already uses this email (whatever its case) and is not a
      member here: the import does not add it (a person joins with their consent, through
      an invitation), and says nothing of the account;
    - error: what is wrong, from the file or the database.
    """
    emails = {row["email"] for row in rows if not row["error"]}
    # One account per address at most (the unique LOWER(email) index).
    users = {user.email_lower: user for user in get_user_model().objects.annotate(
        email_lower=Lower("email")).filter(email_lower__in=emails).only("pk")}
    memberships = {m.user_id: m for m in Membership.objects.filter(
        organization=organization, user__in=list(users.values()))}
    planned = []
    for source in rows:
        row = {**source, "status": "error", "note": source["error"],
               "role_label": Role(source["role"]).label}
        found = users.get(row["email"])
        membership = memberships.get(found.pk) if found is not None else None
        if row["error"]:
            pass
        elif membership is not None:
            row["status"] = "member" if membership.is_active else "former_member"
            row["note"] = (
                _("Already a member (%(role)s): unchanged.") if membership.is_active
                else _("A former member (%(role)s): unchanged; reactivate them on the "
                       "members page.")
            ) % {"role": membership.get_role_display()}
        elif not _adviser_assignable(by, row["role"]):
            row["note"] = str(_("Union advisers are assigned by an administrator."))
        elif found is not None:
            row["status"], row["note"] = "skipped", str(ACCOUNT_EXISTS)
        else:
            row["status"], row["note"] = "new_account", _("New account and membership.")
        planned.append(row)
    counts = {status: 0 for status in STATUSES}
    for row in planned:
        counts[row["status"]] += 1
    return ImportPlan(planned, counts)


def members_import(*, organization: Organization, rows: list[dict], by) -> dict[str, int]:
    """Create the accounts and memberships of a preview, all or nothing, in bulk.

    The rows are classified again (someone may have joined since the preview) with the
    organization locked, so two imports of one organization queue; any wrong row refuses
    the whole import. New accounts have an unusable password (the person sets one through
    « Mot de passe oublié » or an invitation), a username derived from the email, unique,
    and the email in lower case. Returns the plan's counts.
    """
    try:
        return _members_import(organization, rows, by)
    except IntegrityError:  # an account or a membership made meanwhile, elsewhere
        raise ValidationError(
            _("Someone added some of these people meanwhile: upload the file again to see "
              "the import as it now stands."), code="import_conflict") from None


def _members_import(organization: Organization, rows: list[dict], by) -> dict[str, int]:
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        plan = members_import_plan(organization=organization, rows=rows, by=by)
        if plan.refused:
            raise ValidationError(
                [f"{_('Line %(line)d') % {'line': row['line']}} : {row['note']}"
                 for row in plan.rows if row["status"] == "error"],
                code="import_refused")
        new = [row for row in plan.rows if row["status"] == "new_account"]
        User = get_user_model()
        usernames = accounts.unique_usernames([row["email"] for row in new])
        created = User.objects.bulk_create([
            User(username=username, email=row["email"], first_name=row["first_name"],
                 last_name=row["last_name"], password=make_password(None))
            for row, username in zip(new, usernames, strict=True)
        ])
        user_ids = {row["email"]: account.pk for row, account in zip(new, created,
                                                                      strict=True)}
        memberships = [
            Membership(organization=organization, user_id=user_ids[row["email"]],
                       role=row["role"], on_entraide_committee=row["committee"])
            for row in new
        ]
        bulk_create_with_history(memberships, Membership, default_user=by)
    return plan.counts
