"""PDF rendering: the only module that calls WeasyPrint.

- Templates are rendered in French whatever the request's language.
- WeasyPrint may load our own static files (print CSS, fonts) and nothing else: no
  network, no `file://`, no `data:`, nothing outside the static folders. User text is
  escaped by the templates; the fetcher is the second wall should markup ever slip in.
- A document's version is the hash of its HTML: it gives the ETag and the cache key, so
  an unchanged document is answered 304 or served from the cache.
"""

import hashlib
import mimetypes
from collections import defaultdict
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import content_disposition_header, http_date
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint import __version__ as weasyprint_version
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

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


class StaticFilesOnlyFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        path = static_file_for(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(font_config=FontConfiguration())


def _layout(html: str):
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.render(font_config=fonts), fonts


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
        document, fonts = _layout(html)
        found = page_breaks(document)
        merged = {row: sorted({tuple(sorted(cut.items())) for cut in
                               [*breaks.get(row, []), *found.get(row, [])]})
                  for row in {*breaks, *found}}
        merged = {row: [dict(cut) for cut in cuts] for row, cuts in merged.items()}
        if merged == breaks:
            break
        breaks = merged
    return document.write_pdf(font_config=fonts)
def document(template_name: str, context: dict, title) -> tuple[str, str, str, dict]:
    """The document's HTML, its version, its title and the context it was rendered with,
    in French."""
    with translation.override(PDF_LANGUAGE):
        title = str(title)  # may be lazy: PDFs are in French, whatever the request's language
        context = {**context, "title": title, "printed_on": timezone.localdate()}
        html = render_to_string(template_name, context)
    version = hashlib.sha256(f"{weasyprint_version}\n{html}".encode()).hexdigest()
    return html, version, title, context


def cached_pdf(html: str, version: str, *, template_name: str = "", context: dict | None = None,
               split_rows: bool = False) -> bytes:
    """The PDF of `html`, rendered once per version and then taken from the cache; with
    `split_rows`, laid out again from the template by `split_rows_to_pdf`."""
    pdf = cache.get(f"pdf:{version}")
    if pdf is None:
        pdf = split_rows_to_pdf(template_name, context) if split_rows else html_to_pdf(html)
        cache.set(f"pdf:{version}", pdf, settings.PDF_CACHE_TIMEOUT)
    return pdf


def is_cached(version: str) -> bool:
    return cache.get(f"pdf:{version}") is not None


def prerender(*, template_name: str, context: dict, title, split_rows: bool = False) -> str:
    """Render a document into the cache ahead of its downloads (a worker's task, e.g. a
    plan just published); its version. With REDIS_URL, the cache the web servers read."""
    html, version, _title, context = document(template_name, context, title)
    cached_pdf(html, version, template_name=template_name, context=context, split_rows=split_rows)
    return version


def pdf_response(
    request: HttpRequest,
    *,
    template_name: str,
    context: dict,
    title,
    last_modified: datetime,
    split_rows: bool = False,
) -> HttpResponse:
    """Serve a template as PDF: 304 when the client has this version, else from the cache.

    The version is a hash of the rendered HTML, because rendering a template is cheap
    and WeasyPrint is not. Whatever changes what the document shows (data, template,
    print CSS through its hashed static name, the print date) changes the version, and
    no caller has to list which fields count. `last_modified`, the newest change to the
    objects shown, is sent for information only: a deletion may not move it, so only the
    ETag can answer 304.
    """
    html, version, title, context = document(template_name, context, title)
    etag = quote_etag(version)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified

    pdf = cached_pdf(html, version, template_name=template_name, context=context,
                     split_rows=split_rows)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{slugify(title) or 'document'}.pdf"
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    # Documents belong to one organization: browsers may keep them, shared caches may not.
    response["Cache-Control"] = "private, no-cache"
    return response
