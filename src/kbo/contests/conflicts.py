"""Conflicts of interest between a contest's judges and its entries: declared by the judge
or detected from the platform's own records, in a fixed number of queries."""

from collections import defaultdict

from django.utils.translation import gettext as _

from kbo.contests.models import ConflictDeclaration, Contest, Entry, JudgeAssignment
from kbo.network.models import CommitteeSeat, Term
from kbo.programmes.models import Need, PlanItem
from kbo.registry.models import Producer


def normalise(name: str) -> str:
    """Names compared without case or spaces ("กลุ่ม ทอผ้า" equals "กลุ่มทอผ้า")."""
    return "".join(name.split()).casefold()


def conflicts(contest: Contest) -> dict[tuple[int, int], list[str]]:
    """Every conflict of interest in the contest, {(judge user id, entry id): [reasons in
    words]}: declared by the judge, or detected from the platform's own data — the judge's
    knowledge source is responsible for a plan item or assigned to a need of the entry
    product's development, the judge is an account of the entry's producer or works for it
    (organisation equals the producer's name), or in a national-level contest the judge's
    knowledge source sits on the entry province's current committee. A fixed number of
    queries whatever the size of the contest.

    Detected conflicts are reported for the judges assigned to the entry's panel (or to
    every panel); declared ones always. Committee seats count in REGION and NATION level
    contests; the current term is the network's latest by start date."""
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for judge_id, entry_id, reason in ConflictDeclaration.objects.filter(
        entry__contest=contest
    ).values_list("judge_id", "entry_id", "reason"):
        found[(judge_id, entry_id)].append(
            _("Declared by the judge: %(reason)s") % {"reason": reason}
        )

    assignments = list(
        JudgeAssignment.objects.filter(contest=contest).values_list(
            "judge_id", "panel_id", "source_id", "organisation"
        )
    )
    entries = list(
        Entry.objects.filter(contest=contest).values_list(
            "pk",
            "panel_id",
            "province_id",
            "product_id",
            "product__producer_id",
            "product__producer__name",
        )
    )
    if not assignments or not entries:
        return dict(found)

    # Which judges sit on which entry's panel: (judge, entry) pairs, built in memory.
    judges_by_panel: dict[int | None, set[int]] = defaultdict(set)
    sources_of: dict[int, set[int]] = defaultdict(set)  # source id → judge ids
    organisations: dict[int, set[str]] = defaultdict(set)  # judge id → normalised names
    for judge_id, panel_id, source_id, organisation in assignments:
        judges_by_panel[panel_id].add(judge_id)
        if source_id:
            sources_of[source_id].add(judge_id)
        if organisation.strip():
            organisations[judge_id].add(normalise(organisation))

    def judges_of(panel_id: int) -> set[int]:
        return judges_by_panel.get(panel_id, set()) | judges_by_panel.get(None, set())

    def add(judge_ids, entry_id: int, panel_id: int, reason: str) -> None:
        for judge_id in set(judge_ids) & judges_of(panel_id):
            if reason not in found[(judge_id, entry_id)]:
                found[(judge_id, entry_id)].append(reason)

    entries_by_product: dict[int, list[tuple[int, int]]] = defaultdict(list)
    entries_by_producer: dict[int, list[tuple[int, int]]] = defaultdict(list)
    entries_by_province: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for entry_id, panel_id, province_id, product_id, producer_id, producer_name in entries:
        entries_by_province[province_id].append((entry_id, panel_id))
        if product_id is None:
            continue
        entries_by_product[product_id].append((entry_id, panel_id))
        entries_by_producer[producer_id].append((entry_id, panel_id))
        for judge_id, names in organisations.items():
            if normalise(producer_name) in names:
                add(
                    [judge_id],
                    entry_id,
                    panel_id,
                    _("Works for the producer (%(name)s)") % {"name": producer_name},
                )

    sources = set(sources_of)
    if sources and entries_by_product:
        plan = PlanItem.objects.filter(
            responsible_id__in=sources, decision__product_id__in=entries_by_product
        ).values_list("responsible_id", "decision__product_id")
        for source_id, product_id in set(plan):
            for entry_id, panel_id in entries_by_product[product_id]:
                add(
                    sources_of[source_id],
                    entry_id,
                    panel_id,
                    _("Responsible expert in the product's development plan"),
                )
        needs = Need.objects.filter(
            assigned_source_id__in=sources, decision__product_id__in=entries_by_product
        ).values_list("assigned_source_id", "decision__product_id")
        for source_id, product_id in set(needs):
            for entry_id, panel_id in entries_by_product[product_id]:
                add(
                    sources_of[source_id],
                    entry_id,
                    panel_id,
                    _("Assigned expert for a development need of the product"),
                )

    all_judges = {judge_id for judge_id, *_rest in assignments}
    if entries_by_producer:
        accounts = Producer.accounts.through.objects.filter(
            producer_id__in=entries_by_producer, user_id__in=all_judges
        ).values_list("user_id", "producer_id")
        for user_id, producer_id in accounts:
            for entry_id, panel_id in entries_by_producer[producer_id]:
                add([user_id], entry_id, panel_id, _("Signs in as the entry's producer"))

    if sources and contest.level in (Contest.Level.NATION, Contest.Level.REGION):
        current: dict[int, int] = {}  # province id → its network's current term id
        terms = Term.objects.filter(network__province_id__in=entries_by_province).order_by(
            "network_id", "-starts_on", "-pk"
        )
        for term_id, province_id in terms.values_list("pk", "network__province_id"):
            current.setdefault(province_id, term_id)
        seats = CommitteeSeat.objects.filter(
            term_id__in=current.values(), person_id__in=sources
        ).values_list("person_id", "term__network__province_id", "term__network__name")
        for source_id, province_id, network_name in seats:
            for entry_id, panel_id in entries_by_province[province_id]:
                add(
                    sources_of[source_id],
                    entry_id,
                    panel_id,
                    _("Sits on the committee of the entry's province (%(network)s)")
                    % {"network": network_name},
                )
    return dict(found)
