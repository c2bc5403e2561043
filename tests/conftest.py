"""Shared fixtures: the personas of the permission matrix and a small geography.

Personas (as in the style guide): an officer of Chiang Mai (province A), an officer of
Mae Hong Son (province B), a committee member, a judge and a producer of Chiang Mai, a
national administrator, and an anonymous visitor.
"""

import os

import pytest
from django.test import Client, override_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from kbo.accounts.models import Membership, Role, User
from kbo.geo.models import District, Province, Region, Subdistrict

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory):
    """Tasks run inline, static files need no collectstatic, passwords hash fast, figures
    are not cached."""
    with override_settings(
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # A test's transaction never commits, so no change would bump the data versions:
        # figures are computed live here; tests/core/test_versions.py, tests/dashboards and
        # tests/showcase turn the cache on (with real commits) where they test it.
        KBO_FIGURES_CACHE=False,
    ):
        yield


@pytest.fixture
def geo(db):
    """Two provinces with one district and one subdistrict each (Chiang Mai, Mae Hong Son)."""
    north = Region.objects.create(code="north", name_th="ภาคเหนือ", name_en="North", sort_order=1)
    areas = {}
    for pcode, pth, pen, dcode, dth, den, scode, sth, sen, postal in [
        (
            "50",
            "เชียงใหม่",
            "Chiang Mai",
            "5001",
            "เมืองเชียงใหม่",
            "Mueang Chiang Mai",
            "500101",
            "ศรีภูมิ",
            "Si Phum",
            "50200",
        ),
        (
            "58",
            "แม่ฮ่องสอน",
            "Mae Hong Son",
            "5803",
            "ปาย",
            "Pai",
            "580301",
            "เวียงใต้",
            "Wiang Tai",
            "58130",
        ),
    ]:
        province = Province.objects.create(code=pcode, name_th=pth, name_en=pen, region=north)
        district = District.objects.create(code=dcode, name_th=dth, name_en=den, province=province)
        Subdistrict.objects.create(
            code=scode,
            name_th=sth,
            name_en=sen,
            district=district,
            province=province,
            postal_codes=postal,
        )
        areas[pcode] = province
    return areas


def consent_to_case_studies(*products) -> None:
    """Record each product's producer's consent to a public case study (the knowledge
    library publishes a case study to everyone only with it)."""
    from kbo.privacy.models import Consent, Purpose

    for product in products:
        Consent.objects.create(
            producer_id=product.producer_id, purpose=Purpose.CASE_STUDY, given=True
        )


def make_user(username, role, province, **extra):
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=extra.pop("first_name", username),
        last_name=extra.pop("last_name", "ทดสอบ"),
        **extra,
    )
    if role == Role.NATIONAL_ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    Membership.objects.create(user=user, role=role, province=province)
    return user


@pytest.fixture
def people(geo):
    """Every persona except the anonymous visitor, by name."""
    a, b = geo["50"], geo["58"]
    return {
        "officer_a": make_user("officer_a", Role.OFFICER, a, first_name="สมชาย"),
        "officer_b": make_user("officer_b", Role.OFFICER, b, first_name="มาลี"),
        "committee_a": make_user("committee_a", Role.COMMITTEE, a),
        "judge_a": make_user("judge_a", Role.JUDGE, a),
        "producer_a": make_user("producer_a", Role.PRODUCER, a),
        "producer_b": make_user("producer_b", Role.PRODUCER, b),
        "national": make_user("national", Role.NATIONAL_ADMIN, None),
    }


