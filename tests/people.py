"""The five roles the tests ask for: a leader, the leader's chef and director, HR and an
administrator (the fixtures of the same names in conftest.py build them one by one)."""

from nyborg_ledelse.organisation.models import Leader, Role
from tests.factories import LeaderFactory


def new_director() -> Leader:
    return LeaderFactory(role=Role.DIRECTOR, job_title="Kommunaldirektør", level=1)


def new_chef(director: Leader) -> Leader:
    return LeaderFactory(role=Role.CHEF, job_title="Skolechef", level=2, reports_to=director)


def new_leader(chef: Leader) -> Leader:
    return LeaderFactory(job_title="Skoleleder", level=3, reports_to=chef)


def new_hr() -> Leader:
    return LeaderFactory(
        works_in_hr=True,
        job_title="HR-konsulent",
        has_budget_responsibility=False,
        has_staff_responsibility=False,
    )


def new_administrator() -> Leader:
    return LeaderFactory(
        administers_product=True,
        job_title="Systemadministrator",
        has_budget_responsibility=False,
        has_staff_responsibility=False,
    )


def new_people() -> dict[str, Leader]:
    director = new_director()
    chef = new_chef(director)
    return {
        "leader": new_leader(chef),
        "chef": chef,
        "director": director,
        "hr": new_hr(),
        "administrator": new_administrator(),
    }
