"""The list of dossiers as Excel: the columns of the list page, one row per dossier."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.text import capfirst

from unionplans import office
from unionplans.people import display_name

from .models import Dossier
from .tables import DossierTable

# The list page's columns, in its order (vpp/tables.py).
COLUMNS = DossierTable.Meta.fields


def dossier_values(dossier: Dossier) -> list:
    """A row of the sheet: labels for choices, the next deadline as a date."""
    return [
        dossier.title,
        dossier.establishment,
        dossier.service,
        dossier.get_mode_display(),
        dossier.get_stage_display(),
        dossier.get_priority_display(),
        getattr(dossier, "next_due", None),  # from selectors.dossier_list
        display_name(dossier.conseiller) if dossier.conseiller else "",
    ]


def dossiers_xlsx(dossiers: Iterable[Dossier]) -> bytes:
    """`dossiers` as the list page shows them (filtered and sorted by the caller)."""
    with translation.override(office.LANGUAGE):
        columns = DossierTable([]).columns
        headers = [capfirst(columns[name].header) for name in COLUMNS]
        workbook = office.new_workbook()
        office.add_sheet(workbook, str(Dossier._meta.verbose_name_plural),
                         headers, [dossier_values(dossier) for dossier in dossiers])
        return office.workbook_bytes(workbook)
