"""Expert matching pages: the knowledge sources ranked for a need, and assigning one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.network.models import KnowledgeSource
from kbo.programmes import matching
from kbo.programmes.models import Need

NEAR_CHOICES = [
    ("", gettext_lazy("Anywhere")),
    ("region", gettext_lazy("Only this region")),
    ("province", gettext_lazy("Only this province")),
]


class AssignForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=KnowledgeSource.objects.filter(listed=True),
        required=False,
        label=gettext_lazy("knowledge source"),
    )
    unassign = forms.BooleanField(required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("source") and not data.get("unassign") and "source" not in self.errors:
            self.add_error("source", _("Choose a knowledge source."))
        return data


def _need(request: HttpRequest, pk: int) -> Need:
    return get_object_or_404(
        Need.objects.for_user(request.user).select_related(
            "decision__project__province__region", "decision__product", "assigned_source"
        ),
        pk=pk,
    )


@login_required
@access.require_role(Role.OFFICER, Role.COMMITTEE)
def need_experts(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk)
    near = request.GET.get("near", "")
    if near not in dict(NEAR_CHOICES):
        near = ""
    project = need.decision.project
    return render(
        request,
        "programmes/need_experts.html",
        {
            "need": need,
            "project": project,
            "product": need.decision.product,
            "matches": matching.rank(need, limit=10, near=near),
            "near": near,
            "near_choices": NEAR_CHOICES,
            "can_assign": matching.can_assign(request.user, project.province_id),
            "participant_url": _participant(need),
        },
    )


def _participant(need: Need) -> str | None:
    """The selected product's development page (built alongside; None until it exists)."""
    try:
        return reverse("programmes:participant", kwargs={"pk": need.decision_id})
    except NoReverseMatch:
        return None


def _back(need: Need) -> str:
    return _participant(need) or reverse("programmes:need_experts", kwargs={"pk": need.pk})


@login_required
@require_POST
def need_assign(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(error) for error in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return redirect("programmes:need_experts", pk=need.pk)
    source = form.cleaned_data["source"]
    try:
        matching.assign(by=request.user, need=need, source=source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programmes:need_experts", pk=need.pk)
    if source:
        messages.success(
            request, _("%(source)s was assigned to this need.") % {"source": source.name}
        )
    else:
        messages.success(request, _("The assignment was removed."))
    return redirect(_back(need))
