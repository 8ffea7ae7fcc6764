"""Deadline arithmetic: month ends, weekends, Quebec holidays and the change of time."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from unionplans.models import Organization
from vpp import services
from vpp.deadlines import DayKind, days_left, due_date, today
from vpp.models import DeadlineRule

CALENDAR, WORKING = DayKind.CALENDAR, DayKind.WORKING


@pytest.mark.parametrize(
    ("trigger", "days", "due"),
    [
        (date(2026, 1, 20), 30, date(2026, 2, 19)),  # across a month end
        (date(2024, 2, 15), 15, date(2024, 3, 1)),  # leap February
        (date(2025, 2, 15), 15, date(2025, 3, 2)),  # common February
        (date(2026, 12, 20), 15, date(2027, 1, 4)),  # across a year end
        (date(2026, 10, 20), 20, date(2026, 11, 9)),  # across the change of time
        (date(2026, 1, 31), 0, date(2026, 1, 31)),
    ],
)
def test_calendar_days(trigger, days, due):
    assert due_date(trigger, days, CALENDAR) == due


@pytest.mark.parametrize(
    ("trigger", "days", "due"),
    [
        (date(2026, 1, 30), 1, date(2026, 2, 2)),  # Friday + 1 = Monday
        (date(2026, 1, 31), 1, date(2026, 2, 2)),  # from a Saturday
        (date(2026, 1, 23), 10, date(2026, 2, 6)),  # two weekends, across the month end
        (date(2026, 6, 18), 5, date(2026, 6, 26)),  # Saint-Jean-Baptiste (Wed 24 June)
        (date(2026, 6, 30), 1, date(2026, 7, 2)),  # Canada Day (Wed 1 July)
        (date(2026, 12, 24), 1, date(2026, 12, 28)),  # Christmas then a weekend
        (date(2026, 4, 2), 1, date(2026, 4, 6)),  # Good Friday then a weekend
        (date(2026, 10, 30), 2, date(2026, 11, 3)),  # across the change of time
    ],
)
def test_working_days_skip_weekends_and_quebec_holidays(trigger, days, due):
    assert due_date(trigger, days, WORKING) == due


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        # Fall back on 1 November 2026 at 2:00 (EDT → EST)
        (datetime(2026, 11, 1, 3, 30, tzinfo=UTC), date(2026, 10, 31)),  # 23:30 EDT
        (datetime(2026, 11, 1, 5, 30, tzinfo=UTC), date(2026, 11, 1)),  # 1:30 EDT/EST
        (datetime(2026, 11, 2, 4, 30, tzinfo=UTC), date(2026, 11, 1)),  # 23:30 EST
        (datetime(2026, 11, 2, 5, 0, tzinfo=UTC), date(2026, 11, 2)),  # midnight EST
        # Spring forward on 8 March 2026
        (datetime(2026, 3, 9, 3, 59, tzinfo=UTC), date(2026, 3, 8)),  # 23:59 EDT
        (datetime(2026, 3, 9, 4, 0, tzinfo=UTC), date(2026, 3, 9)),  # midnight EDT
    ],
)
def test_today_is_montreal_s_date_not_utc_s(utc, local):
    assert today(utc) == local


def test_days_left_around_the_change_of_time_has_no_off_by_one():
    due = date(2026, 11, 2)
    # Late on 1 November in Montreal it is already 2 November in UTC: one day left, not 0.
    assert days_left(due, today(datetime(2026, 11, 2, 4, 30, tzinfo=UTC))) == 1
    assert days_left(due, today(datetime(2026, 11, 2, 5, 0, tzinfo=UTC))) == 0
    assert days_left(date(2026, 11, 10), date(2026, 10, 25)) == 16  # 25 hours in one day
    assert days_left(date(2026, 10, 30), date(2026, 11, 2)) == -3  # overdue


def test_a_deadline_takes_its_due_date_from_the_rule(dossier, rule, working_rule):
    deadline = services.deadline_set(dossier=dossier, rule=rule, trigger_date=date(2026, 1, 20))
    assert deadline.due_on == date(2026, 2, 19)
    assert deadline.days_left(date(2026, 2, 16)) == 3
    other = services.deadline_set(
        dossier=dossier, rule=working_rule, trigger_date=date(2026, 1, 23)
    )
    assert other.due_on == date(2026, 2, 6)


def test_changing_a_rule_moves_its_deadlines(dossier, rule):
    deadline = services.deadline_set(dossier=dossier, rule=rule, trigger_date=date(2026, 1, 20))
    rule.days, rule.day_kind = 10, WORKING
    services.deadline_rule_save(rule=rule)
    deadline.refresh_from_db()
    assert deadline.due_on == date(2026, 2, 3)


def test_a_rule_of_another_organization_is_refused(dossier, syndicat):
    foreign = DeadlineRule.objects.create(
        organization=syndicat, name="x", reference="art. 1", days=5, trigger="x"
    )
    with pytest.raises(ValidationError):
        services.deadline_set(dossier=dossier, rule=foreign, trigger_date=date(2026, 1, 1))
    assert not dossier.deadlines.exists()
    assert Organization.objects.count() == 2
