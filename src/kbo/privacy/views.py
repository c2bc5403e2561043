"""Personal data pages: the inventory, a producer's consents and data requests (export,
erasure), and the access log for national staff.

A producer is fetched through `Producer.objects.for_user()` (another province's producer is
a 404); what the user may do with it is checked next (403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.privacy import fields as inventory
from kbo.privacy import services
from kbo.privacy.forms import AccessLogFilter, ConsentForm, ErasureForm
from kbo.privacy.models import AccessKind, Erasure, PersonalDataAccess, Purpose
from kbo.registry.models import Producer


def _producer(request: HttpRequest, pk: int, *, manage: bool = False) -> Producer:
    producer = get_object_or_404(
        Producer.objects.for_user(request.user).select_related(
            "province", "district", "subdistrict"
        ),
        pk=pk,
    )
    allowed = (
        access.can_manage_province(request.user, producer.province_id)
        if manage
        else services.may_request(request.user, producer)
    )
    if not allowed:
        raise PermissionDenied
    return producer


@login_required
def inventory_page(request: HttpRequest) -> HttpResponse:
    """What the platform holds about people, and who sees it in clear."""
    rows = [
        {
            "field": field,
            "audience": _("every signed-in user")
            if field.clear_for == inventory.SIGNED_IN
            else ", ".join(str(Role(role).label) for role in sorted(field.clear_for)),
        }
        for field in inventory.FIELDS
    ]
    return render(
        request,
        "privacy/inventory.html",
        {"rows": rows, "is_national": access.is_national(request.user)},
    )


@login_required
def producer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A producer's consents and data requests (the producer, officers, national staff)."""
    producer = _producer(request, pk)
    can_manage = access.can_manage_province(request.user, producer.province_id)
    return render(
        request,
        "privacy/producer.html",
        {
            "producer": producer,
            "state": [
                (Purpose(purpose).label, consent)
                for purpose, consent in services.consent_state(producer).items()
            ],
            "history": producer.consents.select_related("recorded_by")[:50],
            "erasure": Erasure.objects.filter(producer=producer)
            .select_related("erased_by")
            .first(),
            "form": ConsentForm() if can_manage else None,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def consent_record(request: HttpRequest, pk: int) -> HttpResponse:
    producer = _producer(request, pk, manage=True)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_record(by=request.user, producer=producer, **form.cleaned_data)
        messages.success(request, _("The consent was recorded."))
    else:
        messages.error(request, _("The consent was not recorded: choose a purpose and a state."))
    return redirect("privacy:producer", pk=producer.pk)


@login_required
def producer_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The producer's personal data as JSON (a data subject's access request)."""
    producer = _producer(request, pk)
    data = services.producer_data(producer)
    services.log_access(
        request,
        fields=[f["key"] for f in data["personal_data"] if f["value"]] or ["code"],
        kind=AccessKind.REQUEST,
        obj=producer,
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="personal-data-{producer.code}.json"'
    return response


@login_required
def producer_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase on request, after a confirmation with a reason (officers, national staff)."""
    producer = _producer(request, pk, manage=True)
    erased = Erasure.objects.filter(producer=producer).first()
    form = ErasureForm(request.POST or None, code=producer.code)
    if request.method == "POST" and erased is None and form.is_valid():
        try:
            services.producer_erase(
                by=request.user, producer=producer, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The producer's personal data was erased."))
            return redirect("privacy:producer", pk=producer.pk)
    return render(
        request, "privacy/erase.html", {"producer": producer, "form": form, "erasure": erased}
    )


@login_required
@access.require_role(Role.NATIONAL_ADMIN)
def access_log(request: HttpRequest) -> HttpResponse:
    """Who read personal data in clear, when, which record and fields (national staff)."""
    form = AccessLogFilter(request.GET or None)
    rows = PersonalDataAccess.objects.select_related("user", "province")
    if form.is_valid():
        data = form.cleaned_data
        if data["model"]:
            rows = rows.filter(model=data["model"].strip().lower())
        if data["record"]:
            rows = rows.filter(object_id=data["record"])
        if data["person"]:
            rows = rows.filter(user__username=data["person"].strip())
        if data["since"]:
            rows = rows.filter(at__date__gte=data["since"])
        if data["until"]:
            rows = rows.filter(at__date__lte=data["until"])
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "privacy/access_log.html",
        {"form": form, "page": page, "query": params.urlencode()},
    )
