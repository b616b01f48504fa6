import datetime
import io

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from groups.models import Reason
from meetings.models import Meeting
from meetings.room.disclosure import survey_table
from meetings.room.models import (
    AccessLog,
    EvaluationAnswer,
    EvaluationReceipt,
    Feedback,
    MentionAgreement,
    Summary,
    Survey,
)
from meetings.room.services import evaluation_submit, survey_submit
from nyborg_ledelse.notifications.models import Message
from nyborg_ledelse.organisation.daily import daily_round
from tests.factories import (
    AttendanceFactory,
    FeedbackFactory,
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    RoundFactory,
    SurveyFactory,
)
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(people):
    return room_objects(people)


@pytest.fixture
def meeting(objects):
    return Meeting.objects.select_related("group", "round").get(pk=objects["meeting"])


def members(meeting, count: int, chef) -> list:
    """More members in the meeting's group, seated before the meeting."""
    people = [LeaderFactory(reports_to=chef) for _ in range(count)]
    for person in people:
        MembershipFactory(
            group=meeting.group,
            leader=person,
            joined_on=meeting.day - datetime.timedelta(days=30),
            joined_reason=Reason.COMPOSED,
        )
    return people


def test_a_draft_summary_is_the_hosts_alone_until_shared(client, meeting, people):
    Summary.objects.filter(meeting=meeting).update(status=Summary.Status.DRAFT)
    client.force_login(people["leader"])

    assert client.get(reverse("room:summary", args=[meeting.pk])).status_code == 403
    client.force_login(people["director"])
    client.post(reverse("room:summary_share", args=[meeting.pk]), {"days": 4})
    client.force_login(people["leader"])
    page = client.get(reverse("room:summary", args=[meeting.pk])).content.decode()
    assert "Vi talte om budgettet." in page
    told = Message.objects.get(kind="summary_for_comments")
    assert told.recipient == people["leader"]


def test_members_comment_on_the_draft(client, meeting, people):
    client.force_login(people["leader"])

    client.post(reverse("room:summary_comment", args=[meeting.pk]), {"text": "Husk punkt 4."})

    client.force_login(people["director"])
    page = client.get(reverse("room:summary", args=[meeting.pk])).content.decode()
    assert "Husk punkt 4." in page


def test_publishing_waits_until_each_name_is_rewritten_or_agreed_by_the_person(
    client, meeting, people
):
    leader = people["leader"]
    Summary.objects.filter(meeting=meeting).update(
        talked_about=f"Som {leader.first_name} nævnte, er budgettet presset."
    )
    client.force_login(people["director"])

    page = client.post(
        reverse("room:summary_publish", args=[meeting.pk]), {"confirmed": "1"}, follow=True
    )

    text = page.content.decode()
    assert "Teksten nævner eller udpeger personer." in text
    assert f'<mark id="finding-1" class="finding">{leader.first_name}</mark>' in text
    assert Summary.objects.get(meeting=meeting).status == Summary.Status.COMMENTING
    client.post(
        reverse("room:mention_ask", args=[meeting.pk]),
        {"document": "summary", "text_index": 0, "start": 4},
    )
    client.post(reverse("room:summary_publish", args=[meeting.pk]), {"confirmed": "1"})
    assert Summary.objects.get(meeting=meeting).status == Summary.Status.COMMENTING
    client.force_login(leader)
    mention = MentionAgreement.objects.filter(person=leader).latest("pk")
    client.post(reverse("room:mention_answer", args=[mention.pk]), {"answer": "agree"})
    client.force_login(people["director"])
    client.post(reverse("room:summary_publish", args=[meeting.pk]), {"confirmed": "1"})
    assert Summary.objects.get(meeting=meeting).is_published
    assert Message.objects.filter(kind="summary_published", recipient=leader).exists()


