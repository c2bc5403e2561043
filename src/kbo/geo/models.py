"""Thailand's administrative areas with DOPA codes, and the regions of national contests.

Codes follow the Department of Provincial Administration: province 2 digits, district 4,
subdistrict 6, each prefixed by its parent's code. Geography is public reference data.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class NamedArea(models.Model):
    name_th = models.CharField(_("Thai name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (Thai unless English is on and known)."""
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class GeoQuerySet(models.QuerySet):
    def for_user(self, user):
        """Geography is public: every user, signed in or not, sees all of it."""
        return self

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(name_th__icontains=text)
            | models.Q(name_en__icontains=text)
            | models.Q(code=text)
        )


class Region(NamedArea):
    """A region as national contests use it (North, Northeast, Central and East, South).

    Which province belongs to which region is data, editable by national administrators.
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = GeoQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Province(NamedArea):
    code = models.CharField(_("province code"), max_length=2, unique=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provinces",
        verbose_name=_("region"),
    )

    objects = GeoQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}$"), name="province_code_2_digits"
            ),
        ]


class District(NamedArea):
    code = models.CharField(_("district code"), max_length=4, unique=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )

    objects = GeoQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"), name="district_code_4_digits"
            ),
        ]


class Subdistrict(NamedArea):
    code = models.CharField(_("subdistrict code"), max_length=6, unique=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("district")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("province")
    )
    postal_codes = models.CharField(
        _("postal codes"), max_length=40, blank=True, help_text=_("Separated by spaces.")
    )

    objects = GeoQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{6}$"), name="subdistrict_code_6_digits"
            ),
        ]

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()

    @property
    def postal_code(self) -> str:
        """The main postal code (the first listed)."""
        codes = self.postal_code_list
        return codes[0] if codes else ""
