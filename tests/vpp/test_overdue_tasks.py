"""An overdue task of a dossier's VPP work plan is flagged as a plan's overdue steps are:
on the dossier page, in its report and on the dashboard; a done one is not."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.helpers import page, poppler
from vpp import services
from vpp.models import WorkPlanElement


def tasks(dossier):
    today = timezone.localdate()
    late = services.task_create(dossier=dossier, element=WorkPlanElement.choices[0][0],
                                description="Demander les contrats",
                                due_on=today - datetime.timedelta(days=3))
    services.task_create(dossier=dossier, element=WorkPlanElement.choices[0][0],
                         description="Tâche faite", done=True,
                         due_on=today - datetime.timedelta(days=3))
    services.task_create(dossier=dossier, element=WorkPlanElement.choices[0][0],
                         description="Tâche à venir", due_on=today + datetime.timedelta(days=3))
    return late


def test_the_dossier_page_flags_an_overdue_task_only(login, executif, cc, dossier):
    late = tasks(dossier)
    assert late.is_overdue() and late.overdue
    text = page(login(executif).get(reverse("vpp:dossier_detail", args=[cc.slug, dossier.pk])))
    assert text.count('class="badge text-bg-danger">en retard</span>') == 1
    row = text[text.index("Demander les contrats") - 400:text.index("Demander les contrats")]
    assert '<tr class="table-danger">' in row


def test_the_report_flags_it_too(login, executif, cc, dossier, tmp_path):
    tasks(dossier)
    response = login(executif).get(reverse("vpp:dossier_report_pdf", args=[cc.slug, dossier.pk]))
    text = " ".join(poppler("pdftotext", response.content, tmp_path).split())
    assert text.count("(en retard)") == 1


def test_the_dashboard_flags_it(login, executif, cc, dossier):
    tasks(dossier)
    text = page(login(executif).get(reverse("dashboard")))
    assert text.count("Demander les contrats") >= 1
    assert "Tâche faite" not in text
    item = text[:text.index("Demander les contrats")].rsplit("<li", 1)[1]
    assert "list-group-item-danger" in item
