from kbo.core import thai


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