def test_the_chef_group_sees_feedback_only_once_the_group_released_it(client, meeting, people):
    url = reverse("room:feedback", args=[meeting.pk])
    client.force_login(people["chef"])
    assert client.get(url).status_code == 403

    client.force_login(people["director"])
    client.post(reverse("room:feedback_release", args=[meeting.pk]))

    feedback = Feedback.objects.get(meeting=meeting)
    assert feedback.is_released and feedback.agreed_by == people["director"]
    client.force_login(people["chef"])
    assert "Chefgruppen bør se på rekruttering." in client.get(url).content.decode()
    # HR may not know the meeting exists; the administrators see it, not its feedback.
    for outsider, refused in (("hr", 404), ("administrator", 403)):
        client.force_login(people[outsider])
        assert client.get(url).status_code == refused
    # The summary stays in the group even for the chef group.
    client.force_login(people["chef"])
    assert client.get(reverse("room:summary", args=[meeting.pk])).status_code == 403


def test_another_groups_host_and_members_see_nothing(client, meeting, people, chef):
    other_host = LeaderFactory(role="chef", reports_to=people["director"])
    other_member = LeaderFactory(reports_to=chef)
    other = GroupFactory(number=2, host=other_host)
    MembershipFactory(group=other, leader=other_member, joined_reason=Reason.COMPOSED)
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())

    client.force_login(other_member)
    for name in ("summary", "feedback", "evaluate", "evaluations"):
        assert client.get(reverse(f"room:{name}", args=[meeting.pk])).status_code == 404
    client.force_login(other_host)
    for name in ("summary", "evaluations"):
        assert client.get(reverse(f"room:{name}", args=[meeting.pk])).status_code == 403
    # As a chef, the other host sees the released feedback: it was released to the chef group.
    assert client.get(reverse("room:feedback", args=[meeting.pk])).status_code == 200


def test_no_model_of_the_room_is_in_the_django_admin():
    room_models = list(apps.get_app_config("room").get_models())

    assert {Summary, Feedback, EvaluationAnswer, MentionAgreement} <= set(room_models)
    registered = [model for model in room_models if admin.site.is_registered(model)]
    assert not registered, f"In the Django admin: {registered}"


def test_two_editors_never_overwrite_each_other_silently(client, meeting, people):
    summary = Summary.objects.get(meeting=meeting)
    url = reverse("room:summary_edit", args=[meeting.pk])
    client.force_login(people["director"])
    base = {
        "version": summary.version,
        "why": "",
        "item3": "",
        "commitments-TOTAL_FORMS": 0,
        "commitments-INITIAL_FORMS": 0,
    }
    client.post(url, {**base, "talked_about": "Den første version."})

    page = client.post(url, {**base, "talked_about": "Den anden version."})

    text = page.content.decode()
    assert "har gemt en ny version, mens du redigerede" in text
    assert "Den første version." in text and "Den anden version." in text
    assert Summary.objects.get(meeting=meeting).talked_about == "Den første version."


def test_the_report_holds_only_released_feedback_in_all_three_formats(
    client, meeting, people, chef
):
    second = MeetingFactory(
        round=meeting.round,
        group=GroupFactory(number=2, host=chef),
        host=chef,
        day=meeting.day,
    )
    question = meeting.round.questions.get()
    FeedbackFactory(
        meeting=second,
        text="Hemmeligt udkast.",
        answers={str(question.pk): {"dos": "Ikke frigivet.", "donts": ""}},
        updated_by=chef,
    )
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    client.force_login(people["chef"])

    screen = client.get(reverse("room:report", args=[meeting.round_id])).content.decode()
    docx = client.get(reverse("room:report_docx", args=[meeting.round_id]))
    pdf = client.get(reverse("room:report_pdf", args=[meeting.round_id]))

    document = Document(io.BytesIO(docx.content))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["", "Do´s", "Don´ts"]
    assert [c.text for c in table.rows[1].cells] == [
        "Gruppe 1",
        "Oplys konsekvenser.",
        "Undlad at oplyse.",
    ]
    assert "LEDELSE OPAD" in [p.text for p in document.paragraphs]
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for text in (
        screen,
        pdf_text,
        "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells),
    ):
        assert "Oplys konsekvenser." in text
        assert "Ikke frigivet." not in text and "Hemmeligt udkast." not in text
    assert docx["Content-Disposition"].endswith('.docx"')


