"""PDF rendering: the only module that calls WeasyPrint.

- Templates are rendered in French whatever the request's language.
- WeasyPrint may load our own static files (print CSS, fonts) and nothing else: no
  network, no `file://`, no `data:`, nothing outside the static folders. User text is
  escaped by the templates; the fetcher is the second wall should markup ever slip in.
- WeasyPrint is imported where a PDF is laid out, never at import time: loading the
  URLconf (every `manage.py` command, every gunicorn worker) does not pay for it.
- A document's version is cheap (`Document.key`: the newest change and the counts of the
  rows it shows, from one query, with the code's own version and the print date): it
  gives the ETag and the cache key, so an unchanged document is answered 304 or served
  from the cache without rendering anything.
- A large document (more rows than PDF_BACKGROUND_ROWS) is never rendered in the web
  request when a broker is configured: a Celery worker renders it, the page says it is
  being prepared (202) and reloads itself until it is ready. A cache lock (`add`) makes
  sure one version is never rendered twice at the same time, by web or worker.
"""

import hashlib
import importlib.metadata as importlib_metadata
import logging
import mimetypes
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache as once_per_process
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Max,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.dateparse import parse_datetime
from django.utils.http import content_disposition_header, http_date
from django.utils.module_loading import autodiscover_modules
from django.utils.text import slugify

logger = logging.getLogger(__name__)

PDF_LANGUAGE = "fr-ca"
# Relative URLs in PDF templates resolve against this origin, which never leaves the
# process: `.invalid` cannot resolve (RFC 2606) and the fetcher answers it from disk.
BASE_URL = "https://unionplans.invalid/"


class RefusedURL(ValueError):
    pass


