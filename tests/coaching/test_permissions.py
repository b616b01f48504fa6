import datetime
from decimal import Decimal

import pytest

from tests.coaching.conftest import new_coach
from tests.factories import (
    ApprovalFactory,
    BookingFactory,
    CrisisRequestFactory,
    GroupCoachingFactory,
    GroupCoachingShareFactory,
    PoolApplicationFactory,
    SparringRequestFactory,
)
from tests.permission_matrix import (
    Page,
    assert_junk_is_refused_cleanly,
    assert_reaches,
    built_once_per_module,
    expand,
    junk_cases,
)

LOGIN = 302
ROLES = ["leader", "chef", "director", "hr", "administrator"]
EVERYONE = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 200)}
NOBODY = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 403)}
# Leaders, chefs and directors have staff responsibility; HR and administrators here do not.
STAFF = {**NOBODY, "leader": 200, "chef": 200, "director": 200}
HR = {**NOBODY, "hr": 200}
HR_POST = {**NOBODY, "hr": 302}
# Someone else's record is not found at all, so its existence is not given away.
ONLY_THE_LEADER = {"anonymous": LOGIN, **dict.fromkeys(ROLES, 404), "leader": 200}
BOOKING = (("pk", "booking"),)

COACH = (
    ("name", "Karen Holm"),
    ("certification", "ICF PCC"),
    ("hourly_rate", "1950.00"),
    ("active", "on"),
)

MATRIX = {
    Page("coaching:mine"): EVERYONE,
    Page("coaching:coaches"): EVERYONE,
    Page("coaching:coach_new"): HR,
    Page("coaching:coach_edit", (("pk", "coach"),)): HR,
    Page("coaching:coach_new", method="post", data=COACH): HR_POST,
    Page("coaching:coach_edit", (("pk", "coach"),), "post", COACH): HR_POST,
    Page("coaching:book"): STAFF,
    Page("coaching:booking", BOOKING): ONLY_THE_LEADER,
    Page("coaching:booking_cancel", BOOKING, "post"): {**ONLY_THE_LEADER, "leader": 302},
    Page("coaching:approval_new"): STAFF,
    # The leader's manager (the chef) decides; nobody else sees the request.
    Page("coaching:approval", (("pk", "approval"),)): {
        "anonymous": LOGIN,
        **dict.fromkeys(ROLES, 404),
        "chef": 200,
    },
    Page("coaching:group_new"): STAFF,
    Page("coaching:member_search"): STAFF,
    Page("coaching:share_consent", (("pk", "share"),), "post"): {**ONLY_THE_LEADER, "leader": 302},
    Page("coaching:psychologist"): EVERYONE,
    Page("coaching:crisis"): EVERYONE,
    Page("coaching:pool_apply"): EVERYONE,
    # The applicant, HR and the area's chef, with whom HR agrees the course.
    Page("coaching:pool_application", (("pk", "application"),)): {
        **NOBODY,
        "leader": 200,
        "chef": 200,
        "hr": 200,
    },
    Page("coaching:pool_share_confirm", (("pk", "application"),), "post"): {
        **NOBODY,
        "chef": 302,
    },
    Page("coaching:sparring"): EVERYONE,
    Page("coaching:hr"): HR,
    Page("coaching:pool_set", method="post", data=(("year", 2026), ("amount", 400000))): HR_POST,
    Page("coaching:close_year"): HR,  # the confirmation: closes nothing
    Page("coaching:close_year", method="post", data=(("year", 2020),)): HR_POST,
    Page("coaching:crisis_handled", (("pk", "crisis"),), "post"): HR_POST,
    Page("coaching:sparring_match", (("pk", "sparring"),)): HR,
    Page("coaching:export_csv"): HR,
    Page("coaching:export_xlsx"): HR,
}


def build_objects(people: dict) -> dict:
    leader = people["leader"]
    coach = new_coach()
    booking = BookingFactory(
        leader=leader, coach=coach, day=datetime.date(2027, 3, 1), hours=Decimal(2)
    )
    approval = ApprovalFactory(leader=leader, manager=people["chef"], year=2027, hours=Decimal(3))
    course = GroupCoachingFactory(
        team="Skoleledere Øst",
        coach=coach,
        day=datetime.date(2027, 4, 1),
        hours=Decimal(4),
        payment="converted",
        organiser=people["director"],
    )
    share = GroupCoachingShareFactory(group_coaching=course, leader=leader, hours=Decimal(2))
    application = PoolApplicationFactory(
        workplace="Skole Øst",
        applicant=leader,
        year=2027,
        challenge="Konflikter i teamet",
        provider="Erhvervspsykolog",
        estimated_cost=Decimal("90000"),
        area_chef=people["chef"],
        phase="granted",
        share_workplace=Decimal("30000"),
        share_area_chef=Decimal("30000"),
        share_pool=Decimal("30000"),
    )
    crisis = CrisisRequestFactory(workplace="Skole Øst", description="Ulykke", requested_by=leader)
    sparring = SparringRequestFactory(leader=leader, why="new")
    return {
        "booking": booking.pk,
        "approval": approval.pk,
        "share": share.pk,
        "application": application.pk,
        "crisis": crisis.pk,
        "sparring": sparring.pk,
        "coach": coach.pk,
    }


module_world, people, objects = built_once_per_module(build_objects)


@pytest.mark.parametrize(("page", "role", "expected"), expand(MATRIX))
def test_each_role_reaches_exactly_its_pages(client, people, objects, page, role, expected):
    assert_reaches(client, people, objects, page, role, expected)


@pytest.mark.parametrize(("page", "role"), junk_cases(MATRIX))
def test_junk_input_never_gives_a_server_error(client, people, objects, page, role):
    assert_junk_is_refused_cleanly(client, people, objects, page, role)
