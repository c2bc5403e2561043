"""The default rubric the contests start from (then edited as data): the criteria the
national KBO contest judges by, weights in points out of 100, each scored 0–10 by a judge.

A judge's weighted total for an entry is Σ weight × score / maximum score, so with the
default template it is a mark out of 100.
"""

DEFAULT_TEMPLATE = "เกณฑ์มาตรฐานการประกวด KBO จังหวัดดีเด่น"

DEFAULT_CRITERIA: list[tuple[str, str, int, int]] = [
    # name, what the judges look for, weight (points), maximum score
    (
        "อัตลักษณ์ของจังหวัด",
        "ผลิตภัณฑ์สะท้อนเอกลักษณ์ ภูมิปัญญา วัฒนธรรม หรือวัตถุดิบของจังหวัดอย่างชัดเจน",
        20,
        10,
    ),
    ("คุณภาพและมาตรฐาน", "คุณภาพสม่ำเสมอ ได้รับมาตรฐาน (มผช. อย. มอก. ฯลฯ) และความปลอดภัย", 15, 10),
    ("บรรจุภัณฑ์และการออกแบบ", "บรรจุภัณฑ์สวยงาม ปกป้องสินค้า ฉลากครบถ้วน การออกแบบสื่อเรื่องราว", 15, 10),
    ("ราคาและความคุ้มค่า", "ราคาเหมาะสมกับคุณภาพและกลุ่มลูกค้า มีการคำนวณต้นทุน", 10, 10),
    ("ประโยชน์ใช้สอยและความเหมาะสมกับตลาด", "ใช้งานได้จริง ตรงความต้องการของตลาดเป้าหมาย", 10, 10),
    ("นวัตกรรม", "มีการพัฒนาหรือใช้เทคโนโลยี/ความรู้ใหม่ที่ได้จากเครือข่าย KBO", 10, 10),
    ("ผลการจำหน่าย", "ยอดจำหน่ายและช่องทางการตลาดที่เพิ่มขึ้นหลังการพัฒนา", 10, 10),
    ("การนำเสนอ", "การนำเสนอผลงานและเรื่องราวของผลิตภัณฑ์ต่อคณะกรรมการ", 10, 10),
]


def ensure_default_template(template_model=None, criterion_model=None):
    """Create the default template when it is missing (idempotent; usable in migrations)."""
    if template_model is None:
        from kbo.contests.models import RubricTemplate as template_model
        from kbo.contests.models import TemplateCriterion as criterion_model
    template, created = template_model.objects.get_or_create(
        name=DEFAULT_TEMPLATE,
        defaults={
            "is_default": True,
            "description": "แปดเกณฑ์ น้ำหนักรวม 100 คะแนน กรรมการให้คะแนนแต่ละเกณฑ์ 0–10",
        },
    )
    if created:
        criterion_model.objects.bulk_create(
            criterion_model(
                template=template,
                order=order,
                name=name,
                description=description,
                weight=weight,
                max_score=max_score,
            )
            for order, (name, description, weight, max_score) in enumerate(DEFAULT_CRITERIA, 1)
        )
    return template
