import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Membership, Role
from kbo.geo.models import Province


def _provinces(request):
    if request is None or access.is_national(request.user):
        return Province.objects.all()
    return Province.objects.filter(pk__in=access.province_ids(request.user, roles=[Role.OFFICER]))


class PeopleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    province = django_filters.ModelChoiceFilter(label=_("Province"), queryset=_provinces)
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, empty_label=_("All roles")
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Membership
        fields = ["q", "province", "role", "is_active"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(user__username__icontains=word)
                | Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(organisation__icontains=word)
            )
        return queryset
