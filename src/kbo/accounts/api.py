"""The signed-in user and the memberships they may see (scoped like the web pages)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from kbo.accounts.models import Membership, User


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    province = serializers.CharField(
        source="province.code", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Membership
        fields = ["id", "username", "name", "role", "province", "organisation", "is_active"]


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "memberships"]


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MembershipSerializer
    filterset_fields = ["role", "is_active"]

    def get_queryset(self):
        return Membership.objects.for_user(self.request.user).select_related("user", "province")


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request):
    return Response(MeSerializer(request.user).data)


def register(router) -> None:
    router.register("memberships", MembershipViewSet, basename="membership")
