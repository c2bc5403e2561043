from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Membership, Role, User
from kbo.accounts.services import grantable_roles
from kbo.geo.models import Province


class PreferencesForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=[("th", "ไทย"), ("en", "English")])

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "thai_digits"]


class PersonCreateForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"))
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.none(), required=False
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        # lazy: the rules are shown in the reader's language, not the language at import
        help_text=lazy(password_validation.password_validators_help_text_html, str)(),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "phone"]

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        cast(forms.ChoiceField, self.fields["role"]).choices = grantable_roles(by)
        provinces = Province.objects.all()
        if not access.is_national(by):
            provinces = provinces.filter(pk__in=access.province_ids(by, roles=[Role.OFFICER]))
        cast(forms.ModelChoiceField, self.fields["province"]).queryset = provinces
        if provinces.count() == 1:
            self.fields["province"].initial = provinces.first()
        for name in ("first_name", "last_name"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean() or {}
        role, province = data.get("role"), data.get("province")
        if role and role != Role.NATIONAL_ADMIN and province is None:
            self.add_error("province", _("A provincial role needs a province."))
        password = data.get("password")
        if password:
            candidate = User(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "is_active"]

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = grantable_roles(by)
