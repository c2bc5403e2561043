"""Demo people: one or more per role in the provinces of the source articles."""

from kbo.accounts.models import Membership, Role, User
from kbo.geo.models import Province

DEMO_PASSWORD = "kbo-demo-2569"

# username, first name, last name, role, province code (None: national), organisation
PEOPLE = [
    (
        "national",
        "พรทิพย์",
        "ศรีสุข",
        Role.NATIONAL_ADMIN,
        None,
        "กองส่งเสริมภูมิปัญญาท้องถิ่นและวิสาหกิจชุมชน กรมการพัฒนาชุมชน",
    ),
    ("officer.chiangmai", "สมชาย", "ใจดี", Role.OFFICER, "50", "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่"),
    ("officer.maehongson", "มาลี", "คำแสน", Role.OFFICER, "58", "สำนักงานพัฒนาชุมชนจังหวัดแม่ฮ่องสอน"),
    ("officer.mukdahan", "วีระพงษ์", "พรหมมา", Role.OFFICER, "49", "สำนักงานพัฒนาชุมชนจังหวัดมุกดาหาร"),
    ("officer.chachoengsao", "อรุณี", "วงศ์สวัสดิ์", Role.OFFICER, "24", "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา"),
    ("committee.chiangmai", "ณัฐพล", "อินทร์แก้ว", Role.COMMITTEE, "50", "คณะวิจิตรศิลป์ มหาวิทยาลัยเชียงใหม่"),
    (
        "committee.maehongson",
        "ศิริพร",
        "แสงคำ",
        Role.COMMITTEE,
        "58",
        "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขาแม่ฮ่องสอน",
    ),
    ("judge.chiangmai", "ปิยะนุช", "ตาคำ", Role.JUDGE, "50", "ผู้ทรงคุณวุฒิด้านการออกแบบบรรจุภัณฑ์"),
    ("judge.chiangmai2", "ธนากร", "วงค์ษา", Role.JUDGE, "50", "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 1"),
    ("judge.chiangmai3", "กาญจนา", "ปัญญาดี", Role.JUDGE, "50", "หอการค้าจังหวัดเชียงใหม่"),
    ("judge.chiangmai4", "ประเสริฐ", "สุวรรณคำ", Role.JUDGE, "50", "ผู้ทรงคุณวุฒิด้านการตลาดผลิตภัณฑ์ชุมชน"),
    # Judges of the national contest (kbo.contests.demo), from Bangkok-based institutions.
    ("judge.nation1", "วิไลวรรณ", "ทองมา", Role.JUDGE, "10", "กรมการพัฒนาชุมชน"),
    ("judge.nation2", "สุรชัย", "เพชรรัตน์", Role.JUDGE, "10", "กรมส่งเสริมอุตสาหกรรม"),
    ("judge.nation3", "อรพรรณ", "ศรีวิเศษ", Role.JUDGE, "10", "ศูนย์ส่งเสริมศิลปาชีพระหว่างประเทศ"),
    ("judge.nation4", "ชาญวิทย์", "บุญเรือง", Role.JUDGE, "10", "คณะมัณฑนศิลป์ มหาวิทยาลัยศิลปากร"),
    ("judge.nation5", "นงลักษณ์", "มีสุข", Role.JUDGE, "10", "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม"),
    ("producer.maehongson", "บัวคำ", "จันทร์ดี", Role.PRODUCER, "58", "กลุ่มทอผ้าไทใหญ่บ้านเมืองปอน"),
    ("producer.mukdahan", "คำปุ่น", "ศรีวงศ์", Role.PRODUCER, "49", "กลุ่มผ้าย้อมครามบ้านภู"),
]


def load() -> list[tuple[str, str, str]]:
    """Create or refresh the demo people; return (username, role label, province) rows."""
    rows = []
    for username, first, last, role, code, organisation in PEOPLE:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.org"
        user.is_staff = user.is_superuser = role == Role.NATIONAL_ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        province = Province.objects.get(code=code) if code else None
        Membership.objects.update_or_create(
            user=user,
            role=role,
            province=province,
            defaults={"organisation": organisation, "is_active": True},
        )
        rows.append((username, str(Role(role).label), province.name_th if province else "ทั้งประเทศ"))
    return rows
