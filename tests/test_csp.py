"""The Content-Security-Policy header (django-csp), and templates that need nothing inline.

Chromium checks the pages themselves: tests/test_e2e_csp.py.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import path, reverse

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def boom(request):
    raise RuntimeError("a server error, on purpose")


urlpatterns = [path("boom/", boom)]


def test_an_html_page_carries_the_policy(client, db):
    response = client.get(reverse("login"))
    assert response["Content-Type"].startswith("text/html")
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["X-Frame-Options"] == "DENY"  # for browsers without frame-ancestors


def test_a_logged_in_page_carries_the_policy(login, executif, cc):
    response = login(executif).get(reverse("organization_detail", args=[cc.slug]))
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


@pytest.mark.urls(__name__)
def test_the_server_error_page_carries_the_policy_and_its_style_is_a_file(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert b"style=" not in response.content
    assert b'<link rel="stylesheet" href="/static/css/error.css">' in response.content
    assert (Path(settings.BASE_DIR) / "static/css/error.css").is_file()


# What the browser refuses under the policy: a <script> with a body, a style attribute or
# <style> element, an on...= handler, a javascript: link. The PDFs (WeasyPrint) and the
# mails are no web page: their templates may style inline.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=|javascript:", re.I)


def web_templates() -> list[Path]:
    """The project's templates and its apps' (entraide's widgets), less PDFs and mails."""
    base = Path(settings.BASE_DIR)
    return [template for root in [base / "templates", *sorted(base.glob("*/templates"))]
            for template in sorted(root.rglob("*.html"))
            if "pdf" not in template.relative_to(root).parts
            and "email" not in template.as_posix()]


def test_no_web_template_has_inline_script_style_or_handler():
    templates = web_templates()
    assert len(templates) > 50
    found = [f"{template.name}: {match.group(0)}" for template in templates
             for match in INLINE.finditer(template.read_text())]
    assert found == []
