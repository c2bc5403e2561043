"""Expert matching: the knowledge sources that fit a development need, best first, with the
reasons, and assigning one to the need (see docs/matching.md).

`rank(need)` loads every listed source with a few set-based queries (no query per source)
and scores them in Python with the pure functions below: expertise areas, the need's words
in the source's texts, locality, and a penalty for current workload.
"""

import gc
import math
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.geo.models import Province
from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.programmes.models import NEED_AREA_EXPERTISE, Need, PlanItem
from kbo.search import normalise, tokenize

# Weights of the score (0–1 before the workload penalty); see docs/matching.md.
W_AREA = 0.45
W_TEXT = 0.35
W_PLACE = 0.20
W_LOAD = 0.15  # the most workload can take away
AREA_POSITION = (1.0, 0.6, 0.4)  # the first expertise area of a need area weighs most
AREA_EXTRA = 0.1  # each further matching area adds a little
IN_AREA_TEXT = 1.0  # a word found in the source's expertise areas
IN_OTHER_TEXT = 0.5  # a word found only in its name, organisation or description
SAME_PROVINCE, SERVES_PROVINCE, SAME_REGION = 1.0, 0.7, 0.3
LOAD_HALF = 3  # the workload at which half of W_LOAD is taken away
MIN_WORD = 2  # shorter words (one Thai letter, a stray digit) are ignored
SHOWN_WORDS = 5
OPEN_STATUSES = (PlanItem.Status.PLANNED, PlanItem.Status.UNDERWAY)

# Words a committee writes in almost every need; they say nothing about who can help.
_DOMAIN_STOP_TEXT = (
    "ต้องการ ต้อง การ ความ พัฒนา ผลิตภัณฑ์ สินค้า ปรับปรุง การปรับปรุง ช่วย ทำ ให้ ได้ ดี ขึ้น "
    "มากขึ้น ยัง ไม่ มี เป็น ของ และ หรือ เพื่อ สำหรับ กลุ่ม ชุมชน ใหม่ เดิม แบบ"
)
DOMAIN_STOP_WORDS = frozenset(_DOMAIN_STOP_TEXT.split())


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | DOMAIN_STOP_WORDS


def need_words(text: str) -> list[str]:
    """The words of a need's description worth matching: no stop words, no very short ones."""
    stops = stop_words()
    return [w for w in dict.fromkeys(tokenize(text)) if len(w) >= MIN_WORD and w not in stops]


# ---- pure scoring ---------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """What scoring needs to know about one source (plain data, easy to build in tests)."""

    pk: int
    area_codes: frozenset[str] = frozenset()
    area_text: str = ""
    search_text: str = ""
    home_province_id: int | None = None
    home_region_id: int | None = None
    serves_province: bool = False
    serves_region: bool = False
    workload: int = 0
    text: "tuple[float, list[str]] | None" = None  # the text match, when worked out


@dataclass
class Wanted:
    """What a need asks for: expertise codes (best first), words with weights, the place."""

    area_codes: tuple[str, ...]
    words: dict[str, float]  # word → weight (inverse document frequency)
    province_id: int | None
    region_id: int | None
    area_names: dict[str, str] = field(default_factory=dict)
    text_best: float = 1.0  # the best text match among the candidates: it counts in full


