"""Charts drawn on the server as SVG: no script, so they show in the PDF as on the page.

Each chart is a list of rows of stacked segments, one per outcome present, in the order
of the outcomes; the templates (templates/plans/charts/) draw them and write the numbers
beside them, so that a screen reader and a grey printer read the same thing.
"""

from dataclasses import dataclass

from .models import Action
from .selectors import Progress

# One colour per outcome, readable in print (Bootstrap's, a shade darker where pale).
COLORS = {
    Action.Outcome.UPCOMING: "#6c757d",
    Action.Outcome.IN_PROGRESS: "#0a86a8",
    Action.Outcome.DONE: "#198754",
    Action.Outcome.PARTLY_DONE: "#d39e00",
    Action.Outcome.NOT_DONE: "#dc3545",
    Action.Outcome.POSTPONED: "#343a40",
}


@dataclass(frozen=True)
class Segment:
    outcome: str
    label: str
    count: int
    x: float  # in percent of the bar's width
    width: float
    color: str


def segments(progress: Progress) -> list[Segment]:
    """The stacked segments of `progress`, their offsets and widths in percent."""
    found, x = [], 0.0
    for part in progress.segments:
        width = 100 * part["count"] / progress.total
        found.append(Segment(part["outcome"], part["label"], part["count"], round(x, 3),
                             round(width, 3), COLORS[part["outcome"]]))
        x += width
    return found


@dataclass(frozen=True)
class Row:
    label: str
    progress: Progress
    segments: list[Segment]


def rows(labelled: list[tuple[str, Progress]]) -> list[Row]:
    """One bar a (label, progress), top to bottom; those without actions are left out."""
    return [Row(label, progress, segments(progress))
            for label, progress in labelled if progress.total]


def legend(progress: Progress) -> list[Segment]:
    """The outcomes present in `progress`, with their colours and counts."""
    return segments(progress) if progress.total else []


@dataclass(frozen=True)
class Bar:
    outcome: str
    label: str
    count: int
    width: float  # in percent of the longest bar's room
    color: str


def outcome_bars(groups) -> list[Bar]:
    """One bar an outcome of the bilan (every outcome, empty ones too), the longest full."""
    longest = max((len(group.actions) for group in groups), default=0) or 1
    return [Bar(group.outcome, group.label, len(group.actions),
                round(100 * len(group.actions) / longest, 3), COLORS[group.outcome])
            for group in groups]
