"""Indicators of the financial analysis, in Decimal."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from vpp import services
from vpp.indicators import compute


def test_contracting_out_that_costs_more():
    result = compute(in_house=D("412000.00"), contracted=D("468500.00"), hours=D("14560"))
    assert result.difference == D("56500.00")
    assert result.percent == D("13.71")
    assert result.in_house_per_hour == D("28.30")
    assert result.contracted_per_hour == D("32.18")
    assert result.contracting_costs_more and not result.saving


def test_contracting_out_that_saves():
    result = compute(in_house=D("100000"), contracted=D("90000"), hours=D("4000"))
    assert result.difference == D("-10000.00")
    assert result.percent == D("-10.00")
    assert result.saving and not result.contracting_costs_more


def test_nothing_to_divide_by():
    result = compute(in_house=D("0"), contracted=D("5000"), hours=D("0"))
    assert result.percent is None
    assert result.in_house_per_hour is None and result.contracted_per_hour is None


def test_rounding_is_half_up_to_the_cent():
    assert compute(in_house=D("3"), contracted=D("3"), hours=D("8")).in_house_per_hour == D(
        "0.38"
    )


def test_the_analysis_of_a_dossier_computes_its_indicators(dossier):
    analysis = services.financial_analysis_save(
        dossier=dossier, in_house_cost=D("412000"), contracted_cost=D("468500"), jobs=D("8"),
        hours=D("14560"),
    )
    analysis.refresh_from_db()
    assert analysis.indicators.difference == D("56500.00")


def test_negative_costs_are_refused(dossier):
    with pytest.raises(ValidationError) as error:
        services.financial_analysis_save(
            dossier=dossier, in_house_cost=D("-1"), contracted_cost=D("1"), jobs=D("1"),
            hours=D("1"),
        )
    assert "in_house_cost" in error.value.message_dict
