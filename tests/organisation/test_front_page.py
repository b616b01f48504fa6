"""The front page lists what waits for the person, with a link to where it is done, and drops a
task once it is done: for each role, a task appears and disappears as the work is done."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.services.coaching_hours import approval_decide
from coaching.services.psychologist import crisis_mark_handled
from groups.models import Reason
from groups.services import groups_daily
from meetings.room.models import MentionAgreement, Summary
from meetings.room.reports import report_deadline
from meetings.room.services import (
    chef_answer_publish,
    chef_answer_save,
    evaluation_submit,
    feedback_release,
    feedback_save,
    mention_answer,
    summary_comment,
    summary_publish,
    summary_save,
    summary_share,
    survey_submit,
)
from meetings.room.surveys import SURVEYS
from meetings.services import attendance_record
from nyborg_ledelse.notifications.models import State
from nyborg_ledelse.notifications.services import messages_retry
from nyborg_ledelse.organisation.frontpage import Kind, tasks_for
from tests.factories import (
    ApprovalFactory,
    CrisisRequestFactory,
    FeedbackFactory,
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    MentionAgreementFactory,
    MessageFactory,
    RegisterImportFactory,
    RoundFactory,
    SparringRequestFactory,
    SummaryFactory,
    SurveyFactory,
)
from tests.room.room_fixtures import held_meeting

pytestmark = pytest.mark.django_db


def page(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def links(person, kind: Kind | None = None) -> list[str]:
    return [task.url for task in tasks_for(person) if kind is None or task.kind == kind]


# --- a leader -------------------------------------------------------------------------------------


def test_a_leader_is_asked_to_evaluate_the_meeting_until_they_have(client, people):
    meeting = held_meeting(people)
    url = reverse("room:evaluate", args=[meeting.pk])

    text = page(client, people["leader"])
    assert url in text and "Evaluér" in text
    (task,) = [t for t in tasks_for(people["leader"]) if t.url == url]
    assert task.deadline == meeting.day + datetime.timedelta(days=13)

    evaluation_submit(meeting=meeting, leader=people["leader"], good="Godt", missed="", rating=4)
    assert url not in page(client, people["leader"])


def test_the_host_is_never_asked_to_evaluate(people):
    meeting = held_meeting(people)
    assert reverse("room:evaluate", args=[meeting.pk]) not in links(people["director"])


def test_a_leader_is_asked_to_answer_a_survey_until_they_have(client, people):
    meeting = held_meeting(people)
    survey = SurveyFactory(kind="concept", group=meeting.group)
    url = reverse("room:survey", args=[survey.pk])

    assert url in page(client, people["leader"])

    statements = len(SURVEYS["concept"].statements)
    survey_submit(survey=survey, leader=people["leader"], scores=[4] * statements, text="")
    assert url not in page(client, people["leader"])


def test_a_leader_is_asked_to_comment_on_a_draft_until_they_have(client, people):
    meeting = held_meeting(people)
    SummaryFactory(
        meeting=meeting,
        talked_about="Vi talte om budgettet.",
        status=Summary.Status.COMMENTING,
        comment_until=timezone.localdate() + datetime.timedelta(days=3),
    )
    url = reverse("room:summary", args=[meeting.pk])

    assert url in links(people["leader"], Kind.LEADER)
    assert url in page(client, people["leader"])

    summary_comment(meeting=meeting, author=people["leader"], text="Fint skrevet.")
    assert url not in links(people["leader"], Kind.LEADER)


def test_a_named_leader_is_asked_about_the_sentence_until_they_answer(client, people):
    meeting = held_meeting(people)
    mention = MentionAgreementFactory(
        meeting=meeting, person=people["leader"], asked_by=people["director"]
    )
    url = reverse("room:mention", args=[mention.pk])

    assert url in page(client, people["leader"])
    (task,) = [t for t in tasks_for(people["leader"]) if t.url == url]
    assert task.deadline is None  # no summary open for comments yet

    mention_answer(agreement=mention, by=people["leader"], agree=True)
    assert MentionAgreement.objects.get(pk=mention.pk).is_agreed
    assert url not in page(client, people["leader"])


def test_a_manager_is_asked_to_decide_on_their_own_staffs_hours(client, people):
    approval = ApprovalFactory(leader=people["leader"], manager=people["chef"])
    url = reverse("coaching:approval", args=[approval.pk])

    text = page(client, people["chef"])
    assert url in text
    assert f"anmodningen fra {people['leader'].full_name} om 5,0 coachingtimer" in text
    assert url not in page(client, people["director"])

    approval_decide(approval=approval, by=people["chef"], approve=True)
    assert url not in page(client, people["chef"])


def test_a_new_leader_is_offered_a_sparring_partner_until_they_ask(client, people):
    newcomer = LeaderFactory(start_date=timezone.localdate() - datetime.timedelta(days=30))
    url = reverse("coaching:sparring")

    assert url in links(newcomer, Kind.LEADER)
    assert url not in links(people["leader"], Kind.LEADER)

    SparringRequestFactory(leader=newcomer)
    assert url not in links(newcomer, Kind.LEADER)


def test_the_next_meeting_shows_date_place_agenda_and_who_is_coming(client, people):
    group = GroupFactory(number=4, host=people["director"])
    MembershipFactory(group=group, leader=people["leader"], joined_on=datetime.date(2020, 1, 1))
    colleague = LeaderFactory(first_name="Birthe", last_name="Holm")
    MembershipFactory(group=group, leader=colleague, joined_on=datetime.date(2020, 1, 1))
    round_ = RoundFactory(title="Efterår 2027", published_at=timezone.now())
    round_.agenda_items.create(number=1, title="Kort velkomstrunde")
    meeting = MeetingFactory(round=round_, group=group)

    text = page(client, people["leader"])

    assert "Dit næste møde" in text and meeting.get_absolute_url() in text
    assert "Kort velkomstrunde" in text and "Birthe Holm" in text
    assert people["director"].full_name in text


# --- a host ---------------------------------------------------------------------------------------


def test_a_host_is_asked_for_attendance_from_the_meeting_day_until_it_is_recorded(client, people):
    meeting = held_meeting(people)
    url = reverse("meetings:attendance", args=[meeting.pk])

    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(meeting.day, datetime.time(8)))
    ):
        assert url not in links(people["director"])
    assert url in page(client, people["director"])
    assert url not in page(client, people["leader"])

    attendance_record(meeting=meeting, present={people["leader"].pk}, by=people["director"])
    assert url not in page(client, people["director"])


def test_a_host_is_led_from_summary_to_publishing_and_told_of_comments(client, people):
    meeting = held_meeting(people)
    host = people["director"]
    edit, detail = (
        reverse("room:summary_edit", args=[meeting.pk]),
        reverse("room:summary", args=[meeting.pk]),
    )

    assert edit in links(host, Kind.HOST) and edit in page(client, host)

    summary_save(meeting=meeting, by=host, version=None, talked_about="Vi talte om trivsel.")
    summary_share(meeting=meeting, by=host, days=3)
    summary_comment(meeting=meeting, author=people["leader"], text="Husk sygefraværet.")
    assert edit not in links(host, Kind.HOST)
    assert detail in links(host, Kind.HOST)
    assert "1 kommentar modtaget" in page(client, host)

    summary_publish(meeting=meeting, by=host, confirmed=True)
    assert detail not in links(host, Kind.HOST)


def test_a_host_is_asked_for_the_feedback_until_it_is_released(people):
    meeting = held_meeting(people)
    host = people["director"]
    url = reverse("room:feedback_edit", args=[meeting.pk])

    assert url in links(host, Kind.HOST)

    feedback_save(meeting=meeting, by=host, version=None, text="Chefgruppen bør se på trivsel.")
    feedback_release(meeting=meeting, by=host)
    assert url not in links(host, Kind.HOST)


# --- the chef group -------------------------------------------------------------------------------


def test_the_chef_group_is_asked_to_set_the_agenda_of_a_coming_round(client, people):
    round_ = RoundFactory(title="Efterår 2027")
    url = reverse("meetings:agenda", args=[round_.pk])

    assert url in page(client, people["chef"])
    assert url not in page(client, people["leader"])
    (task,) = [t for t in tasks_for(people["chef"]) if t.url == url]
    assert task.deadline == round_.week_start - datetime.timedelta(weeks=1)


def test_after_the_feedback_deadline_the_report_is_ready_without_the_last_group(client, people):
    meeting = held_meeting(people)
    other = MeetingFactory(round=meeting.round, day=meeting.day)
    FeedbackFactory(meeting=other, text="Mere tid.", released_at=timezone.now())
    deadline = report_deadline(meeting.round)

    with time_machine.travel(deadline, tick=False):
        assert "1 af 2 frigivet" in page(client, people["chef"])
    with time_machine.travel(deadline + datetime.timedelta(days=1), tick=False):
        text = page(client, people["chef"])
        assert "klar til at blive læst" in text and "1 af 2 frigav inden fristen" in text
        assert "1 af 2 frigivet" not in text


def test_the_chef_group_follows_the_feedback_to_the_report(client, people):
    meeting = held_meeting(people)
    other = MeetingFactory(round=meeting.round, day=meeting.day)
    FeedbackFactory(meeting=other, text="Mere tid.", released_at=timezone.now())
    report = reverse("room:report", args=[meeting.round_id])

    assert "1 af 2 frigivet" in page(client, people["chef"])

    feedback_save(meeting=meeting, by=people["director"], version=None, text="Mere sparring.")
    feedback_release(meeting=meeting, by=people["director"])
    text = page(client, people["chef"])
    assert report in text and "klar til at blive læst" in text

    client.get(report)
    assert report not in page(client, people["chef"])

    answer = reverse("room:chef_answer_edit", args=[meeting.round_id])
    assert answer in links(people["chef"], Kind.CHEF_GROUP)
    chef_answer_save(
        round_=meeting.round, by=people["chef"], version=None, text="Vi ser på sparring.", themes={}
    )
    assert answer in links(people["chef"], Kind.CHEF_GROUP)  # a draft is not the answer yet
    chef_answer_publish(round_=meeting.round, by=people["chef"])
    assert answer not in links(people["chef"], Kind.CHEF_GROUP)


def test_the_chef_group_follows_the_latest_round_held(people):
    earlier = RoundFactory(
        title="Forår 2020",
        week_start=datetime.date(2020, 3, 2),
        days=["2020-03-03"],
        published_at=timezone.now(),
    )
    MeetingFactory(round=earlier, day=datetime.date(2020, 3, 3))
    meeting = held_meeting(people)

    urls = links(people["chef"], Kind.CHEF_GROUP)

    assert reverse("room:report", args=[meeting.round_id]) in urls
    assert reverse("room:report", args=[earlier.pk]) not in urls


# --- HR -------------------------------------------------------------------------------------------


def test_hr_sees_open_requests_as_counts_until_they_are_handled(client, people):
    crisis = CrisisRequestFactory(workplace="Hjemmeplejen Vest", description="Et dødsfald.")

    text = page(client, people["hr"])
    assert "1 krisehenvendelse" in text and reverse("coaching:hr") in text
    assert "Hjemmeplejen Vest" not in text and "dødsfald" not in text
    assert "krisehenvendelse" not in page(client, people["leader"])

    crisis_mark_handled(crisis=crisis)
    assert "krisehenvendelse" not in page(client, people["hr"])


# --- administrators -------------------------------------------------------------------------------


def test_an_administrator_is_told_of_failed_messages_until_they_are_sent_again(client, people):
    MessageFactory(state=State.FAILED)
    MessageFactory(state=State.UNCERTAIN)
    outbox = reverse("notifications:outbox")

    assert outbox in links(people["administrator"], Kind.ADMINISTRATOR)
    assert "2 beskeder" in page(client, people["administrator"])
    assert Kind.ADMINISTRATOR not in {t.kind for t in tasks_for(people["hr"])}

    messages_retry(messages=MessageFactory._meta.model.objects.all())
    assert outbox not in links(people["administrator"], Kind.ADMINISTRATOR)


def test_an_administrator_is_told_of_leavers_still_seated_until_the_daily_round(people):
    group = GroupFactory(number=7)
    for _ in range(10):
        MembershipFactory(group=group, joined_on=datetime.date(2020, 1, 1))
    leaver = MembershipFactory(group=group, joined_on=datetime.date(2020, 1, 1)).leader
    leaver.end_date = timezone.localdate() - datetime.timedelta(days=2)
    leaver.save()
    titles = lambda: [t.title for t in tasks_for(people["administrator"])]  # noqa: E731

    assert any("ikke længere" in title for title in titles())

    groups_daily(today=timezone.localdate())
    assert not any("ikke længere" in title for title in titles())
    # Ten left: still within the bounds.
    assert not any("uden for" in title for title in titles())


def test_an_administrator_is_told_of_groups_outside_the_bounds(people):
    group = GroupFactory(number=8)
    seats = [MembershipFactory(group=group, joined_reason=Reason.COMPOSED) for _ in range(9)]
    titles = lambda: [t.title for t in tasks_for(people["administrator"])]  # noqa: E731

    assert any("1 gruppe er uden for" in title for title in titles())

    MembershipFactory(group=group, joined_reason=Reason.COMPOSED)
    assert seats and not any("uden for" in title for title in titles())


def test_a_register_file_waits_until_it_is_applied(people):
    upload = RegisterImportFactory(uploaded_by=people["hr"])
    url = reverse("organisation:register_preview", args=[upload.pk])

    assert url in links(people["administrator"], Kind.ADMINISTRATOR)
    assert url in links(people["hr"], Kind.HR)
    assert url not in links(people["leader"])

    upload.applied_at, upload.applied_by = timezone.now(), people["hr"]
    upload.save()
    assert url not in links(people["administrator"])


# --- several capacities ---------------------------------------------------------------------------


def test_a_person_with_several_capacities_sees_each_section(client, people):
    meeting = held_meeting(people)
    director = people["director"]
    director.works_in_hr = director.administers_product = True
    director.save()
    ApprovalFactory(leader=people["chef"], manager=director)
    RoundFactory(title="Efterår 2027")
    CrisisRequestFactory()
    MessageFactory(state=State.FAILED)

    kinds = {task.kind for task in tasks_for(director)}

    assert kinds == set(Kind)
    text = page(client, director)
    for kind in Kind:
        assert f'id="tasks-{kind.value}"' in text
    assert reverse("room:feedback_edit", args=[meeting.pk]) in text


def test_nothing_waiting_is_said_plainly(client, people):
    assert "Intet venter på dig lige nu." in page(client, people["leader"])


# --- a fixed cost ---------------------------------------------------------------------------------


def _municipality(people, groups: int) -> None:
    """Groups with members, a held meeting each, open work everywhere: the page must not grow."""
    for _ in range(groups):
        meeting = held_meeting_of_another_group(people)
        SummaryFactory(
            meeting=meeting,
            status=Summary.Status.COMMENTING,
            comment_until=timezone.localdate() + datetime.timedelta(days=3),
        )
        ApprovalFactory()
        CrisisRequestFactory()
        MessageFactory(state=State.FAILED)


def held_meeting_of_another_group(people):
    group = GroupFactory()
    for _ in range(3):
        MembershipFactory(group=group, joined_on=datetime.date(2020, 1, 1))
    day = timezone.localdate() - datetime.timedelta(days=7)
    round_ = RoundFactory(
        week_start=day - datetime.timedelta(days=day.weekday()),
        days=[day.isoformat()],
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    return MeetingFactory(round=round_, group=group, day=day)


@pytest.mark.parametrize("role", ["leader", "director", "chef", "hr", "administrator"])
def test_the_page_costs_the_same_queries_at_two_sizes(client, people, role):
    held_meeting(people)
    counts = []
    for groups in (2, 12):
        _municipality(people, groups)
        client.force_login(people[role])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
