"""Details people saw: no `---------` for an empty choice, names rather than logins in the
admin, PDFs whose tables line up and whose pages never end on a heading (the plan's own
check, with a carried-over plan, is in tests/plans/test_charts.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from plans import services
from plans.models import Action, FollowUp, WorkPlan
from tests.helpers import page, poppler
from tests.plans.helpers import make_plan
from unionplans.models import Membership
from vpp.models import Dossier


@pytest.mark.parametrize("name, args", [
    ("plans:list", []),
    ("vpp:dossier_create", []),
    ("vpp:dossier_list", []),
    ("vpp:le28_create", []),
])
def test_no_empty_choice_reads_dashes_on_the_pages(login, executif, cc, name, args):
    text = page(login(executif).get(reverse(name, args=[cc.slug, *args])))
    assert "---------" not in text
    assert "(aucun)" in text or "(tous)" in text or "(choisir)" in text


def test_the_action_form_offers_nobody_in_words(login, executif, cc):
    plan = make_plan(cc)
    action = Action.objects.get(orientation__plan=plan)
    text = page(login(executif).get(reverse("plans:row_update", args=[cc.slug, "action",
                                                                      action.pk])))
    assert re.search(r'<option value=""( selected)?>\(aucun\)</option>', text)
    assert "---------" not in text


@pytest.mark.parametrize("url", ["/admin/vpp/dossier/add/", "/admin/plans/action/add/"])
def test_no_empty_choice_reads_dashes_in_the_admin(login, superuser, executif, cc, url):
    make_plan(cc)
    text = page(login(superuser).get(url))
    assert "---------" not in text
    assert "(aucun)" in text or "(choisir)" in text


def test_the_admin_names_people_not_logins(login, superuser, executif, membre, cc):
    client = login(superuser)
    text = page(client.get("/admin/unionplans/membership/"))
    assert "Denis Gagnon" in text and "Josée Côté" in text
    assert ">executif<" not in text and ">membre<" not in text
    membership = Membership.objects.get(user=executif)
    text = page(client.get(f"/admin/unionplans/membership/{membership.pk}/change/"))
    assert "Denis Gagnon — CCSNE" in text


def test_the_admin_history_names_who_made_each_change(login, superuser, executif, cc):
    plan = make_plan(cc)
    action = Action.objects.get(orientation__plan=plan)
    follow_up = services.follow_up_create(action=action, author=executif, text="Fait")
    client = login(superuser)
    text = page(client.get("/admin/plans/followup/"))
    assert "Denis Gagnon" in text
    FollowUp.history.filter(id=follow_up.pk).update(history_user=executif)
    text = page(client.get(f"/admin/plans/followup/{follow_up.pk}/history/"))
    assert "Denis Gagnon" in text
    assert ">None<" not in text.replace(" ", "")


# The PDFs as printed: read back with poppler


def demo():
    call_command("loaddemo", allow_production=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return get_user_model().objects.get(username="executif")


def header_columns(pdf: bytes, tmp_path) -> tuple[dict[str, set[float]], int]:
    """Where each column of the bilan's tables starts: the x of « QUOI », « Raison » and
    « QUI » in every header row (the words on the line of a « Raison »)."""
    words = [(float(x), float(y), word) for x, y, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>',
        poppler("pdftotext", pdf, tmp_path, "-bbox"))]
    header_lines = {y for _x, y, word in words if word == "Raison"}
    columns = {"QUOI": set(), "Raison": set(), "QUI": set()}
    for x, y, word in words:
        if word in columns and y in header_lines:
            columns[word].add(round(x, 1))
    return columns, len(header_lines)


@pytest.mark.django_db
def test_the_bilans_tables_share_one_set_of_column_widths(client, tmp_path):
    client.force_login(demo())
    plan = WorkPlan.objects.get()
    pdf = client.get(reverse("plans:bilan_pdf", args=["ccsne", plan.pk])).content
    columns, tables = header_columns(pdf, tmp_path)
    assert tables >= 4  # one table per outcome, its header repeated on each page
    assert {word: len(xs) for word, xs in columns.items()} == {"QUOI": 1, "Raison": 1, "QUI": 1}


def page_ends(pdf: bytes, tmp_path) -> list[str]:
    """The last line of text of each page, above its footer."""
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf, tmp_path))[1])
    ends = []
    for number in range(1, pages + 1):
        text = poppler("pdftotext", pdf, tmp_path, "-layout", "-f", str(number), "-l",
                       str(number))
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        ends.append([line for line in lines if not line.startswith("Imprimé le")][-1])
    return ends


@pytest.mark.django_db
def test_no_page_of_the_bilan_nor_of_the_dossier_report_ends_on_a_heading(client, tmp_path):
    client.force_login(demo())
    plan, dossier = WorkPlan.objects.get(), Dossier.objects.get()
    documents = {
        reverse("plans:bilan_pdf", args=["ccsne", plan.pk]): [
            "Actions par résultat", "Progression par orientation", "Indicateurs", "Réalisée (",
            "Partiellement réalisée (", "Non réalisée (", "Reportée (", "No QUOI Raison QUI"],
        reverse("vpp:dossier_report_pdf", args=["ccsne", dossier.pk]): [
            "Sommaire", "Motifs de la décision", "Rôles, responsabilités", "Échéances",
            "Chronologie", "Plan de travail VPP", "Outils simplifiés", "Pré-diagnostic simplifié",
            "Prévention simplifiée", "Analyse financière", "Règle Compté à partir de"],
    }
    for url, headings in documents.items():
        ends = page_ends(client.get(url).content, tmp_path)
        assert len(ends) >= 2, url
        assert [end for end in ends if end.startswith(tuple(headings))] == [], url