def static_file_for(url: str) -> Path:
    """The static file that `url` names, or RefusedURL for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        raise RefusedURL(url)
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        raise RefusedURL(url)
    name = path.removeprefix(settings.STATIC_URL)
    relative = PurePosixPath(name)
    unsafe = relative.is_absolute() or ".." in relative.parts or {"\\", "\x00"} & set(name)
    if not name or unsafe:
        raise RefusedURL(url)
    found = finders.find(name)
    if not found and staticfiles_storage.exists(name):
        # Collected (hashed) names, as `{% static %}` gives them in production.
        found = staticfiles_storage.path(name)
    if not found:
        raise RefusedURL(url)
    return Path(found)


@once_per_process
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file_for(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesOnlyFetcher


def _html(html: str):
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()())


def html_to_pdf(html: str) -> bytes:
    from weasyprint.text.fonts import FontConfiguration

    return _html(html).write_pdf(font_config=FontConfiguration())


def _layout(html: str):
    """The laid-out document; it keeps its FontConfiguration (`Document.font_config`)
    alive until it is written, so the fonts go to `render`, not to `write_pdf`."""
    from weasyprint.text.fonts import FontConfiguration

    return _html(html).render(font_config=FontConfiguration())


def page_breaks(document) -> dict[str, list[dict[str, int]]]:
    """Where pages cut the rows of a table, from the items marked `data-part="row:column:n"`:
    for each row laid out on several pages, for each page after its first, the first item
    of each column found on that page (a column absent there has no item left)."""
    found = defaultdict(dict)  # row → page → column → first item
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            part = element.get("data-part") if element is not None else None
            if not part:
                continue
            row, column, index = part.rsplit(":", 2)
            columns = found[row].setdefault(number, {})
            columns[column] = min(columns.get(column, int(index)), int(index))
    return {row: [pages[n] for n in sorted(pages)[1:]]
            for row, pages in found.items() if len(pages) > 1}


def split_rows_to_pdf(template_name: str, context: dict, passes: int = 4) -> bytes:
    """A template whose rows continue on the next page with their number and « (suite) »,
    so that no page opens with another row's orphan lines: laid out once, then again with
    each row cut where the pages cut it (`breaks` in the context: the template starts a
    continuation row there, on a new page), until the cuts stay the same."""
    breaks: dict = {}
    for _pass in range(passes):
        with translation.override(PDF_LANGUAGE):
            html = render_to_string(template_name, {**context, "breaks": breaks})
        document = _layout(html)
        found = page_breaks(document)
        merged = {row: sorted({tuple(sorted(cut.items())) for cut in
                               [*breaks.get(row, []), *found.get(row, [])]})
                  for row in {*breaks, *found}}
        merged = {row: [dict(cut) for cut in cuts] for row, cuts in merged.items()}
        if merged == breaks:
            break
        breaks = merged
    return document.write_pdf()


# What a document is, and its version without rendering it


@dataclass(frozen=True)
class Document:
    """A printable document: what it is of (`kind`, `obj` and `options`, so that a worker
    can build it again from `obj.pk`), how it reads (`template_name`, `title`, `context`:
    called only to render) and its cheap version (`key`, `last_modified` and `size`, the
    rows it prints, usually from one `fingerprint`)."""

    kind: str
    obj: Model
    template_name: str
    title: object
    context: Callable[[], dict]
    key: tuple
    last_modified: datetime
    size: int = 0
    options: dict = field(default_factory=dict)
    split_rows: bool = False


_KINDS: dict[str, tuple[Callable[[], QuerySet], Callable[..., Document]]] = {}


def document_kind(kind: str, objects: Callable[[], QuerySet]) -> Callable:
    """Register a function `(obj, **options) -> Document` (in an app's `documents.py`)
    under `kind`, with the queryset its objects come from, so that a worker given the
    kind and the object's pk builds the same document."""

    def register(builder: Callable[..., Document]) -> Callable[..., Document]:
        _KINDS[kind] = (objects, builder)
        return builder

    return register


def rebuild(kind: str, pk: int, options: dict) -> Document | None:
    """The document a worker was asked for, as its objects are now; None if it is gone."""
    if kind not in _KINDS:
        autodiscover_modules("documents")  # as the admin finds admin.py
    objects, builder = _KINDS[kind]
    obj = objects().filter(pk=pk).first()
    return None if obj is None else builder(obj, **options)


@dataclass(frozen=True)
class Fingerprint:
    """What `fingerprint` found: `key` for the version, `newest` change, `rows` counted."""

    key: tuple
    newest: datetime
    rows: int


def _aggregates(model: type[Model]):
    """Per table: how many rows and which (a deletion, or one row replaced by another,
    moves the count or the sum of ids), the newest change (an edit moves `updated_at`),
    and the order (a move writes `position` only): the sums of id × position and of
    id × position², which a swap of two rows changes, and which together tell apart the
    orders a few moves make (the first alone gives 1-3-2 and 2-1-3 of three consecutive
    ids the same sum). Not a proof for every permutation, so a page or PDF shown in a wrong
    order stays possible in principle; a true order would need an ordered aggregate, which
    SQLite and PostgreSQL spell differently."""
    names = {f.name for f in model._meta.concrete_fields}
    yield "n", Count("pk")
    yield "ids", Sum("pk")
    if "updated_at" in names:
        yield "new", Max("updated_at")
    if "position" in names:
        yield "order", Sum(F("pk") * F("position"), output_field=BigIntegerField())
        yield "order2", Sum(F("pk") * F("position") * F("position"),
                            output_field=BigIntegerField())


def fingerprint(model: type[Model], pk: int, *, fields: Iterable[str] = ("updated_at",),
                children: Iterable[tuple[type[Model], str]] = ()) -> Fingerprint:
    """A document's version from one query: `fields` of the object at `pk` (e.g. its
    `updated_at`, its organization's) and, for each `(model, path)` of `children` (`path`
    from that model to the object, as in a filter), its rows' `_aggregates`.

    It holds as long as every write of what a document shows moves one of them, which
    `model_update` and `save()` do (`updated_at` is `auto_now`) and `ordering` does
    (`position`); a bare `QuerySet.update()` of a shown field would not."""
    sql, dates = _fingerprint_sql(model, tuple(fields), tuple(children), connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        values = list(cursor.fetchone() or ())
    for index in dates:  # SQLite gives text or naive UTC: as the ORM would, aware UTC
        value = values[index] if index < len(values) else None
        if isinstance(value, str):
            value = parse_datetime(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            values[index] = value.replace(tzinfo=UTC)
    found = [values[index] for index in dates if index < len(values) and values[index]]
    rows = sum(value or 0 for value, counted in zip(values, _counted(model, fields, children),
                                                  strict=False) if counted)
    return Fingerprint(key=tuple(values), newest=max(found, default=timezone.now()), rows=rows)


def _counted(model, fields, children) -> list[bool]:
    """Which of the fingerprint's columns count rows."""
    return [False] * len(tuple(fields)) + [
        name == "n" for child, _path in children for name, _aggregate in _aggregates(child)]


@once_per_process
def _fingerprint_sql(model, fields: tuple, children: tuple, vendor: str) -> tuple[str, list]:
    """The fingerprint's SQL, with the object's pk as its one parameter, compiled once per
    process (compiling some forty subqueries costs more than running them), and which of
    its columns are dates."""
    annotations = {}
    for index, (child, path) in enumerate(children):
        rows = child._base_manager.filter(**{path: OuterRef("pk")}).order_by().values(path)
        for name, aggregate in _aggregates(child):
            annotations[f"c{index}_{name}"] = Subquery(rows.annotate(v=aggregate).values("v"))
    sentinel = 2_147_483_647_001  # stands for the pk while compiling
    query = (model._base_manager.filter(pk=sentinel).annotate(**annotations)
             .values_list(*fields, *annotations).query)
    sql, params = query.sql_with_params()
    if list(params) != [sentinel]:
        raise ValueError(f"A fingerprint's only parameter is the pk, not {params}")
    names = [*fields, *annotations]
    dates = [i for i, name in enumerate(names) if name.endswith(("updated_at", "_new"))]
    return sql, dates


@once_per_process
def code_version() -> str:
    """The version of what turns data into a document, read once per process: our
    templates, print CSS, French catalogue and code, and WeasyPrint's version. A deploy
    that changes any of them changes every document's version."""
    digest = hashlib.sha256(importlib_metadata.version("weasyprint").encode())
    base = Path(settings.BASE_DIR)
    roots = [Path(d) for template in settings.TEMPLATES for d in template.get("DIRS", [])]
    roots += [Path(d) for d in [*settings.STATICFILES_DIRS, *settings.LOCALE_PATHS]]
    roots += [Path(config.path) for config in apps.get_app_configs()
              if Path(config.path).is_relative_to(base)
              and not Path(config.path).relative_to(base).parts[0].startswith(".")]
    for root in sorted(set(roots)):
        for path in sorted(root.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


SOURCE_SUFFIXES = {".py", ".html", ".css", ".mo", ".txt"}
PEOPLE_KEY = "pdf:people"


def people_version() -> str:
    """Names of people are printed from their accounts, which keep no `updated_at`: a
    change of any account's name bumps this (`person_changed`), and every version."""
    return cache.get_or_set(PEOPLE_KEY, uuid.uuid4().hex, None)


def person_changed(sender, update_fields=None, **kwargs) -> None:
    """Receiver of the account model's post_save and post_delete (connected in
    `apps.py`): not a rule, the cache's invalidation; a login (`last_login`) is not a
    change of what documents print."""
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return
    cache.set(PEOPLE_KEY, uuid.uuid4().hex, None)


def version_of(document: Document) -> str:
    """The document's version: no HTML is rendered, no row is read but the fingerprint."""
    with translation.override(PDF_LANGUAGE):
        title = str(document.title)
    parts = [code_version(), document.kind, document.template_name, document.obj._meta.label,
             document.obj.pk, sorted(document.options.items()), title,
             timezone.localdate().isoformat(), people_version(), document.key]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# Rendering: once per version, here or in a worker


def _pdf_key(version: str) -> str:
    return f"pdf:{version}"


def _lock_key(version: str) -> str:
    return f"pdf-rendering:{version}"


def _lock(version: str) -> str | None:
    """Take the render of `version`: a token, or None if someone renders it now."""
    token = uuid.uuid4().hex
    return token if cache.add(_lock_key(version), token, settings.PDF_RENDER_LOCK_SECONDS) else None


def _unlock(version: str, token: str) -> None:
    if cache.get(_lock_key(version)) == token:
        cache.delete(_lock_key(version))


def is_cached(version: str) -> bool:
    return cache.get(_pdf_key(version)) is not None


def _render(document: Document, version: str) -> bytes:
    with translation.override(PDF_LANGUAGE):
        title = str(document.title)
        context = {**document.context(), "title": title, "printed_on": timezone.localdate()}
        if document.split_rows:
            content = split_rows_to_pdf(document.template_name, context)
        else:
            content = html_to_pdf(render_to_string(document.template_name, context))
    cache.set(_pdf_key(version), content, settings.PDF_CACHE_TIMEOUT)
    return content


def in_background() -> bool:
    """Whether tasks go to workers (a broker is configured), not run in this process."""
    from . import celery_app

    return not celery_app.conf.task_always_eager


def _queue(document: Document, version: str, token: str) -> bool:
    from .tasks import render_pdf

    try:
        render_pdf.delay(document.kind, document.obj.pk, document.options, version, token)
    except Exception:  # the broker is down: render here rather than answer an error
        logger.exception("PDF %s not queued; rendered in the request", document.kind)
        return False
    return True


def _render_or_queue(document: Document, version: str) -> bytes | None:
    """The PDF, rendered here; or None when it is being prepared (a worker has it, or
    another request renders this very version now)."""
    token = _lock(version)
    if token is None:
        return None
    large = document.size > settings.PDF_BACKGROUND_ROWS
    if large and in_background() and _queue(document, version, token):
        return None
    try:
        return _render(document, version)
    finally:
        _unlock(version, token)


def render_queued(*, kind: str, pk: int, options: dict, version: str, token: str) -> str | None:
    """A worker's render of what a request queued (holding the lock `token`): the
    document as it is now, once; its version, or None if nothing was left to render."""
    document = rebuild(kind, pk, options)
    current = None if document is None else version_of(document)
    if current != version:  # gone, or changed since: render what is asked for now
        _unlock(version, token)
        if document is None:
            return None
        version, token = current, _lock(current)
    elif cache.get(_lock_key(version)) != token:  # our lock expired: take it again
        token = _lock(version)
    if token is None:
        return None
    try:
        if not is_cached(version):
            _render(document, version)
    finally:
        _unlock(version, token)
    return version


def prerender(document: Document) -> str:
    """Render a document into the cache ahead of its downloads (a worker's task, e.g. a
    plan just published), unless it is there or being rendered; its version. With
    REDIS_URL, the cache the web servers read."""
    version = version_of(document)
    if not is_cached(version) and (token := _lock(version)):
        try:
            _render(document, version)
        finally:
            _unlock(version, token)
    return version


def preparing(request: HttpRequest, document: Document) -> HttpResponse:
    """202: the PDF is being prepared; the page reloads itself (a meta refresh, no
    script) and gets the PDF once it is in the cache."""
    seconds = settings.PDF_REFRESH_SECONDS
    response = render(request, "pdf/preparing.html",
                      {"document_title": document.title, "refresh_seconds": seconds},
                      status=202)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def pdf_response(request: HttpRequest, document: Document) -> HttpResponse:
    """Serve a document as PDF: 304 when the client has this version, else from the
    cache, else rendered (here, or by a worker while a page says it is being prepared).

    `Last-Modified`, the newest change to the rows shown, is sent for information only: a
    deletion may not move it, so only the ETag can answer 304.
    """
    version = version_of(document)
    etag = quote_etag(version)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    content = cache.get(_pdf_key(version))
    if content is None:
        content = _render_or_queue(document, version)
    if content is None:
        return preparing(request, document)
    with translation.override(PDF_LANGUAGE):
        title = str(document.title)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{slugify(title) or 'document'}.pdf"
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(document.last_modified.timestamp())
    # Documents belong to one organization: browsers may keep them, shared caches may not.
    response["Cache-Control"] = "private, no-cache"
    return response
