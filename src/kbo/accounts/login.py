"""The sign-in page and the API token endpoint, both throttled (accounts/throttle.py)."""

from django.contrib.auth import views as auth_views
from django.utils.translation import gettext
from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from kbo.accounts import throttle


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttle.is_blocked(request, username):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, throttle.message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.record_success(self.request, form.get_user().get_username())
        return super().form_valid(form)

    def form_invalid(self, form):
        throttle.record_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)


class TokenView(ObtainAuthToken):
    """POST username and password, get the API token; throttled like the sign-in page."""

    def post(self, request, *args, **kwargs):
        if not hasattr(request.data, "get"):
            return Response(
                {"detail": gettext("Send an object with username and password.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        username = str(request.data.get("username", ""))
        if throttle.is_blocked(request, username):
            return Response(
                {"detail": throttle.message()}, status=status.HTTP_429_TOO_MANY_REQUESTS
            )
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            throttle.record_failure(request, username)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        throttle.record_success(request, username)
        return super().post(request, *args, **kwargs)
