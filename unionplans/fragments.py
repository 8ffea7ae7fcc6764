"""Parts of a page kept rendered under the version of what they show, as the PDFs are
(`unionplans.pdf`): a version is one fingerprint query, so a page whose rows did not change
is served without reading or rendering them again. What is cached must depend on nothing
but the version's parts: no CSRF token, no form, no name of the person asking."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from . import pdf

# A fragment is replaced by a new version, never changed: this only frees the cache.
FRAGMENT_SECONDS = 24 * 60 * 60


def fragment_key(name: str, version: tuple) -> str:
    """The cache key of fragment `name` at `version`, which also holds what every page
    depends on: the code and templates, the people's names, the language and the day
    (« en retard » changes at midnight)."""
    parts = [pdf.code_version(), pdf.people_version(), translation.get_language(),
             timezone.localdate().isoformat(), name, version]
    return "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_html(name: str, version: Callable[[], tuple],
                render: Callable[[], str]) -> SafeString:
    """The HTML `render()` makes, rendered once per `version()` (every time, and no version
    read, without `PAGE_CACHE`)."""
    if not settings.PAGE_CACHE:
        return mark_safe(str(render()))  # noqa: S308 (as below)
    key = fragment_key(name, version())
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when rendered)
