"""Permission-matrix rows for plans (see tests/test_permissions.py)."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile

from tests.permission_cases import Case, signed_in

# Development pages of a selected product of province A: officers and committee members of
# A and national staff; judges and producers are not project staff (403 before lookup).
WORK_A = signed_in(403, officer_a=200, committee_a=200, national=200, officer_b=404)
WORK_B = signed_in(403, officer_b=200, national=200, officer_a=404, committee_a=404)
# Files: whoever reads the province's passports, and the producer of the product.
FILE_A = signed_in(200, officer_b=404)
FILE_B = signed_in(404, officer_b=200, national=200)
# Targets and activities: officers of the province and national staff change them.
CHANGE_A = signed_in(403, officer_a=200, national=200, officer_b=404)
CHANGE_B = signed_in(404, officer_b=200, national=200)


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (120, 40, 140)).save(out, "PNG")
    return out.getvalue()


def develop(project, product, by) -> dict:
    """A SELECTED decision on `product` with an analysis, a need, a plan item with an
    evidence file, and a prototype with one version (before and after photos)."""
    from kbo.programmes.models import (
        Analysis,
        Decision,
        Evidence,
        Need,
        PlanItem,
        Prototype,
        PrototypeVersion,
    )

    decision = Decision.objects.create(
        project=project, product=product, status="SELECTED", reason="ตรงเกณฑ์", decided_by=by
    )
    analysis = Analysis.objects.create(
        decision=decision,
        analysed_on=dt.date(2022, 1, 10),
        with_whom="ประธานกลุ่มและคณะกรรมการ",
        strengths="ลายผ้าเอกลักษณ์",
        weaknesses="บรรจุภัณฑ์ไม่สะดุดตา",
        opportunities="ตลาดออนไลน์",
        threats="คู่แข่งราคาถูก",
    )
    need = Need.objects.create(
        decision=decision, area="PACKAGING", description="ออกแบบบรรจุภัณฑ์ใหม่", priority=1
    )
    item = PlanItem.objects.create(
        decision=decision,
        need=need,
        area="PACKAGING",
        action="จัดอบรมออกแบบกล่อง",
        responsible_other="มหาวิทยาลัยเชียงใหม่",
        due_on=dt.date(2022, 3, 31),
        budget=Decimal("15000"),
    )
    evidence = Evidence(item=item, caption="รายงาน", uploaded_by=by)
    evidence.file.save("report.pdf", ContentFile(b"%PDF-1.4 evidence"), save=True)
    prototype = Prototype.objects.create(decision=decision, name="กล่องผ้าแบบใหม่")
    version = PrototypeVersion(prototype=prototype, number=1, changes="เปลี่ยนสีกล่อง")
    version.before_photo.save("before.png", ContentFile(png()), save=False)
    version.after_photo.save("after.png", ContentFile(png()), save=False)
    version.save()
    return {
        "decision": decision,
        "analysis": analysis,
        "need": need,
        "item": item,
        "evidence": evidence,
        "prototype": prototype,
        "version": version,
    }


def _rows(key: str, work: dict, file: dict, note: str) -> list[Case]:
    def pk(name: str):
        return lambda w: {"pk": w[f"plans_{key}"][name].pk}

    return [
        Case("programmes:participant", work, pk("decision"), note=note),
        Case("programmes:analysis", work, pk("decision"), note=note),
        Case("programmes:need_add", work, pk("decision"), note=note),
        Case("programmes:need_edit", work, pk("need"), note=note),
        Case("programmes:plan_item_add", work, pk("decision"), note=note),
        Case("programmes:plan_item_edit", work, pk("item"), note=note),
        Case("programmes:evidence_add", work, pk("item"), note=note),
        Case("programmes:evidence_file", file, pk("evidence"), note=note),
        Case("programmes:prototype_add", work, pk("decision"), note=note),
        Case("programmes:prototype_version_add", work, pk("prototype"), note=note),
        Case(
            "programmes:prototype_photo",
            file,
            lambda w: {"pk": w[f"plans_{key}"]["version"].pk, "which": "before"},
            note=note,
        ),
    ]


CASES: list[Case] = [
    *_rows("a", WORK_A, FILE_A, "province A"),
    *_rows("b", WORK_B, FILE_B, "province B"),
    Case(
        "programmes:need_delete",
        signed_in(405),
        lambda w: {"pk": w["plans_a"]["need"].pk},
        note="POST only",
    ),
    Case(
        "programmes:prototype_photo",
        signed_in(404, officer_b=404),
        lambda w: {"pk": w["plans_a"]["version"].pk, "which": "sideways"},
        note="neither before nor after",
    ),
    Case("programmes:targets", CHANGE_A, lambda w: {"pk": w["project_a"].pk}),
    Case("programmes:targets", CHANGE_B, lambda w: {"pk": w["project_b"].pk}, note="province B"),
    Case(
        "programmes:activity_edit",
        CHANGE_A,
        lambda w: {"pk": w["project_a"].activities.get(kind="CAPACITY").pk},
    ),
    Case(
        "programmes:activity_edit",
        CHANGE_B,
        lambda w: {"pk": w["project_b"].activities.get(kind="CAPACITY").pk},
        note="province B",
    ),
]


def world(made: dict) -> dict:
    """Objects the rows above need, given the shared world `made` (projects_ab(), registry, network...)."""
    from kbo.accounts.models import User
    from kbo.programmes.models import Activity

    national = User.objects.get(username="national")
    found = {}
    for key in ("a", "b"):
        project = made[f"project_{key}"]
        for kind in Activity.Kind.values:
            Activity.objects.get_or_create(project=project, kind=kind)
        found[f"plans_{key}"] = develop(project, made[f"product_{key}"], national)
    return found