def test_evaluations_are_anonymous_and_shown_from_3_answers_once_closed(
    client, meeting, people, chef
):
    attendees = [people["leader"], *members(meeting, 3, chef)]
    for person in attendees[:2]:
        evaluation_submit(
            meeting=meeting, leader=person, good="Godt oplæg", missed="Mere tid", rating=4
        )
    client.force_login(people["director"])
    url = reverse("room:evaluations", args=[meeting.pk])

    assert "2 af 4 har svaret indtil nu." in client.get(url).content.decode()
    evaluation_submit(meeting=meeting, leader=attendees[2], good="Trygt rum", missed="", rating=5)
    text = client.get(url).content.decode()
    assert "Trygt rum" not in text and "3 af 4 har svaret indtil nu." in text
    with time_machine.travel(meeting.day + datetime.timedelta(days=14)):
        client.force_login(people["director"])  # a session lasts a working day
        text = client.get(url).content.decode()
    assert "Trygt rum" in text and "4,3" in text
    assert not hasattr(EvaluationAnswer, "leader")
    assert EvaluationReceipt.objects.filter(meeting=meeting).count() == 3
    with pytest.raises(Exception, match="allerede evalueret"):
        evaluation_submit(meeting=meeting, leader=attendees[0], good="", missed="", rating=1)


def test_the_chef_group_sees_response_rates_across_groups(client, meeting, people, chef):
    attendees = [people["leader"], *members(meeting, 3, chef)]
    for person in attendees[:3]:
        evaluation_submit(meeting=meeting, leader=person, good="", missed="", rating=3)
    client.force_login(people["chef"])

    text = client.get(reverse("room:round_evaluations", args=[meeting.round_id])).content.decode()

    assert "3 af 4 har svaret indtil nu." in text


def test_the_daily_round_queues_the_nudge_the_day_after_and_it_stops_once_answered(meeting, people):
    with time_machine.travel(at_five(meeting.day)):
        daily_round(today=meeting.day)
        daily_round(today=meeting.day)  # twice: nothing more
    nudges = Message.objects.filter(kind="evaluation_nudge", recipient=people["leader"])
    assert sorted(m.due_at.date() - meeting.day for m in nudges) == [
        datetime.timedelta(days=1),
        datetime.timedelta(days=4),
    ]
    reminders = Message.objects.filter(kind="summary_reminder", recipient=people["director"])
    assert sorted((m.due_at.date() - meeting.day).days for m in reminders)[:4] == [2, 5, 8, 11]
    from nyborg_ledelse.notifications import kinds

    check = kinds.get("evaluation_nudge").still_applies
    assert check(nudges.first())
    evaluation_submit(meeting=meeting, leader=people["leader"], good="", missed="", rating=3)
    assert not check(nudges.first())


def test_a_daily_round_after_missed_days_sends_no_reminder_late(meeting, people):
    later = meeting.day + datetime.timedelta(days=6)
    with time_machine.travel(at_five(later)):
        daily_round(today=later)

    nudges = Message.objects.filter(kind="evaluation_nudge")
    reminders = Message.objects.filter(kind="summary_reminder", recipient=people["director"])
    assert not nudges.exists()  # day 1 and day 4 have passed
    assert min((m.due_at.date() - meeting.day).days for m in reminders) == 8


def test_a_meeting_moved_after_its_follow_ups_were_queued_keeps_only_the_new_dates(meeting, people):
    with time_machine.travel(at_five(meeting.day)):
        daily_round(today=meeting.day)
        Meeting.objects.filter(pk=meeting.pk).update(
            day=meeting.day + datetime.timedelta(days=1), sequence=meeting.sequence + 1
        )
    moved = Meeting.objects.get(pk=meeting.pk)
    with time_machine.travel(at_five(moved.day)):
        daily_round(today=moved.day)

    pending = Message.objects.filter(kind="evaluation_nudge", state="pending")
    assert sorted((m.due_at.date() - moved.day).days for m in pending) == [1, 4]


def at_five(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(5), tzinfo=timezone.get_current_timezone())


