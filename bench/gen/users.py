"""The accounts the benchmarks sign in as, all with the password `kbo-bench-2569` (hashed
once): `bench-national` (national administrator), `bench-officer-<code>` for every province,
`bench-committee-50`, `bench-producer-1` (a Chiang Mai producer's account) and the judges
`bench-judge-<n>` of the contests (`bench-judge-1` judges Chiang Mai's contests)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kbo.accounts.models import Membership, Role, User
from kbo.registry.models import Producer

from .base import Ids, World, write

PASSWORD = "kbo-bench-2569"
JUDGES_PER_PROVINCE = 3
NATIONAL_JUDGES = 5


@dataclass
class Accounts:
    national: int = 0
    officers: dict[str, int] = field(default_factory=dict)
    judges: dict[str, list[int]] = field(default_factory=dict)  # province code ("" national)


def generate(world: World, producer_of_50: int | None) -> Accounts:
    ids = Ids(User)
    password = make_password(PASSWORD)
    now = timezone.now()
    users: list[tuple] = []
    members: list[tuple] = []
    made = Accounts()

    def user(username: str, first: str, last: str, staff: bool = False) -> int:
        uid = ids.take()
        users.append((uid, password, staff, username, first, last,
                      f"{username}@bench.example.org", staff, True, now))  # fmt: skip
        return uid

    def member(uid: int, role: str, province_id: int | None, organisation: str) -> None:
        members.append((uid, role, province_id, organisation, True))

    made.national = user("bench-national", "ผู้ดูแล", "ระดับประเทศ", staff=True)
    member(made.national, Role.NATIONAL_ADMIN, None, "กรมการพัฒนาชุมชน")
    for p in world.provinces:
        uid = made.officers[p.code] = user(f"bench-officer-{p.code}", "เจ้าหน้าที่", p.name_th)
        member(uid, Role.OFFICER, p.id, f"สำนักงานพัฒนาชุมชนจังหวัด{p.name_th}")
    chiang_mai = world.province("50")
    uid = user("bench-committee-50", "กรรมการ", "เครือข่ายเชียงใหม่")
    member(uid, Role.COMMITTEE, chiang_mai.id, "คณะกรรมการเครือข่าย KBO จังหวัดเชียงใหม่")
    producer = user("bench-producer-1", "ผู้ผลิต", "เชียงใหม่")
    member(producer, Role.PRODUCER, chiang_mai.id, "")
    n = 0
    order = sorted(world.provinces, key=lambda p: (p.code != "50", p.code))
    for p in order:
        if p.code == "10":
            continue
        for _ in range(JUDGES_PER_PROVINCE):
            n += 1
            uid = user(f"bench-judge-{n}", "กรรมการตัดสิน", f"{p.name_th} {n}")
            member(uid, Role.JUDGE, p.id, f"ผู้ทรงคุณวุฒิจังหวัด{p.name_th}")
            made.judges.setdefault(p.code, []).append(uid)
    bangkok = world.province("10")
    for _ in range(NATIONAL_JUDGES):
        n += 1
        uid = user(f"bench-judge-{n}", "กรรมการตัดสิน", f"ระดับประเทศ {n}")
        member(uid, Role.JUDGE, bangkok.id, "กรมการพัฒนาชุมชน")
        made.judges.setdefault("", []).append(uid)
    write(User, ["id", "password", "is_superuser", "username", "first_name", "last_name",
                 "email", "is_staff", "is_active", "date_joined"], users)  # fmt: skip
    write(Membership, ["user_id", "role", "province_id", "organisation", "is_active"], members)
    if producer_of_50 is not None:
        write(Producer.accounts.through, ["producer_id", "user_id"], [(producer_of_50, producer)])
    return made
