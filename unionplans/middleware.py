from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
