"""People at their own browser, over real HTTP against pytest-django's live server.

`Browser` keeps one person's cookies, reads the forms of a page as a browser would post
them (hidden version included) and never follows a redirect, so that a test sees each
answer's status. `post_at_once` sends several posts together, each from its own thread:
the live server answers each request in a thread of its own, with its own connection to
the database, as gunicorn's workers would.
"""

import html
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.test import Client


@dataclass
class Answer:
    status: int
    text: str  # HTML entities decoded, as people read it
    location: str = ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Forms(HTMLParser):
    """Every POST form of a page: its action and what it posts as shown (no button)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self._form)
        if tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"] = value
        if self._form is None or "name" not in attrs:
            return
        fields = self._form["fields"]
        kind = attrs.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "image", "reset", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = {"name": attrs["name"], "first": None, "chosen": None}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            if self._form is not None:  # a browser drops the newline that opens the text
                self._form["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen, first = self._select["chosen"], self._select["first"]
            value = chosen if chosen is not None else first
            if self._form is not None and value is not None:
                self._form["fields"].append((self._select["name"], value))
            self._select = None


class Browser:
    """`user`'s browser on `base_url`, logged in (its session cookie, as after /connexion/)."""

    def __init__(self, base_url: str, user):
        client = Client()
        client.force_login(user)
        self.base_url = base_url
        self.cookies = {settings.SESSION_COOKIE_NAME:
                        client.cookies[settings.SESSION_COOKIE_NAME].value}
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, path: str) -> Answer:
        return self._send(urllib.request.Request(self.base_url + path))

    def form(self, path: str, action: str = "") -> list[tuple[str, str]]:
        """What the form of page `path` posting to `action` (the page itself by default)
        sends as shown, csrf token and version included."""
        answer = self.get(path)
        assert answer.status == 200, (path, answer.status)
        parser = _Forms()
        parser.feed(answer.text)
        target = action or path
        for form in parser.forms:
            if (form["action"] or path) == target:
                return list(form["fields"])
        raise AssertionError(f"no form posting to {target} on {path}")

    def post(self, path: str, fields: list[tuple[str, str]], **changes) -> Answer:
        """POST `fields` to `path`, each name of `changes` replaced by its value(s)."""
        data = [(name, value) for name, value in fields if name not in changes]
        for name, value in changes.items():
            values = value if isinstance(value, list) else [value]
            data += [(name, item) for item in values]
        body = urllib.parse.urlencode(data).encode()
        return self._send(urllib.request.Request(self.base_url + path, data=body, headers={
            "Content-Type": "application/x-www-form-urlencoded"}))

    def _send(self, request) -> Answer:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        request.add_header("Accept-Language", "fr")
        try:
            response = self._opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx (not followed) and 4xx/5xx
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        text = html.unescape(response.read().decode("utf-8", "replace"))
        return Answer(response.status, text, response.headers.get("Location", ""))


def post_at_once(posts) -> list[Answer]:
    """Each (browser, path, fields, changes) of `posts` sent from its own thread, all
    started together; their answers in the order of `posts`."""
    barrier = threading.Barrier(len(posts), timeout=10)
    answers: list = [None] * len(posts)

    def send(index, browser, path, fields, changes):
        barrier.wait()
        answers[index] = browser.post(path, fields, **changes)

    threads = [threading.Thread(target=send, args=(index, *post))
               for index, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers
