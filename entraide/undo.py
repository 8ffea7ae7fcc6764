"""What of an entraide plan can be restored once deleted, and what its history page covers
(read by `unionplans.restore` and `unionplans.history` through the app registry)."""

from django.core.exceptions import ValidationError

from unionplans.permissions import ENTRAIDE
from unionplans.restore import Restorable

from .models import EntraidePlan, EntraideRow


def _open(plan: EntraidePlan) -> None:
    from .services import CLOSED_PLAN

    if plan.is_closed:
        raise ValidationError(CLOSED_PLAN, code="closed")


# Confidential: listed only to those who read the comité d'entraide's plans.
RESTORABLE = [
    Restorable(EntraideRow, "plan__organization", "plan", "plan", _open, ability=ENTRAIDE),
]

HISTORY = {EntraidePlan: [(EntraideRow, "plan")]}