def test_the_concept_survey_opens_after_the_6th_held_meeting(meeting, people):
    Survey.objects.all().delete()
    for k in range(5):
        held = MeetingFactory(
            round=meeting.round, group=None, day=meeting.day - datetime.timedelta(days=k + 1)
        )
        held.group = meeting.group
        held.round = RoundFactory(
            title=f"R{k}",
            week_start=meeting.round.week_start,
            days=[meeting.day.isoformat()],
            starts=datetime.time(9),
            ends=datetime.time(12),
            published_at=timezone.now(),
        )
        held.save()
        AttendanceFactory(
            meeting=held, leader=people["leader"], present=True, recorded_by=people["director"]
        )
    daily_round()
    assert not Survey.objects.exists()

    AttendanceFactory(
        meeting=meeting, leader=people["leader"], present=True, recorded_by=people["director"]
    )
    daily_round()
    daily_round()

    survey = Survey.objects.get()
    assert survey.kind == "concept"
    assert survey.group == meeting.group
    assert Message.objects.filter(kind="concept_survey").count() == 1
    assert Message.objects.filter(kind="concept_survey", recipient=people["leader"]).exists()


def test_survey_results_turn_reverse_statements_round_and_need_3_answers(meeting, people, chef):
    survey = SurveyFactory(kind="psychological_safety", round=meeting.round)
    answers = [1, 5, 1, 5, 1, 5, 5]  # the best possible answers
    respondents = [people["leader"], *members(meeting, 2, chef)]
    for person in respondents[:2]:
        survey_submit(survey=survey, leader=person, scores=answers, text="")
    later = meeting.day + datetime.timedelta(days=30)
    assert not survey_table(survey, today=later).total.shown

    survey_submit(survey=survey, leader=respondents[2], scores=answers, text="Godt")

    table = survey_table(survey, today=later)
    assert table.total.averages == [5.0] * 7
    assert table.groups[0].respondents == 3


def test_every_read_is_logged_and_the_log_shows_no_texts(client, meeting, people):
    client.force_login(people["leader"])
    client.get(reverse("room:summary", args=[meeting.pk]))
    client.get(reverse("room:feedback", args=[meeting.pk]))
    client.force_login(people["administrator"])

    page = client.get(reverse("room:access_log")).content.decode()

    assert list(AccessLog.objects.values_list("who", "what")) == [
        (people["leader"].pk, "feedback"),
        (people["leader"].pk, "summary"),
    ]
    assert people["leader"].full_name in page
    assert "Vi talte om budgettet." not in page and "rekruttering" not in page


def test_a_successor_does_not_read_summaries_of_meetings_before_they_joined(
    client, meeting, people, chef
):
    successor = LeaderFactory(reports_to=chef)
    MembershipFactory(group=meeting.group, leader=successor, joined_reason=Reason.SUCCESSOR)
    client.force_login(successor)

    assert client.get(reverse("room:summary", args=[meeting.pk])).status_code == 404


def test_concept_results_are_shown_per_group_and_in_total(meeting, people, chef):
    first = Survey.objects.get(kind="concept", group=meeting.group)
    other = GroupFactory(number=2, host=chef)
    second = SurveyFactory(kind="concept", group=other)
    for survey, group in ((first, meeting.group), (second, other)):
        for person in [LeaderFactory(reports_to=chef) for _ in range(3)]:
            MembershipFactory(group=group, leader=person, joined_reason=Reason.COMPOSED)
            survey_submit(survey=survey, leader=person, scores=[4] * 8, text="")

    table = survey_table(first, today=timezone.localdate() + datetime.timedelta(days=30))

    assert table.total.respondents == 6
    assert [g.respondents for g in table.groups] == [3, 3]
    assert table.total.averages == [4.0] * 8


def test_sharing_or_publishing_before_anything_is_written_says_so(client, meeting, people):
    Summary.objects.filter(meeting=meeting).delete()
    Feedback.objects.filter(meeting=meeting).delete()
    client.force_login(people["director"])

    shared = client.post(reverse("room:summary_share", args=[meeting.pk]), {"days": 3}, follow=True)
    published = client.post(reverse("room:summary_publish", args=[meeting.pk]), follow=True)
    released = client.post(reverse("room:feedback_release", args=[meeting.pk]), follow=True)

    assert "Skriv opsamlingen først." in shared.content.decode()
    assert "Skriv opsamlingen først." in published.content.decode()
    assert "Skriv tilbagemeldingen først." in released.content.decode()
