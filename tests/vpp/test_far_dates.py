"""Trigger dates stay within LATEST_YEAR; a deadline stored with a far trigger date (before
that rule) never makes its rule unsaveable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helpers import admin_form_data
from vpp import services
from vpp.deadlines import DayKind, due_date
from vpp.models import Deadline


@pytest.mark.parametrize("kind", [DayKind.CALENDAR, DayKind.WORKING])
def test_a_due_date_past_the_calendar_is_the_last_day(kind):
    assert due_date(date(9999, 12, 20), 30, kind) == date.max


def test_a_trigger_date_past_the_latest_year_is_refused(dossier, rule):
    with pytest.raises(ValidationError) as refused:
        services.deadline_set(dossier=dossier, rule=rule, trigger_date=date(2101, 1, 1))
    assert refused.value.error_dict["trigger_date"][0].code == "too_far"
    assert not Deadline.objects.exists()


@pytest.fixture
def far_deadline(dossier, working_rule):
    deadline = services.deadline_set(dossier=dossier, rule=working_rule,
                                     trigger_date=date(2026, 1, 20))
    Deadline.objects.filter(pk=deadline.pk).update(trigger_date=date(9999, 12, 1))
    return deadline


def test_lengthening_a_rule_with_a_far_deadline_saves_it(working_rule, far_deadline):
    working_rule.days = 300
    services.deadline_rule_save(rule=working_rule)
    working_rule.refresh_from_db()
    far_deadline.refresh_from_db()
    assert working_rule.days == 300
    assert far_deadline.due_on == date.max


def test_the_admin_lengthens_a_rule_with_a_far_deadline(login, superuser, working_rule,
                                                        far_deadline):
    client = login(superuser)
    url = reverse("admin:vpp_deadlinerule_change", args=[working_rule.pk])
    response = client.post(url, admin_form_data(client.get(url), days="300"))
    assert response.status_code == 302
    working_rule.refresh_from_db()
    assert working_rule.days == 300
    assert client.get(url).status_code == 200
