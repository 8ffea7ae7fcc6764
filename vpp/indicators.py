"""Indicators of the financial analysis (seed 000, "Analyse financière et indicateurs").

Pure functions on Decimal: contracting out is compared with keeping the work in-house.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Indicators:
    difference: Decimal  # contracted - in-house: > 0 means contracting out costs more
    percent: Decimal | None  # difference as % of the in-house cost; None if that is 0
    in_house_per_hour: Decimal | None
    contracted_per_hour: Decimal | None

    @property
    def contracting_costs_more(self) -> bool:
        return self.difference > 0

    @property
    def saving(self) -> bool:
        return self.difference < 0


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if not denominator:
        return None
    return (numerator / denominator).quantize(CENT, rounding=ROUND_HALF_UP)


def compute(*, in_house: Decimal, contracted: Decimal, hours: Decimal) -> Indicators:
    difference = (contracted - in_house).quantize(CENT, rounding=ROUND_HALF_UP)
    percent = _ratio(difference * 100, in_house)
    return Indicators(
        difference=difference,
        percent=percent,
        in_house_per_hour=_ratio(in_house, hours),
        contracted_per_hour=_ratio(contracted, hours),
    )