@lru_cache(maxsize=4096)
def area_score(codes: frozenset[str], wanted: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
    """The weight of the best wanted area the source has (the first counts 1), plus a little
    for each further one (at most 1); and which codes matched, in the need's order."""
    matched = tuple(code for code in wanted if code in codes)
    if not matched:
        return 0.0, ()
    best = AREA_POSITION[min(wanted.index(matched[0]), len(AREA_POSITION) - 1)]
    return min(1.0, best + AREA_EXTRA * (len(matched) - 1)), matched


def text_share(
    words: dict[str, float],
    in_areas: Collection[str],
    in_text: Collection[str],
    total: float | None = None,
) -> tuple[float, list[str]]:
    """The weighted share of the need's words a source has: a word in its expertise areas
    counts in full, one only in its other text (name, organisation, description) half;
    and the words found, best first. `total` is the sum of the weights, when known."""
    total = sum(words.values()) if total is None else total
    if not total:
        return 0.0, []
    got = 0.0
    found = []
    for word in in_text:
        weight = words[word] * (IN_AREA_TEXT if word in in_areas else IN_OTHER_TEXT)
        got += weight
        found.append((weight, word))
    found.sort(key=lambda pair: (-pair[0], pair[1]))
    return got / total, [word for _w, word in found]


def text_score(
    words: dict[str, float], area_text: str, search_text: str
) -> tuple[float, list[str]]:
    """`text_share` of the words that are substrings of the source's stored texts."""
    return text_share(
        words,
        {w for w in words if w in area_text},
        [w for w in words if w in search_text or w in area_text],
    )


def place_score(candidate: Candidate, wanted: Wanted) -> tuple[float, str]:
    """1 in the same province, 0.7 serving it, 0.3 in the same region; and which of them."""
    if wanted.province_id is not None and candidate.home_province_id == wanted.province_id:
        return SAME_PROVINCE, "province"
    if candidate.serves_province:
        return SERVES_PROVINCE, "serves"
    if wanted.region_id is not None and (
        candidate.home_region_id == wanted.region_id or candidate.serves_region
    ):
        return SAME_REGION, "region"
    return 0.0, ""


def load_penalty(count: int) -> float:
    """Grows with the count and never passes W_LOAD: 1 → 0.25, 3 → 0.5, 9 → 0.75 of it."""
    return W_LOAD * count / (count + LOAD_HALF) if count > 0 else 0.0


def score_value(candidate: Candidate, wanted: Wanted, text: tuple[float, list[str]]) -> float:
    """The score: 0 when neither expertise nor words match, otherwise above 0."""
    areas, matched = area_score(candidate.area_codes, wanted.area_codes)
    share, words = text
    if not matched and not words:
        return 0.0
    relative = min(1.0, share / wanted.text_best) if wanted.text_best > 0 else 0.0
    total = (
        W_AREA * areas
        + W_TEXT * relative
        + W_PLACE * place_score(candidate, wanted)[0]
        - load_penalty(candidate.workload)
    )
    return max(total, 0.001)


def reasons(candidate: Candidate, wanted: Wanted, text: tuple[float, list[str]]) -> list[str]:
    """Why the source is suggested, in short phrases (translated)."""
    found = []
    _areas, matched = area_score(candidate.area_codes, wanted.area_codes)
    if matched:
        names = ", ".join(wanted.area_names.get(code, code) for code in matched)
        found.append(_("Expertise: %(areas)s") % {"areas": names})
    if text[1]:
        found.append(_("Matching words: %(words)s") % {"words": ", ".join(text[1][:SHOWN_WORDS])})
    place = place_score(candidate, wanted)[1]
    if place == "province":
        found.append(_("In the same province"))
    elif place == "serves":
        found.append(_("Serves this province"))
    elif place == "region":
        found.append(_("In the same region"))
    if candidate.workload:
        found.append(
            ngettext(
                "Current workload: %(count)s item",
                "Current workload: %(count)s items",
                candidate.workload,
            )
            % {"count": candidate.workload}
        )
    return found


def score(
    candidate: Candidate, wanted: Wanted, text: tuple[float, list[str]] | None = None
) -> tuple[float, list[str]]:
    """The score and the reasons (none when the score is 0)."""
    text = text or text_score(wanted.words, candidate.area_text, candidate.search_text)
    value = score_value(candidate, wanted, text)
    return value, reasons(candidate, wanted, text) if value else []


NO_TEXT: tuple[float, list[str]] = (0.0, [])
NO_CODES: frozenset[str] = frozenset()


def idf(df: int, n: int) -> float:
    """A word most sources have weighs little (inverse document frequency, smoothed)."""
    return math.log(1 + (n + 1) / (df + 1))


def containing(word: str, joined: str, starts: Sequence[int]) -> set[int]:
    """Indexes of the texts that contain `word`, given the texts joined by newlines and
    where each starts: one C-speed `find` per matching text, none per other text."""
    found: set[int] = set()
    pos = joined.find(word)
    while pos != -1:
        index = bisect_right(starts, pos) - 1
        found.add(index)
        if index + 1 >= len(starts):
            break
        pos = joined.find(word, starts[index + 1])
    return found


def joined_texts(texts: Sequence[str]) -> tuple[str, list[int]]:
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    return "\n".join(texts), starts


# ---- loading --------------------------------------------------------------------------


@dataclass
class Match:
    source: KnowledgeSource
    score: float
    reasons: list[str]

    @property
    def percent(self) -> int:
        return round(min(self.score, 1.0) * 100)


def _area_name(row: tuple[str, str]) -> str:
    name_th, name_en = row
    return name_en if (get_language() or "th").startswith("en") and name_en else name_th


def workloads(fiscal_year: int, exclude_need: int | None = None) -> dict[int, int]:
    """Needs assigned to each source in projects of the year, plus its open plan items
    (not those of a need it is already counted for), in one query."""
    skip = exclude_need or 0  # the need being matched: its own assignment is no workload
    needs = (
        Need.objects.filter(
            assigned_source__isnull=False, decision__project__fiscal_year=fiscal_year
        )
        .exclude(pk=skip)
        .order_by()
        .values_list("assigned_source_id")
        .annotate(n=Count("pk"))
    )
    items = (
        PlanItem.objects.filter(responsible__isnull=False, status__in=OPEN_STATUSES)
        .exclude(need_id=skip)
        .exclude(
            Q(need__assigned_source=F("responsible_id"))
            & Q(need__decision__project__fiscal_year=fiscal_year)
        )
        .order_by()
        .values_list("responsible_id")
        .annotate(n=Count("pk"))
    )
    found: dict[int, int] = {}
    for source_id, n in needs.union(items, all=True):
        found[source_id] = found.get(source_id, 0) + n
    return found


def area_parts(name_th: str, name_en: str, keywords: str) -> list[str]:
    """The compacted parts `source_texts` puts in a source's area_text for this area: a
    word (never containing a space) is in that area_text exactly when it is in one of the
    parts of one of the source's areas."""
    return [normalise(part).replace(" ", "") for part in (name_th, keywords, name_en) if part]


def wanted_for(need: Need) -> tuple[Wanted, dict[int, frozenset[str]], dict[int, str]]:
    """What the need asks for; and, per expertise area id, the need's words in that area's
    texts and the code of each area."""
    project = need.decision.project
    codes = NEED_AREA_EXPERTISE.get(need.area, ())
    words = need_words(need.description)
    names, words_in_area, code_of = {}, {}, {}
    for pk, code, th, en, keywords in ExpertiseArea.objects.values_list(
        "pk", "code", "name_th", "name_en", "keywords"
    ):
        code_of[pk] = code
        if code in codes:
            names[code] = _area_name((th, en))
        parts = area_parts(th, en, keywords)
        words_in_area[pk] = frozenset(w for w in words if any(w in part for part in parts))
    wanted = Wanted(
        area_codes=tuple(codes),
        words=dict.fromkeys(words, 1.0),
        province_id=project.province_id,
        region_id=project.province.region_id,
        area_names=names,
    )
    return wanted, words_in_area, code_of


def within(candidate: Candidate, wanted: Wanted, near: str) -> bool:
    """Is the source in or serving the province ("province") or its region ("region")?"""
    if near == "province":
        return candidate.home_province_id == wanted.province_id or candidate.serves_province
    if near == "region":
        return within(candidate, wanted, "province") or (
            wanted.region_id is not None
            and (candidate.home_region_id == wanted.region_id or candidate.serves_region)
        )
    return True


def fetch(queryset: QuerySet) -> list[tuple]:
    """All rows of a values_list() queryset in one fetch (Django fetches 100 at a time)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def candidates(need: Need, near: str = "") -> tuple[Wanted, list[Candidate]]:
    """The sources whose expertise or words match the need (in or near the place when
    `near`), with the need's words weighted by rarity and `text` worked out; from five
    set-based queries. Each word is looked for once in all the sources' texts joined."""
    wanted, words_in_area, code_of = wanted_for(need)
    region_of = dict(Province.objects.values_list("pk", "region_id"))
    rows = fetch(
        KnowledgeSource.objects.filter(listed=True)
        .order_by()
        .values_list("pk", "search_text", "home_province_id")
    )
    useful = [pk for pk, code in code_of.items() if code in wanted.area_codes or words_in_area[pk]]
    links = fetch(
        KnowledgeSource.areas.through.objects.filter(expertisearea_id__in=useful).values_list(
            "knowledgesource_id", "expertisearea_id"
        )
    )
    code_sets: dict[int, set[str]] = {}
    area_words: dict[int, set[str]] = {}
    for pk, area_id in links:
        if code_of[area_id] in wanted.area_codes:
            code_sets.setdefault(pk, set()).add(code_of[area_id])
        if words_in_area[area_id]:
            area_words.setdefault(pk, set()).update(words_in_area[area_id])
    codes = {pk: frozenset(found) for pk, found in code_sets.items()}
    region = [p for p, r in region_of.items() if r is not None and r == wanted.region_id]
    served: dict[int, bool] = {}  # serves a province of the region: does it serve this one?
    for pk, province_id in fetch(
        KnowledgeSource.service_provinces.through.objects.filter(
            province_id__in=region or [wanted.province_id]
        ).values_list("knowledgesource_id", "province_id")
    ):
        served[pk] = served.get(pk, False) or province_id == wanted.province_id
    if near:
        rows = [
            row
            for row in rows
            if within(
                Candidate(
                    pk=row[0],
                    home_province_id=row[2],
                    home_region_id=region_of.get(row[2]),
                    serves_province=served.get(row[0], False),
                    serves_region=row[0] in served,
                ),
                wanted,
                near,
            )
        ]
    joined, starts = joined_texts([row[1] for row in rows])
    in_text: dict[int, set[str]] = {}
    for word in wanted.words:
        found = containing(word, joined, starts)
        wanted.words[word] = idf(len(found), len(rows))
        for index in found:
            in_text.setdefault(index, set()).add(word)
    total = sum(wanted.words.values())
    found_candidates = []
    for index, (pk, search_text, home) in enumerate(rows):
        words, wanted_codes = in_text.get(index), codes.get(pk)
        if not words and not wanted_codes:
            continue
        in_areas = area_words.get(pk, set())
        candidate = Candidate(
            pk=pk,
            area_codes=wanted_codes or NO_CODES,
            search_text=search_text,
            home_province_id=home,
            home_region_id=region_of.get(home) if home else None,
            serves_province=served.get(pk, False),
            serves_region=pk in served,
        )
        candidate.text = (
            text_share(wanted.words, in_areas, (words or set()) | in_areas, total)
            if words or in_areas
            else NO_TEXT
        )
        found_candidates.append(candidate)
    return wanted, found_candidates


def scored(pool: list[Candidate], wanted: Wanted) -> list[tuple[float, Candidate]]:
    """(score, candidate) of the matching candidates, best first (ties by id)."""
    wanted.text_best = max((c.text[0] for c in pool if c.text), default=0.0)
    result = [(score_value(c, wanted, c.text or NO_TEXT), c) for c in pool]
    result.sort(key=lambda row: (-row[0], row[1].pk))
    return result


def rank(need: Need, limit: int = 10, near: str = "") -> list[Match]:
    """The sources for `need`, best first (only those whose expertise or words match);
    `near` = "province" or "region" keeps those in or serving the project's province/region."""
    collecting = gc.isenabled()
    gc.disable()  # thousands of small objects; a full collection walks PyThaiNLP's dictionary
    try:
        wanted, pool = candidates(need, near)
        load = workloads(need.decision.project.fiscal_year, need.pk)
        for candidate in pool:
            candidate.workload = load.get(candidate.pk, 0)
        top = scored(pool, wanted)[:limit]
    finally:
        if collecting:
            gc.enable()
    sources = KnowledgeSource.objects.select_related("home_province").prefetch_related("areas")
    by_pk = {s.pk: s for s in sources.filter(pk__in=[c.pk for _v, c in top])}
    return [
        Match(by_pk[c.pk], value, reasons(c, wanted, c.text or NO_TEXT))
        for value, c in top
        if c.pk in by_pk
    ]


# ---- assigning ------------------------------------------------------------------------


def can_assign(user, province_id: int) -> bool:
    """Officers of the province, national staff, and committee members of the province."""
    return access.can_manage_province(user, province_id) or province_id in access.province_ids(
        user, roles=[Role.COMMITTEE]
    )


@transaction.atomic
def assign(*, by, need: Need, source: KnowledgeSource | None) -> Need:
    """Assign a knowledge source to a need (None unassigns). The need's plan items with no
    one responsible, or the source assigned before, get the new source (audited)."""
    province_id = need.decision.project.province_id
    if not can_assign(by, province_id):
        raise PermissionDenied(_("You may not assign knowledge sources to needs of this province."))
    if source is not None and not source.listed:
        raise ValidationError(
            {"source": _("This knowledge source is not listed in the directory.")}
        )
    need = Need.objects.select_for_update().get(pk=need.pk)
    before = need.assigned_source_id
    need.assigned_source = source
    need.assigned_by = by if source else None
    need.assigned_at = timezone.now() if source else None
    need.save(update_fields=["assigned_source", "assigned_by", "assigned_at"])
    following = Q(responsible__isnull=True) | Q(responsible_id=before)
    for item in need.plan_items.filter(following):
        if item.responsible_id == (source.pk if source else None):
            continue
        item.responsible = source
        item.save(update_fields=["responsible"])  # one by one, so each change is audited
    return need
