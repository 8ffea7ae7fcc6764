"""The plan's PDF: a cold render against raw WeasyPrint on the same HTML, the cache and a 304
against a cold render (the version is one query, no HTML render), and what a request for
a big plan's PDF costs the web process: it queues the render for a worker (as with a
broker) and answers 202 at once, and asking again queues nothing more."""

import resource
import time

from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from plans.documents import plan_document
from plans.models import Action
from unionplans import celery_app, pdf
from unionplans.tasks import render_pdf

from .common import Hit, Row, hit, median_hit, ms, ratio, summary


def pdf_url(plan) -> str:
    return reverse("plans:pdf", kwargs={"slug": plan.organization.slug, "pk": plan.pk})


def plan_html(plan) -> str:
    """The HTML the plan's PDF is made from, as `unionplans.pdf` renders it."""
    document = plan_document(plan)
    with translation.override(pdf.PDF_LANGUAGE):
        return render_to_string(document.template_name, {
            **document.context(), "title": str(document.title),
            "printed_on": timezone.localdate()})


def raw_weasyprint(html: str) -> float:
    """CPU seconds of WeasyPrint alone on `html` (one layout, our static-files fetcher)."""
    pdf.html_to_pdf("<p></p>")  # WeasyPrint imported and its fonts read beforehand
    start = time.process_time()
    pdf.html_to_pdf(html)
    return time.process_time() - start


def is_pdf(h: Hit) -> bool:
    return h.response.status_code == 200 and h.response.get("Content-Type") == "application/pdf"


def pdf_rows(subjects) -> list[Row]:
    """Cold against raw WeasyPrint; cached and 304 against cold. The plan has more rows
    than PDF_BACKGROUND_ROWS (a request would queue it and answer 202): the threshold is
    raised to its size here, so that the cold request renders it (the big PDF's rows keep
    the real threshold)."""
    plan, client = subjects.pdf_plan, subjects.client("executif")
    url = pdf_url(plan)
    size = plan_document(plan).size
    with override_settings(PDF_BACKGROUND_ROWS=size):
        return _pdf_rows(plan, client, url, size)


def _pdf_rows(plan, client, url, size: int) -> list[Row]:
    cold = median_hit(client, url, before=cache.clear)
    raw = raw_weasyprint(plan_html(plan))
    actions = f"{Action.objects.filter(orientation__plan=plan).count()}-action plan"
    rows = [Row(f"cold PDF, {actions} ({size} rows; PDF_BACKGROUND_ROWS raised to {size} "
                "so that the request renders it)", summary(cold)),
            Row("  anchor: raw WeasyPrint, same HTML", ms(raw)),
            Row("  cold PDF / raw WeasyPrint", "", ratio(cold.cpu, raw), "≤ 1.2×")]
    if not is_pdf(cold):
        return [*rows, Row("  cached PDF and 304", "not measured: the cold request gave no PDF")]
    cached = median_hit(client, url)
    etag = cold.response.get("ETag", "")
    not_modified = median_hit(client, url, if_none_match=etag)
    return [*rows,
            Row("  cached PDF", summary(cached), f"{cold.cpu / max(cached.cpu, 1e-6):,.0f}× "
                "cheaper than cold", "≥ 200×, ≤ 3 queries"),
            Row("  304 (If-None-Match)", f"{ms(not_modified.cpu)}, {not_modified.queries} "
                f"queries (status {not_modified.response.status_code})",
                f"{cold.cpu / max(not_modified.cpu, 1e-6):,.0f}× cheaper than cold",
                "≥ 200×, ≤ 3 queries")]


def big_pdf_rows(subjects) -> list[Row]:
    """Two requests for the big plan's PDF, from an empty cache, as with a broker (the task
    is recorded, not sent): what the web process pays, and how many renders are queued."""
    cache.clear()
    queued = []
    eager = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=False)
    render_pdf.delay = lambda *args: queued.append(args)
    try:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        h = hit(subjects.client("executif"), pdf_url(subjects.big_plan))
        wall = time.perf_counter() - start
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        again = hit(subjects.client("executif"), pdf_url(subjects.big_plan))
    finally:
        celery_app.conf.update(task_always_eager=eager)
        del render_pdf.delay
    kind = h.response.get("Content-Type", "").split(";")[0]
    return [Row(f"PDF of a {subjects.big_actions}-action plan, in the web request",
                f"{ms(h.cpu)}, {wall:.1f} s wall, +{grown:,.0f} MiB peak RSS, status "
                f"{h.response.status_code} {kind}", "",
                "not rendered in the request (a worker does it)"),
            Row("  asked again while it is prepared",
                f"{ms(again.cpu)}, status {again.response.status_code}; renders queued: "
                f"{len(queued)}", "", "one render per version")]
