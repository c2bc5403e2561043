"""Knowledge reached from other pages: a case study drafted from a product's passport.

(Related knowledge beside a plan's needs, a passport and a training's sessions is shown by
those pages themselves, from kbo.knowledge.related.)
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.knowledge import casestudy
from kbo.knowledge.models import can_edit_item
from kbo.registry.models import Product


@login_required
@require_POST
def case_study_draft(request: HttpRequest, product: int) -> HttpResponse:
    """Draft the product's case study from its records (or open the one it has) and go to
    its edit page; a product never selected in a KBO project goes back to its passport."""
    found = get_object_or_404(
        Product.objects.for_user(request.user).select_related("producer", "province"),
        pk=product,
    )
    if not can_edit_item(request.user, found.province_id):
        raise PermissionDenied
    try:
        item, created = casestudy.case_study_draft(by=request.user, product=found)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{reverse('registry:product', args=[found.pk])}#knowledge")
    if created:
        messages.success(request, _("Case study drafted from the passport: check it, then publish"))
    else:
        messages.info(request, _("This product already has a case study"))
    return redirect("knowledge:edit", pk=item.pk)
