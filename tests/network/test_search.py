"""Thai search for a need ranks the knowledge sources who meet it first
(`KnowledgeSource.objects.search`, on SQLite and PostgreSQL alike)."""

import pytest

from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.network.services import source_save

SOURCES = [
    # name, kind, organisation, areas, description
    ("ผศ.ดร.กล่องดี", "EXPERT", "มหาวิทยาลัยแม่โจ้", ["packaging", "design_identity"],
     "ออกแบบบรรจุภัณฑ์กระดาษและกล่องของฝาก ยืดอายุผลิตภัณฑ์อาหารแปรรูป"),
    ("ศูนย์ออกแบบบรรจุภัณฑ์ภาคเหนือ", "INSTITUTION", "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 1",
     ["packaging"], "ให้คำปรึกษาการออกแบบและพัฒนาบรรจุภัณฑ์ให้ผู้ประกอบการ OTOP"),
    ("ภญ.สุภาพร อาหารปลอดภัย", "EXPERT", "สำนักงานสาธารณสุขจังหวัดเชียงใหม่",
     ["food_safety", "quality"], "ขอเลขสารบบอาหาร อย. จัดทำฉลากโภชนาการ และหลักเกณฑ์ GMP"),
    ("ดร.วิไล โภชนาการ", "EXPERT", "มหาวิทยาลัยเชียงใหม่", ["food_safety"],
     "วิเคราะห์คุณค่าทางโภชนาการของอาหาร และคำนวณข้อมูลบนฉลากโภชนาการ"),
    ("คุณต้น ไลฟ์สด", "EXPERT", "บริษัท ล้านนาดิจิทัล จำกัด", ["ecommerce", "marketing"],
     "สอนขายออนไลน์ผ่านเฟซบุ๊กและไลฟ์สด เปิดร้านบนแพลตฟอร์มอีคอมเมิร์ซ"),
    ("บริษัท ตลาดออนไลน์ชุมชน จำกัด", "COMPANY", "", ["ecommerce"],
     "รับฝากขายสินค้า OTOP บนร้านค้าออนไลน์ และถ่ายภาพสินค้า"),
    ("แม่ครูบัวคำ ทอผ้า", "LOCAL_WISDOM", "", ["textiles"],
     "ปราชญ์ชาวบ้านด้านการทอผ้าซิ่นตีนจกและย้อมสีธรรมชาติ"),
    ("ธ.ก.ส. สาขาแม่ริม", "INSTITUTION", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", ["finance"],
     "สินเชื่อเพื่อวิสาหกิจชุมชน และการจัดทำบัญชีครัวเรือน"),
    ("อาจารย์สมศักดิ์ ต้นทุน", "EXPERT", "มหาวิทยาลัยราชภัฏเชียงใหม่", ["pricing", "finance"],
     "คำนวณต้นทุนและตั้งราคาขายสินค้าชุมชน"),
]  # fmt: skip
PACKAGING = {"ผศ.ดร.กล่องดี", "ศูนย์ออกแบบบรรจุภัณฑ์ภาคเหนือ"}
LABELLING = {"ภญ.สุภาพร อาหารปลอดภัย", "ดร.วิไล โภชนาการ"}
ONLINE = {"คุณต้น ไลฟ์สด", "บริษัท ตลาดออนไลน์ชุมชน จำกัด"}
UNRELATED = {"แม่ครูบัวคำ ทอผ้า", "ธ.ก.ส. สาขาแม่ริม"}


@pytest.fixture
def sources(people, geo):
    for name, kind, organisation, codes, description in SOURCES:
        source_save(
            by=people["national"],
            source=KnowledgeSource(
                kind=kind, name=name, organisation=organisation, description=description,
                home_province=geo["50"],
            ),
            areas=ExpertiseArea.objects.filter(code__in=codes),
            service_provinces=[geo["50"], geo["58"]],
        )  # fmt: skip


def ranked(text: str) -> list[str]:
    return list(KnowledgeSource.objects.search(text).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("query", "relevant"),
    [("บรรจุภัณฑ์", PACKAGING), ("ฉลากโภชนาการ", LABELLING), ("ขายออนไลน์", ONLINE)],
)
def test_a_need_ranks_its_experts_first(sources, query, relevant):
    names = ranked(query)
    assert set(names[: len(relevant)]) == relevant, names
    assert not UNRELATED & set(names), names


def test_results_carry_a_relevance_that_decreases(sources):
    scores = list(
        KnowledgeSource.objects.search("ฉลากโภชนาการ").values_list("relevance", flat=True)
    )
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0


def test_a_need_nobody_meets_finds_nothing(sources):
    assert ranked("เครื่องยนต์ดีเซล") == []


def test_packaging_experts_are_found_for_labels_but_below_labelling_experts(sources):
    names = ranked("ฉลากโภชนาการ")
    assert set(names) & PACKAGING  # the packaging area knows labels too
    assert max(names.index(n) for n in LABELLING) < min(names.index(n) for n in PACKAGING)
