"""The core's printed document (`unionplans.pdf.Document`): an organization's members."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import pdf
from .models import Membership, Organization


@pdf.document_kind("unionplans.member_list", Organization.objects.all)
def member_list(organization: Organization) -> pdf.Document:
    """Its memberships' rows, and the people's names (`pdf.people_version`)."""
    from .views import members_by_role

    found = pdf.fingerprint(Organization, organization.pk,
                            children=[(Membership, "organization")])
    return pdf.Document(
        kind="unionplans.member_list", obj=organization,
        template_name="unionplans/pdf/member_list.html",
        title=format_lazy("{} — {}", _("Members and roles"), organization.short_name),
        context=lambda: {"organization": organization,
                         "memberships": members_by_role(organization)},
        key=found.key, last_modified=found.newest, size=found.rows,
    )
