"""Personal data with an end: each rule at its boundary day, as the daily round applies it."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from coaching.development.models import FoundationVersion, Goal, Preparation, Programme, Talk
from coaching.models import Approval, Booking, Decision
from coaching.reports import coaching_totals
from groups.models import Reason
from meetings.models import Meeting
from meetings.room.models import (
    AccessLog,
    EvaluationAnswer,
    EvaluationReceipt,
    Exercise,
    ExerciseAnswer,
    ExerciseReceipt,
    Feedback,
    Summary,
    SummaryComment,
)
from nyborg_ledelse.notifications.models import State
from nyborg_ledelse.organisation.daily import daily_round
from nyborg_ledelse.organisation.models import Erasure, Leader
from tests.development.records import development_records
from tests.factories import (
    ApprovalFactory,
    BookingFactory,
    CoachFactory,
    ExerciseFactory,
    ExerciseReceiptFactory,
    FeedbackFactory,
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    MessageFactory,
    PoolApplicationFactory,
    RegisterImportFactory,
    RoundFactory,
    SummaryFactory,
)
from tests.test_settings import settings_in_a_fresh_process

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), CPH)


def run_on(day: datetime.date) -> dict:
    with time_machine.travel(at(day, 5), tick=False):
        return daily_round()


def test_a_register_file_loses_its_content_30_days_after_applying(hr):
    applied = at(datetime.date(2026, 11, 1))
    upload = RegisterImportFactory(
        file_name="register.csv",
        content=b"email;...",
        uploaded_by=hr,
        applied_at=applied,
        summary={"new": 1},
    )

    run_on(datetime.date(2026, 11, 30))
    upload.refresh_from_db()
    assert bytes(upload.content) == b"email;..."

    results = run_on(datetime.date(2026, 12, 1))
    upload.refresh_from_db()
    assert bytes(upload.content) == b""
    assert upload.summary == {"new": 1}  # the record of the import stays
    assert results["nyborg_ledelse.organisation.services.register_files_purge"] == {
        "register_files": 1
    }


def test_a_message_keeps_its_row_but_not_its_text_90_days_after_sending(leader):
    message = MessageFactory(
        recipient=leader,
        to_email=leader.email,
        kind="meeting_invitation",
        idempotency_key="k1",
        subject="Invitation",
        body_text="Kære ...",
        body_html="<p>",
        attachments=[
            {"filename": "invitation.ics", "content": "BEGIN", "mimetype": "text/calendar"}
        ],
        state=State.SENT,
        sent_at=at(datetime.date(2026, 9, 1)),
    )

    run_on(datetime.date(2026, 11, 29))
    message.refresh_from_db()
    assert message.body_text

    run_on(datetime.date(2026, 11, 30))
    message.refresh_from_db()
    assert (message.body_text, message.body_html, message.attachments) == ("", "", [])
    assert (message.subject, message.state, message.recipient) == ("Invitation", State.SENT, leader)


def test_a_waiting_message_keeps_its_text(leader):
    message = MessageFactory(
        recipient=leader,
        to_email=leader.email,
        kind="meeting_reminder",
        idempotency_key="k2",
        subject="Påmindelse",
        body_text="Husk",
        created_at=at(datetime.date(2026, 1, 1)),
        due_at=at(datetime.date(2027, 1, 1)),
    )

    run_on(datetime.date(2026, 12, 1))

    message.refresh_from_db()
    assert message.body_text == "Husk"


@pytest.fixture
def old_meeting(director, leader):
    group = GroupFactory(number=1, host=director)
    MembershipFactory(
        group=group,
        leader=leader,
        joined_on=datetime.date(2021, 1, 1),
        joined_reason=Reason.COMPOSED,
    )
    round_ = RoundFactory(
        title="Forår 2021",
        week_start=datetime.date(2021, 6, 14),
        days=["2021-06-15"],
        starts=datetime.time(9),
        ends=datetime.time(12),
        published_at=at(datetime.date(2021, 5, 1)),
    )
    meeting = MeetingFactory(
        round=round_, group=group, host=director, day=datetime.date(2021, 6, 15)
    )
    summary = SummaryFactory(meeting=meeting, talked_about="Ledelse", updated_by=director)
    SummaryComment.objects.create(summary=summary, author=leader, text="Enig")
    FeedbackFactory(meeting=meeting, text="Til chefgruppen", updated_by=director)
    EvaluationAnswer.objects.create(meeting=meeting, good="Godt", rating=4)
    EvaluationReceipt.objects.create(meeting=meeting, leader=leader)
    return meeting


def test_meeting_records_are_removed_5_years_after_the_meeting(old_meeting):
    run_on(datetime.date(2026, 6, 14))
    assert Summary.objects.exists() and Feedback.objects.exists()
    assert EvaluationAnswer.objects.exists()

    results = run_on(datetime.date(2026, 6, 15))

    assert not Summary.objects.exists()
    assert not SummaryComment.objects.exists()
    assert not Feedback.objects.exists()
    assert not EvaluationAnswer.objects.exists()
    assert not EvaluationReceipt.objects.exists()
    assert Meeting.objects.filter(pk=old_meeting.pk).exists()  # the meeting and its group stay
    assert results["meetings.room.services.room_records_purge"]["evaluations"] == 1


def test_the_workshops_exercises_are_removed_5_years_after_the_meeting(old_meeting, leader):
    exercise = ExerciseFactory(meeting=old_meeting, kind=Exercise.Kind.RESISTANCE)
    ExerciseReceiptFactory(exercise=exercise, leader=leader)
    ExerciseAnswer.objects.create(exercise=exercise, scores=[3] * 9)
    ExerciseFactory(
        meeting=old_meeting, kind=Exercise.Kind.PROBLEM, problem_type="wicked", note="Vi spørger"
    )

    run_on(datetime.date(2026, 6, 14))
    assert Exercise.objects.count() == 2 and ExerciseAnswer.objects.exists()

    run_on(datetime.date(2026, 6, 15))

    assert not Exercise.objects.exists()
    assert not ExerciseAnswer.objects.exists() and not ExerciseReceipt.objects.exists()
    assert Meeting.objects.filter(pk=old_meeting.pk).exists()


def test_a_leavers_development_records_go_12_months_after_the_end_date(chef):
    leaver = LeaderFactory(reports_to=chef, start_date=datetime.date(2025, 1, 6))
    development_records(leaver, chef)
    Leader.objects.filter(pk=leaver.pk).update(end_date=datetime.date(2025, 11, 30))

    run_on(datetime.date(2026, 11, 29))
    assert Programme.objects.filter(leader=leaver).exists()
    assert FoundationVersion.objects.filter(foundation__leader=leaver).count() == 2
    assert Goal.objects.filter(leader=leaver).count() == 2

    run_on(datetime.date(2026, 11, 30))

    assert not Programme.objects.filter(leader=leaver).exists()
    assert not FoundationVersion.objects.filter(foundation__leader=leaver).exists()
    assert not Preparation.objects.filter(talk__leader=leaver).exists()
    assert not Goal.objects.filter(leader=leaver).exists()
    assert Talk.objects.get(leader=leaver).held_on == datetime.date(2025, 9, 10)


def test_the_access_log_is_kept_2_years(leader):
    entry = AccessLog.objects.create(who=leader, what=AccessLog.What.SUMMARY)
    AccessLog.objects.filter(pk=entry.pk).update(at=at(datetime.date(2024, 12, 2)))

    run_on(datetime.date(2026, 12, 1))
    assert AccessLog.objects.exists()

    run_on(datetime.date(2026, 12, 2))
    assert not AccessLog.objects.exists()


def test_support_records_lose_their_names_after_5_full_financial_years(leader, chef):
    coach = CoachFactory(name="Coach", certification="ICF", hourly_rate=Decimal("1200"))
    for month in (2, 3, 4):  # 7,5 hours: 5 anonymous, 2,5 approved
        BookingFactory(
            leader=leader, coach=coach, day=datetime.date(2020, month, 1), hours=Decimal("2.5")
        )
    ApprovalFactory(
        leader=leader,
        manager=chef,
        year=2020,
        hours=Decimal("5"),
        status=Decision.APPROVED,
        reason="Ny i stillingen",
    )
    case = PoolApplicationFactory(
        workplace="Skole Øst",
        applicant=leader,
        area_chef=chef,
        year=2020,
        challenge="Konflikt i teamet",
        provider="Psykolog",
        estimated_cost=Decimal("30000"),
    )
    totals = coaching_totals(2020)

    run_on(datetime.date(2025, 12, 31))
    assert Booking.objects.filter(leader=leader).count() == 3

    run_on(datetime.date(2026, 1, 1))

    assert not Booking.objects.filter(leader__isnull=False).exists()
    assert Booking.objects.count() == 3
    approval = Approval.objects.get()
    assert (approval.leader, approval.manager, approval.reason) == (None, None, "")
    case.refresh_from_db()
    assert (case.applicant, case.area_chef, case.challenge, case.estimated_cost) == (
        None,
        None,
        "",
        Decimal("30000"),
    )
    # Without names, the year's funding still adds up the same.
    assert coaching_totals(2020) == totals


def test_a_leader_who_left_becomes_former_leader_12_months_after_the_end_date(director):
    group = GroupFactory(number=1, host=director)
    leaver = LeaderFactory(
        first_name="Bente", last_name="Holm", end_date=datetime.date(2025, 11, 30)
    )
    MembershipFactory(
        group=group,
        leader=leaver,
        joined_on=datetime.date(2025, 1, 1),
        joined_reason=Reason.COMPOSED,
        left_on=datetime.date(2025, 11, 30),
        left_reason=Reason.LEFT,
    )

    run_on(datetime.date(2026, 11, 29))
    leaver.refresh_from_db()
    assert leaver.full_name == "Bente Holm"

    results = run_on(datetime.date(2026, 11, 30))

    leaver.refresh_from_db()
    assert leaver.full_name == "Tidligere leder"
    assert "Holm" not in leaver.email and not leaver.has_usable_password()
    assert leaver in group.members_on(datetime.date(2025, 6, 1))  # the history still adds up
    assert Erasure.objects.get(leader=leaver).why == Erasure.Why.RETENTION
    assert results["nyborg_ledelse.organisation.erasure.leavers_anonymise"] == {
        "leavers_anonymised": 1
    }
    # A second run does nothing more.
    assert run_on(datetime.date(2026, 12, 1))[
        "nyborg_ledelse.organisation.erasure.leavers_anonymise"
    ] == {"leavers_anonymised": 0}


def test_the_retention_page_lists_every_rule_with_its_reason_and_value(client, administrator):
    client.force_login(administrator)

    page = client.get(reverse("organisation:retention")).content.decode()

    assert "Opbevaring af data" in page
    for text in (
        "30 dage",
        "90 dage",
        "2 år",
        "5 år",
        "12 måneder",
        "Bogføringsloven",
        "RETENTION_LEAVER_MONTHS",
        "En leders egne lederudviklingsdata",
        "hver samtale og evaluering bygger på den forrige",
        "workshoppens øvelser",
    ):
        assert text in page


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RETENTION_REGISTER_FILE_DAYS", "0"),
        ("RETENTION_MESSAGE_CONTENT_DAYS", "ninety"),
        ("RETENTION_SUPPORT_FINANCIAL_YEARS", "3"),  # fewer than the accounting act asks
        ("RETENTION_LEAVER_MONTHS", "-1"),
    ],
)
def test_a_nonsensical_retention_period_stops_the_start_up(name, value):
    output = settings_in_a_fresh_process({name: value}, "s.RETENTION")

    assert "ImproperlyConfigured" in output and name in output


def test_the_defaults_are_the_documented_ones():
    assert Leader  # the README's table lists these values
    output = settings_in_a_fresh_process({}, "s.RETENTION")

    assert output == (
        "{'REGISTER_FILE_DAYS': 30, 'MESSAGE_CONTENT_DAYS': 90, 'ACCESS_LOG_YEARS': 2, "
        "'MEETING_RECORD_YEARS': 5, 'SUPPORT_FINANCIAL_YEARS': 5, 'LEAVER_MONTHS': 12}"
    )


def test_an_import_whose_file_was_removed_says_so(client, hr):
    upload = RegisterImportFactory(
        file_name="register.csv",
        content=b"",
        uploaded_by=hr,
        content_removed_at=at(datetime.date(2026, 11, 1)),
    )
    client.force_login(hr)

    response = client.get(reverse("organisation:register_preview", args=[upload.pk]), follow=True)

    assert "Filen er fjernet efter sin opbevaringsperiode" in response.content.decode()
