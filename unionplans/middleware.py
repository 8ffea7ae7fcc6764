from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _


class FrenchFirstLocaleMiddleware(LocaleMiddleware):
    """French unless the person picked another language with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language; many Quebec members
    browse with an English browser yet expect their union's tools in French, so only the
    language cookie set by the switcher (`set_language`) counts here.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen or "")
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # Unlike the parent: no `Vary: Accept-Language`, that header changes nothing here
        # (the language cookie is covered by the session's `Vary: Cookie`).
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RefuseUnreadableInputMiddleware:
    """Answer 400, before any view or form reads it, to input the app cannot store.

    Forms are posted as UTF-8 (every page says so); a body declared in another charset
    would be decoded into text the person never typed, or fail to decode. A NUL character
    is refused by PostgreSQL in text and typed by nobody: it only comes from tools.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset", "utf-8").lower().replace("_", "-")
        if request.method not in ("GET", "HEAD") and charset not in ("utf-8", "utf8"):
            return _bad_request(_("Forms must be sent as UTF-8."))
        if _has_nul(request.GET) or (
            request.content_type in FORM_TYPES and _has_nul(request.POST)
        ):
            return _bad_request(_("The request holds a NUL character, which no text can hold."))
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key))
               for key in data)


def _bad_request(message) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(f"{message}\n", content_type="text/plain; charset=utf-8")
