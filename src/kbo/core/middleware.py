from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from kbo.core import logs, thai


class UserPreferencesMiddleware:
    """Applies the signed-in user's display preferences (Thai digits) for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        wanted = bool(user is not None and user.is_authenticated and user.thai_digits)
        token = thai.thai_digits_preferred.set(wanted)
        try:
            return self.get_response(request)
        finally:
            thai.thai_digits_preferred.reset(token)


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose English (language cookie); the browser's
    Accept-Language is ignored, since officers' browsers are often set to English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class RequestIdMiddleware:
    """Gives every request an id: the proxy's X-Request-ID when it is a sane token, else a
    new one. Log records carry it (`core.logs.RequestIdFilter`), the response returns it in
    X-Request-ID, and the 500 page shows it so a user can quote it to the administrator."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = logs.clean_request_id(request.headers.get("X-Request-ID", ""))
        request.request_id = request_id
        token = logs.current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            logs.current_request_id.reset(token)
        response.headers["X-Request-ID"] = request_id
        return response
