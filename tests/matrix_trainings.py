"""Permission-matrix rows for trainings (see tests/test_permissions.py).

Officers and committee members of the province read a training; officers and national
staff change it; another province's training is not there (404). Judges and producers are
refused by role first (403)."""

import datetime as dt

from tests.permission_cases import Case, signed_in

SEE_A = signed_in(403, officer_a=200, committee_a=200, national=200, officer_b=404)
SEE_B = signed_in(403, officer_b=200, national=200, officer_a=404, committee_a=404)
CHANGE_A = signed_in(403, officer_a=200, national=200, officer_b=404)
CHANGE_B = SEE_B  # province A people: not there


def _rows(name: str, key: str, see: bool) -> list[Case]:
    a, b = (SEE_A, SEE_B) if see else (CHANGE_A, CHANGE_B)
    return [
        Case(f"trainings:{name}", a, lambda w: {"pk": w[f"{key}_a"].pk}),
        Case(f"trainings:{name}", b, lambda w: {"pk": w[f"{key}_b"].pk}, note="province B"),
    ]


CASES: list[Case] = [
    *_rows("project_trainings", "project", see=True),
    *_rows("training_add", "project", see=False),
    *_rows("training", "training", see=True),
    *_rows("training_edit", "training", see=False),
    *_rows("session_add", "training", see=False),
    *_rows("trainees", "training", see=False),
    *_rows("session_edit", "session", see=False),
    *_rows("attendance", "session", see=False),
    *_rows("sheet_pdf", "session", see=True),
    Case(
        "trainings:trainee_remove",
        signed_in(405),
        lambda w: {"pk": w["trainee_a"].pk},
        note="POST only",
    ),
    Case(
        "trainings:certificates_pdf",
        signed_in(405),
        lambda w: {"pk": w["training_a"].pk},
        note="POST only",
    ),
]


def world(made: dict) -> dict:
    """A training with a session and a trainee on each of project_a and project_b."""
    from kbo.trainings.models import Session, Trainee, Training

    found = {}
    for key in ("a", "b"):
        training = Training.objects.create(
            project=made[f"project_{key}"],
            title=f"หลักสูตร {key}",
            starts_on=dt.date(2022, 2, 14),
            ends_on=dt.date(2022, 2, 18),
        )
        found[f"training_{key}"] = training
        found[f"session_{key}"] = Session.objects.create(
            training=training, day=dt.date(2022, 2, 14), topic=f"หัวข้อ {key}"
        )
        found[f"trainee_{key}"] = Trainee.objects.create(
            training=training, group=Trainee.Group.OTHER, name=f"ผู้อบรม {key}"
        )
    return found
