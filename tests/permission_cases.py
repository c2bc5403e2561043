"""Building blocks of the permission matrix (tests/test_permissions.py)."""

from dataclasses import dataclass, field

PERSONAS = [
    "anonymous",
    "officer_a",
    "officer_b",
    "committee_a",
    "judge_a",
    "producer_a",
    "national",
]
SIGNED_IN = PERSONAS[1:]


def answers(default: int, **by_persona: int) -> dict[str, int]:
    unknown = set(by_persona) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {p: by_persona.get(p, default) for p in PERSONAS}


def signed_in(code: int, **by_persona: int) -> dict[str, int]:
    """`code` for every signed-in persona; the anonymous visitor goes to the login page."""
    return answers(code, **{"anonymous": 302, **by_persona})


def api_signed_in(code: int, **by_persona: int) -> dict[str, int]:
    return answers(code, **{"anonymous": 401, **by_persona})


OWN_PROVINCE_A = dict(officer_b=404, committee_a=404, judge_a=404)  # a membership of producer_a


@dataclass
class Case:
    name: str
    expect: dict[str, int]
    kwargs: object = field(default_factory=dict)  # dict, or a callable(world) -> dict
    note: str = ""
