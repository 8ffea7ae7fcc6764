"""Rows kept in an order of their own (`position`), moved one place at a time.

Plans and entraide plans order rows this way; numbers shown to people ("1.2") are
derived from the order, so they follow a move.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

UP, DOWN = "up", "down"


def move_in(
    siblings: QuerySet,
    row: Model,
    direction: str,
    *,
    start: int = 0,
    before_swap: Callable[[Model, Model], None] | None = None,
) -> None:
    """Swap `row` with its neighbour in `siblings` (its list, row included), refusing at
    either end; positions become start, start + 1… again.

    `before_swap(upper, lower)` may adjust the pair first (entraide keeps a merged
    objective on the first row of its group). Call inside a transaction: the list is
    locked so that two moves at once cannot give two rows the same place.
    """
    if direction not in (UP, DOWN):
        raise ValidationError(_("A row moves up or down."), code="direction")
    rows = list(siblings.select_for_update().order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(rows) if sibling.pk == row.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(rows):
        raise ValidationError(
            _("This row is already first.") if direction == UP else _("This row is already last."),
            code="edge",
        )
    upper, lower = sorted((index, other))
    if before_swap is not None:
        before_swap(rows[upper], rows[lower])
    rows[upper], rows[lower] = rows[lower], rows[upper]
    renumber(rows, start=start)


def renumber(rows: list[Model], *, start: int = 0) -> None:
    """Positions start, start + 1… in the order of `rows`.

    Only the position is written (not `updated_at`): an edit form open on a row that
    merely moved stays valid.
    """
    for position, row in enumerate(rows, start=start):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
