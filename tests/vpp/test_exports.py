"""The dossier list as Excel: the rows the list page shows, with its filters and order."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from vpp import services
from vpp.models import Dossier

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Titre", "Établissement", "Service visé", "Mode", "Étape", "Priorité",
           "Prochaine échéance", "Conseillère ou conseiller syndical attitré"]


@pytest.fixture
def dossiers(cc, dossier, rule):
    """`dossier` (intervention, assigned to Mario, with a deadline) and two others."""
    services.deadline_set(dossier=dossier, rule=rule, trigger_date=datetime.date(2026, 1, 5))
    for title, mode in [("Buanderie", Dossier.Mode.PREVENTION),
                        ("Cuisines", Dossier.Mode.INTERVENTION)]:
        services.dossier_create(organization=cc, by=None, title=title, establishment="CIUSSS",
                                service=title, mode=mode, domain=Dossier.Domain.INTERVENTION)
    return Dossier.objects.filter(organization=cc)


def sheet_of(response):
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def listed_titles(client, query: str) -> list[str]:
    response = client.get(reverse("vpp:dossier_list", args=["ccsne"]) + query)
    return [row.record.title for row in response.context["table"].rows]


def xlsx(client, query: str = ""):
    return client.get(reverse("vpp:dossier_xlsx", args=["ccsne"]) + query)


def test_it_serves_the_list_as_an_excel_attachment(login, executif, dossiers):
    response = xlsx(login(executif))
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="dossiers-vpp-ccsne.xlsx"'
    sheet = sheet_of(response)
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + dossiers.count()


def test_each_row_gives_the_list_s_columns_with_the_deadline_as_a_date(login, executif,
                                                                        dossiers):
    dossiers.filter(title="Reprographie").update(priority=Dossier.Priority.HIGH)
    sheet = sheet_of(xlsx(login(executif), "?q=Reprographie"))
    assert sheet.max_row == 2
    row = [cell.value for cell in sheet[2]]
    assert row[:6] == ["Reprographie", "CISSS des Laurentides", "Reprographie", "Intervention",
                       "Veille", "Haute"]
    assert sheet["G2"].is_date
    assert sheet["G2"].value.date() == dossiers.get(title="Reprographie").deadlines.get().due_on
    assert row[7] == "Mario Bélanger"


def titles_of(response) -> list[str]:
    return [row[0] for row in sheet_of(response).iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(("query", "expected"), [
    ("?mode=intervention", ["Cuisines", "Reprographie"]),
    ("?mode=prevention", ["Buanderie"]),
    ("?q=CIUSSS", ["Buanderie", "Cuisines"]),
])
def test_the_rows_are_the_filtered_list_s(login, executif, dossiers, query, expected):
    client = login(executif)
    titles = titles_of(xlsx(client, query))
    assert titles == listed_titles(client, query)
    assert sorted(titles) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("?sort=-title", ["Reprographie", "Cuisines", "Buanderie"]),
    ("?mode=intervention&sort=title", ["Cuisines", "Reprographie"]),
])
def test_the_rows_come_in_the_list_s_order(login, executif, dossiers, query, expected):
    client = login(executif)
    titles = titles_of(xlsx(client, query))
    assert titles == listed_titles(client, query) == expected


def test_a_membre_s_workbook_holds_only_the_dossiers_it_may_see(login, membre, dossiers):
    assert titles_of(xlsx(login(membre))) == ["Reprographie"]


def test_the_list_links_the_workbook_with_its_query_string(login, executif, dossiers):
    response = login(executif).get(reverse("vpp:dossier_list", args=["ccsne"]),
                                   {"mode": "intervention", "q": "Repro"})
    link = reverse("vpp:dossier_xlsx", args=["ccsne"]) + "?mode=intervention&amp;q=Repro"
    assert link in response.content.decode()
