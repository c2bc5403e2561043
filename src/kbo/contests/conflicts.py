"""Conflicts of interest between a contest's judges and its entries: declared by the judge
or detected from the platform's own records, in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable

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
    return conflicts_of([contest]).get(contest.pk, {})


Conflicts = dict[tuple[int, int], list[str]]


def conflicts_of(contests: Iterable[Contest]) -> dict[int, Conflicts]:
    """`conflicts()` of several contests, {contest id: conflicts}, in the same fixed number
    of queries (the open data's results of every published contest)."""
    levels = {contest.pk: contest.level for contest in contests}
    found: Conflicts = defaultdict(list)
    contest_of: dict[int, int] = {}  # entry id → contest id
    for judge_id, entry_id, contest_id, reason in ConflictDeclaration.objects.filter(
        entry__contest__in=levels
    ).values_list("judge_id", "entry_id", "entry__contest_id", "reason"):
        contest_of[entry_id] = contest_id
        found[(judge_id, entry_id)].append(
            _("Declared by the judge: %(reason)s") % {"reason": reason}
        )

    assignments = list(
        JudgeAssignment.objects.filter(contest__in=levels).values_list(
            "contest_id", "judge_id", "panel_id", "source_id", "organisation"
        )
    )
    entries = list(
        Entry.objects.filter(contest__in=levels).values_list(
            "pk",
            "contest_id",
            "panel_id",
            "province_id",
            "product_id",
            "product__producer_id",
            "product__producer__name",
        )
    )
    for entry_id, contest_id, *_rest in entries:
        contest_of[entry_id] = contest_id
    if assignments and entries:
        _detect(levels, assignments, entries, found)
    split: dict[int, Conflicts] = {pk: {} for pk in levels}
    for (judge_id, entry_id), reasons in found.items():
        split[contest_of[entry_id]][(judge_id, entry_id)] = reasons
    return split


def _detect(levels: dict[int, str], assignments: list, entries: list, found: Conflicts) -> None:
    """The conflicts found in the platform's records, added to `found`."""
    # Who judges which panel of which contest: (judge, entry) pairs, built in memory.
    judges_by_panel: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    sources_of: dict[tuple[int, int], set[int]] = defaultdict(set)  # (contest, source) → judges
    organisations: dict[tuple[int, int], set[str]] = defaultdict(set)  # (contest, judge) → names
    for contest_id, judge_id, panel_id, source_id, organisation in assignments:
        judges_by_panel[(contest_id, panel_id)].add(judge_id)
        if source_id:
            sources_of[(contest_id, source_id)].add(judge_id)
        if organisation.strip():
            organisations[(contest_id, judge_id)].add(normalise(organisation))

    def judges_of(contest_id: int, panel_id: int) -> set[int]:
        return judges_by_panel.get((contest_id, panel_id), set()) | judges_by_panel.get(
            (contest_id, None), set()
        )

    Place = tuple[int, int, int]  # entry id, contest id, panel id

    def add(judge_ids, place: Place, reason: str) -> None:
        entry_id, contest_id, panel_id = place
        for judge_id in set(judge_ids) & judges_of(contest_id, panel_id):
            if reason not in found[(judge_id, entry_id)]:
                found[(judge_id, entry_id)].append(reason)

    entries_by_product: dict[int, list[Place]] = defaultdict(list)
    entries_by_producer: dict[int, list[Place]] = defaultdict(list)
    entries_by_province: dict[int, list[Place]] = defaultdict(list)
    for entry_id, contest_id, panel_id, province_id, product_id, producer_id, name in entries:
        place = (entry_id, contest_id, panel_id)
        if levels[contest_id] in (Contest.Level.NATION, Contest.Level.REGION):
            entries_by_province[province_id].append(place)
        if product_id is None:
            continue
        entries_by_product[product_id].append(place)
        entries_by_producer[producer_id].append(place)
        for (judge_contest, judge_id), names in organisations.items():
            if judge_contest == contest_id and normalise(name) in names:
                add([judge_id], place, _("Works for the producer (%(name)s)") % {"name": name})

    sources = {source_id for _contest, source_id in sources_of}
    if sources and entries_by_product:
        plan = PlanItem.objects.filter(
            responsible_id__in=sources, decision__product_id__in=entries_by_product
        ).values_list("responsible_id", "decision__product_id")
        for source_id, product_id in set(plan):
            for place in entries_by_product[product_id]:
                add(
                    sources_of.get((place[1], source_id), ()),
                    place,
                    _("Responsible expert in the product's development plan"),
                )
        needs = Need.objects.filter(
            assigned_source_id__in=sources, decision__product_id__in=entries_by_product
        ).values_list("assigned_source_id", "decision__product_id")
        for source_id, product_id in set(needs):
            for place in entries_by_product[product_id]:
                add(
                    sources_of.get((place[1], source_id), ()),
                    place,
                    _("Assigned expert for a development need of the product"),
                )

    all_judges = {judge_id for _contest, judge_id, *_rest in assignments}
    if entries_by_producer:
        accounts = Producer.accounts.through.objects.filter(
            producer_id__in=entries_by_producer, user_id__in=all_judges
        ).values_list("user_id", "producer_id")
        for user_id, producer_id in accounts:
            for place in entries_by_producer[producer_id]:
                add([user_id], place, _("Signs in as the entry's producer"))

    if sources and entries_by_province:  # committee seats: REGION and NATION contests
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
            for place in entries_by_province[province_id]:
                add(
                    sources_of.get((place[1], source_id), ()),
                    place,
                    _("Sits on the committee of the entry's province (%(network)s)")
                    % {"network": network_name},
                )
