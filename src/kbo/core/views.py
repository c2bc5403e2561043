from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kbo.accounts import access
from kbo.core import monitoring
from kbo.core.files import serve
from kbo.core.models import Job
from kbo.geo.models import Province, Region


def home(request):
    if not request.user.is_authenticated:
        return render(
            request,
            "core/landing.html",
            {
                "regions": Region.objects.all(),
                "province_count": Province.objects.count(),
            },
        )
    return render(
        request,
        "core/home.html",
        {
            "memberships": access.memberships(request.user),
            "recent_jobs": Job.objects.for_user(request.user)[:5],
            "today": timezone.localdate(),
        },
    )


@require_GET
@never_cache
def health(request):
    """For load balancers and monitoring: 200 when the database, the cache and the task
    queue answer; 503 (with the failing check named) when one does not."""
    ok, checks = monitoring.health()
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)


@require_GET
@never_cache
def metrics(request):
    """Prometheus-style metrics. With KBO_METRICS_TOKEN set, only for `Authorization:
    Bearer <token>`; keep the path internal in the reverse proxy either way."""
    token = settings.KBO_METRICS_TOKEN
    if token and not constant_time_compare(
        request.headers.get("Authorization", ""), f"Bearer {token}"
    ):
        return HttpResponse(status=401)
    return HttpResponse(
        monitoring.metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8"
    )


@login_required
def jobs(request):
    return render(request, "core/jobs.html", {"jobs": Job.objects.for_user(request.user)[:50]})


@login_required
@never_cache
def job_detail(request, pk):
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    template = "core/_job_progress.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    return serve(job.result, inline=False)


def server_error(request, *args, **kwargs):
    """The 500 page with the request's id, which the log line of the error also carries."""
    from django.http import HttpResponseServerError
    from django.template import loader

    request_id = getattr(request, "request_id", "")
    body = loader.get_template("500.html").render({"request_id": request_id})
    return HttpResponseServerError(body)


def not_found(request, exception=None):
    """A JSON 404 under /api/ (clients expect JSON), the friendly page elsewhere."""
    from django.http import JsonResponse
    from django.utils.translation import gettext
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return page_not_found(request, exception)