@pytest.fixture
def client_for(people):
    """client_for("officer_a") is a logged-in test client; client_for("anonymous") is not."""

    def build(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(people[persona])
        return client

    return build


@pytest.fixture
def registry(people, geo):
    """One producer with one product in each province (A: Chiang Mai, B: Mae Hong Son), with
    histories; producer_a's account belongs to the producer of province A."""
    import datetime as dt
    from decimal import Decimal

    from kbo.registry.models import (
        Certificate,
        Producer,
        Product,
        Sale,
        SegmentAssessment,
        StarRating,
        StarRound,
    )
    from kbo.search import document

    made = {}
    for key, code in (("a", "50"), ("b", "58")):
        sub = Subdistrict.objects.filter(province__code=code).first()
        producer = Producer.objects.create(
            code=f"P{code}001",
            producer_type="COMMUNITY_GROUP",
            name=f"กลุ่มทอผ้าบ้าน{sub.name_th}",
            registered_year=2560,
            province=sub.province,
            district=sub.district,
            subdistrict=sub,
            village_no=3,
            phone="0812345678",
            id_number="1101700207030",
            contact_name="นางบัวคำ จันทร์ดี",
            member_count=25,
        )
        producer.search_text = document(producer.name, sub.name_th, sub.province.name_th)
        producer.save()
        product = Product.objects.create(
            code=f"{code}0001",
            producer=producer,
            province=sub.province,
            name="ผ้าทอขนแกะ" if key == "b" else "ผ้าฝ้ายทอมือ",
            category="TEXTILE",
            price=Decimal("850"),
            unit="ผืน",
            current_stars=3,
            current_star_year=2565,
            current_segment="D",
        )
        product.search_text = document(product.name, producer.name, sub.province.name_th)
        product.save()
        rnd, _ = StarRound.objects.get_or_create(year=2565)
        StarRating.objects.create(product=product, round=rnd, stars=3, score=Decimal("72"))
        SegmentAssessment.objects.create(product=product, year=2565, segment="D")
        Certificate.objects.create(
            product=product,
            kind="MOPHOCHO",
            number="มผช. 1234/2565",
            issuer="สมอ.",
            issued_on=dt.date(2022, 3, 1),
            expires_on=dt.date(2025, 3, 1),
        )
        Sale.objects.create(product=product, fiscal_year=2565, amount=Decimal("120000"))
        made[f"producer_{key}"] = producer
        made[f"product_{key}"] = product
    made["producer_a"].accounts.add(people["producer_a"])
    return made


@pytest.fixture
def kbo_network(people, geo):
    """A KBO network in each province (A: Chiang Mai, B: Mae Hong Son): a term with a chair
    and a member, a knowledge source, and a meeting (meetings are private to the province)."""
    import datetime as dt

    from kbo.network.areas import ensure_areas
    from kbo.network.models import ExpertiseArea, KnowledgeSource, Meeting, Network, Term
    from kbo.network.services import seat_add, source_save

    ensure_areas()  # seeded by a migration, but flushed by earlier transactional tests
    made = {}
    for key, code in (("a", "50"), ("b", "58")):
        province = geo[code]
        network = Network.objects.create(
            province=province,
            name=f"เครือข่าย KBO จังหวัด{province.name_th}",
            founded_year=2549,
            secretariat=f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
        )
        term = Term.objects.create(
            network=network,
            order_number=f"คำสั่งจังหวัด{province.name_th} ที่ 1/2562",
            starts_on=dt.date(2019, 10, 1),
            ends_on=dt.date(2023, 9, 30),
        )
        chair = KnowledgeSource.objects.create(
            kind="EXPERT",
            name=f"นายผู้ว่า {key}",
            sector="GOVERNMENT",
            title="ผู้ว่าราชการจังหวัด",
            home_province=province,
        )
        expert = KnowledgeSource(
            kind="EXPERT",
            name=f"ผศ.ดร.ออกแบบ {key}",
            sector="EDUCATION",
            organisation="มหาวิทยาลัย",
            home_province=province,
            description="ออกแบบบรรจุภัณฑ์และตราสินค้าให้ผลิตภัณฑ์ชุมชน",
        )
        source_save(
            by=people["national"],
            source=expert,
            areas=ExpertiseArea.objects.filter(code__in=["packaging", "branding"]),
            service_provinces=[province],
        )
        made[f"chair_seat_{key}"] = seat_add(
            by=people["national"], term=term, person=chair, role="CHAIR", sector="GOVERNMENT"
        )
        made[f"member_seat_{key}"] = seat_add(
            by=people["national"], term=term, person=expert, role="MEMBER", sector="EDUCATION"
        )
        made[f"meeting_{key}"] = Meeting.objects.create(
            network=network,
            province=province,
            fiscal_year=2563,
            number=1,
            held_on=dt.date(2020, 1, 13),
            place="ศาลากลางจังหวัด",
        )
        made[f"network_{key}"], made[f"term_{key}"], made[f"source_{key}"] = network, term, expert
    return made
