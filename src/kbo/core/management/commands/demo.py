from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from kbo.accounts import demo as accounts_demo
from kbo.contests import demo as contests_demo
from kbo.core import versions
from kbo.geo.models import Province
from kbo.geo.services import geo_load
from kbo.knowledge import demo as knowledge_demo
from kbo.network import demo as network_demo
from kbo.outcomes import demo as outcomes_demo
from kbo.programmes import demo as programmes_demo
from kbo.registry import demo as registry_demo
from kbo.showcase import demo as showcase_demo


class Command(BaseCommand):
    help = (
        "Load the demo data set (idempotent: running it again refreshes the same records) "
        "and print the demo logins. Loads Thailand's geography first when it is missing."
    )

    def handle(self, *args, **options):
        translation.activate("th")
        if Province.objects.count() < 77:
            result = geo_load()
            self.stdout.write(
                f"geography: {result.provinces} provinces, {result.districts} districts, "
                f"{result.subdistricts} subdistricts"
            )
        with transaction.atomic():
            people = accounts_demo.load()
        registry = registry_demo.load()
        self.stdout.write(
            "registry (ทะเบียน OTOP): {producers:,} producers, {products:,} products, "
            "{star_ratings:,} star ratings, {segments:,} segments, {certificates:,} certificates, "
            "{sales:,} sales rows in {provinces} provinces".format(**registry)
        )
        networks = network_demo.load()
        self.stdout.write(
            "networks (เครือข่าย KBO): {networks} networks, {terms} committee terms, "
            "{seats} seats, {sources:,} knowledge sources, {meetings} meetings".format(**networks)
        )
        projects = programmes_demo.load()
        self.stdout.write(
            "projects (โครงการ KBO): {projects} projects, {selected} selected products, "
            "{decisions} decisions, {plan_items} plan items, {trainings} trainings, "
            "{trainees} trainees".format(**projects)
        )
        contests = contests_demo.load()
        self.stdout.write(
            "contests (การประกวด): {contests} contests, {panels} panels, {entries} entries, "
            "{judges} judge assignments, {sheets} score sheets, {scores} scores".format(**contests)
        )
        outcomes = outcomes_demo.load()
        self.stdout.write(
            "outcomes (ผลลัพธ์): {sales} cohort sales rows; Chiang Mai 2562: "
            "{cohort_2562} products".format(**outcomes)
        )
        showcase = showcase_demo.load()
        self.stdout.write("showcase (ผลงานเด่น): {news} news items".format(**showcase))
        knowledge = knowledge_demo.load()
        self.stdout.write(
            "knowledge (คลังความรู้): {items} items, {case_studies} case studies, "
            "{public} public, {drafts} drafts".format(**knowledge)
        )
        versions.bump_all()  # the demo loads write in bulk too (no model signals)
        self.stdout.write("")
        self.stdout.write(
            f"Demo logins (ผู้ใช้สาธิต) — password for all / รหัสผ่านทุกบัญชี: {accounts_demo.DEMO_PASSWORD}"
        )
        width = max(len(u) for u, _, _ in people)
        for username, role, province in people:
            self.stdout.write(f"  login: {username.ljust(width)}  {role} · {province}")
        self.stdout.write("")
