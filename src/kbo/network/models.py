"""KBO networks: one per province, its committee by term, the knowledge sources it links
to producers, and its meetings.

A committee member is a knowledge source (a person) seated on a term: their history across
terms is the list of their seats, never overwritten, and they are typed once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.geo.models import Province


class Sector(models.TextChoices):
    GOVERNMENT = "GOVERNMENT", _("Government")
    EDUCATION = "EDUCATION", _("Education institution")
    PRIVATE = "PRIVATE", _("Private sector")
    FINANCE = "FINANCE", _("Finance and banking")
    PRODUCER_NETWORK = "PRODUCER_NETWORK", _("OTOP producer network")
    EXPERT = "EXPERT", _("Qualified expert")


class SeatRole(models.TextChoices):
    CHAIR = "CHAIR", _("Chair")
    VICE_CHAIR = "VICE_CHAIR", _("Vice-chair")
    MEMBER = "MEMBER", _("Member")
    SECRETARY = "SECRETARY", _("Member and secretary")
    ASSISTANT_SECRETARY = "ASSISTANT_SECRETARY", _("Assistant secretary")


class SourceKind(models.TextChoices):
    EXPERT = "EXPERT", _("Expert")
    INSTITUTION = "INSTITUTION", _("Institution")
    COMPANY = "COMPANY", _("Company")
    LOCAL_WISDOM = "LOCAL_WISDOM", _("Local wisdom holder")


class PublicQuerySet(models.QuerySet):
    """Networks, committees and knowledge sources are public information."""

    def for_user(self, user):
        return self


class SourceQuerySet(PublicQuerySet):
    def search(self, text: str):
        """Sources for a need, best first: any word of the query counts, a word in the
        source's expertise areas counts most, and the whole phrase adds to the score."""
        from kbo.search import normalise, tokenize

        words = list(dict.fromkeys(tokenize(text)))
        if not words:
            return self
        score: models.Expression = models.Value(0)
        for word in words:
            score = (
                score
                + models.Case(
                    models.When(area_text__contains=word, then=models.Value(3)),
                    default=models.Value(0),
                )
                + models.Case(
                    models.When(search_text__contains=word, then=models.Value(1)),
                    default=models.Value(0),
                )
            )
        phrase = normalise(text).replace(" ", "")
        if len(words) > 1 and phrase:
            score = score + models.Case(
                models.When(search_text__contains=phrase, then=models.Value(2)),
                default=models.Value(0),
            )
        return (
            self.annotate(
                relevance=models.ExpressionWrapper(score, output_field=models.IntegerField())
            )
            .filter(relevance__gt=0)
            .order_by("-relevance", "name", "pk")
        )


class ExpertiseArea(models.Model):
    """The editable taxonomy of expertise (knowledge sources, and later plans and needs)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    keywords = models.TextField(
        _("search words"),
        blank=True,
        help_text=_("Other Thai words people use for this area, found by search."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")

    def __str__(self) -> str:
        return self.name_th


class Network(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "ACTIVE", _("Active")
        DORMANT = "DORMANT", _("Dormant")

    province = models.OneToOneField(
        Province, on_delete=models.PROTECT, related_name="kbo_network", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=200)
    founded_year = models.PositiveSmallIntegerField(_("founded (BE)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    secretariat = models.CharField(
        _("secretariat office"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the provincial Community Development office"),
    )
    note = models.TextField(_("note"), blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["province__code"]
        verbose_name = _("KBO network")
        verbose_name_plural = _("KBO networks")

    def __str__(self) -> str:
        return self.name

    def current_term(self) -> "Term | None":
        return self.terms.order_by("-starts_on").first()


class Term(models.Model):
    """A committee appointed by one order for a period."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="terms")
    order_number = models.CharField(_("appointment order no."), max_length=100, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-starts_on"]
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} · {self.order_number or self.starts_on}"


class KnowledgeSource(models.Model):
    """An expert, institution, company or local-wisdom holder the network can call on."""

    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    areas = models.ManyToManyField(
        ExpertiseArea, related_name="sources", blank=True, verbose_name=_("expertise areas")
    )
    description = models.TextField(_("what they know and do"), blank=True)
    home_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    service_provinces = models.ManyToManyField(
        Province, related_name="knowledge_sources", blank=True, verbose_name=_("service area")
    )
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    listed = models.BooleanField(
        _("listed in the directory"),
        default=True,
        help_text=_("Committee members who are not offered as knowledge sources can be hidden."),
    )
    search_text = models.TextField(editable=False, blank=True)
    area_text = models.TextField(editable=False, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("knowledge source")
        verbose_name_plural = _("knowledge sources")

    def __str__(self) -> str:
        return self.name


class CommitteeSeat(models.Model):
    """A person's seat on one term of a committee; their seats across terms are their history."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(
        KnowledgeSource, on_delete=models.PROTECT, related_name="seats", verbose_name=_("member")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    position = models.CharField(_("position at the time"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation at the time"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order in the order"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["term", "order", "id"]
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        constraints = [
            models.UniqueConstraint(fields=["term", "person"], name="seat_once_per_term"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class Meeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    number = models.PositiveSmallIntegerField(_("meeting no."))
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.ForeignKey(
        CommitteeSeat,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chaired by"),
    )
    minutes_note = models.TextField(_("notes for the minutes"), blank=True)
    recorded_by = models.CharField(_("minutes taken by"), max_length=200, blank=True)

    objects = access.ProvinceScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "fiscal_year", "number"], name="meeting_number_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"ครั้งที่ {self.number}/{self.fiscal_year}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("item no."))
    title = models.CharField(_("agenda item"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "PRESENT", _("Present")
        ABSENT = "ABSENT", _("Absent")
        REPRESENTED = "REPRESENTED", _("Sent a representative")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(CommitteeSeat, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)
    representative = models.CharField(_("representative"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "seat__order", "seat_id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once_per_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.seat.person}: {self.get_status_display()}"


class MeetingFile(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting file")
        verbose_name_plural = _("meeting files")

    def __str__(self) -> str:
        return self.title or str(self.file.name)
