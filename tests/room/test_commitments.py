"""What the group says it will do: written with the summary, shown on the group page and under
agenda item 2 of the next meeting, followed up there, and seen only by the group and its hosts."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from groups.models import Reason
from meetings.agenda_template import FOLLOW_UP_ITEM
from meetings.models import Meeting
from meetings.room.models import Commitment, Summary
from tests.factories import (
    AgendaItemFactory,
    CommitmentFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    RoundFactory,
    SummaryFactory,
)
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db

PROMISE = "Vi afprøver fælles onboarding af nye ledere."


@pytest.fixture
def meeting(people):
    return Meeting.objects.select_related("group", "round").get(pk=room_objects(people)["meeting"])


def later_meeting(meeting: Meeting, weeks: int) -> Meeting:
    """The group's meeting `weeks` after this one, its round with the agenda's item 2."""
    day = meeting.day + datetime.timedelta(weeks=weeks)
    round_ = RoundFactory(
        title=f"Runde {weeks}",
        week_start=day - datetime.timedelta(days=day.weekday()),
        days=[day.isoformat()],
        published_at=timezone.now(),
    )
    AgendaItemFactory(round=round_, number=FOLLOW_UP_ITEM)
    return MeetingFactory(round=round_, group=meeting.group, host=meeting.host, day=day)


def begun(meeting: Meeting) -> datetime.datetime:
    """A moment during the meeting: the summary editor opens when the meeting begins."""
    return meeting.starts_at + datetime.timedelta(minutes=30)


def editor_post(summary_or_none, **extra) -> dict:
    """What the summary editor sends: the texts, the commitment rows and the follow-ups."""
    commitments = extra.pop("commitments", [])
    data = {
        "version": summary_or_none.version if summary_or_none else "",
        "talked_about": "Vi talte om onboarding.",
        "why": "",
        "commitments-TOTAL_FORMS": len(commitments),
        "commitments-INITIAL_FORMS": 0,
    }
    for index, (text, due) in enumerate(commitments):
        data[f"commitments-{index}-text"] = text
        data[f"commitments-{index}-due_meeting"] = due.pk if due else ""
    return {**data, **extra}


def open_on_group_page(client, meeting) -> str:
    page = client.get(meeting.group.get_absolute_url()).content.decode()
    return page.split('id="commitments-heading"')[1].split("</section>")[0]


def test_the_host_writes_commitments_with_the_summary_and_they_come_up_at_the_next_meeting(
    client, meeting, people
):
    next_meeting = later_meeting(meeting, 4)
    after_that = later_meeting(meeting, 8)
    summary = Summary.objects.get(meeting=meeting)
    client.force_login(people["director"])

    client.post(
        reverse("room:summary_edit", args=[meeting.pk]),
        editor_post(summary, commitments=[(PROMISE, None), ("Vi deler budgetnøglen.", after_that)]),
    )

    made = list(Commitment.objects.filter(summary=summary))
    assert [(c.text, c.due_meeting) for c in made] == [
        (PROMISE, None),
        ("Vi deler budgetnøglen.", after_that),
    ]
    client.force_login(people["leader"])
    summary_page = client.get(reverse("room:summary", args=[meeting.pk])).content.decode()
    agenda = client.get(next_meeting.get_absolute_url()).content.decode()
    assert PROMISE in summary_page and PROMISE in open_on_group_page(client, meeting)
    assert "Hvad vi sagde, vi ville gøre:" in agenda and PROMISE in agenda


def test_at_the_next_meeting_the_host_records_what_became_of_each_and_a_continued_one_carries_on(
    client, meeting, people
):
    done = CommitmentFactory(summary=meeting.summary, text=PROMISE)
    continued = CommitmentFactory(summary=meeting.summary, text="Vi deler budgetnøglen.")
    dropped = CommitmentFactory(summary=meeting.summary, text="Vi inviterer HR.")
    next_meeting, third = later_meeting(meeting, 4), later_meeting(meeting, 8)
    with time_machine.travel(begun(next_meeting), tick=False):  # the editor opens at the start
        client.force_login(people["director"])
        editor = client.get(reverse("room:summary_edit", args=[next_meeting.pk])).content.decode()
        assert PROMISE in editor and "Hvad blev der af det?" in editor

        client.post(
            reverse("room:summary_edit", args=[next_meeting.pk]),
            editor_post(
                None,
                **{
                    f"follow{done.pk}-outcome": "done",
                    f"follow{done.pk}-note": "Tre nye ledere fik en fælles start.",
                    f"follow{continued.pk}-outcome": "continued",
                    f"follow{continued.pk}-note": "Økonomi mangler stadig.",
                    f"follow{dropped.pk}-outcome": "dropped",
                },
            ),
        )

        new_summary = Summary.objects.get(meeting=next_meeting)
        done.refresh_from_db()
        assert (done.outcome, done.outcome_note, done.followed_up_in) == (
            "done",
            "Tre nye ledere fik en fælles start.",
            new_summary,
        )
        carried = new_summary.commitments.get()
        assert carried.text == "Vi deler budgetnøglen." and carried.carried_from == continued
        assert list(Commitment.objects.to_follow_up_at(third)) == [carried]
        agenda = client.get(next_meeting.get_absolute_url()).content.decode()
        assert "Udført</strong> – Tre nye ledere fik en fælles start." in agenda
        still_open = open_on_group_page(client, meeting)
        assert PROMISE not in still_open and "Vi deler budgetnøglen." in still_open


def test_changing_a_continued_outcome_takes_back_the_carried_copy(client, meeting, people):
    continued = CommitmentFactory(summary=meeting.summary)
    next_meeting = later_meeting(meeting, 4)
    url = reverse("room:summary_edit", args=[next_meeting.pk])
    with time_machine.travel(begun(next_meeting), tick=False):  # the editor opens at the start
        client.force_login(people["director"])
        client.post(url, editor_post(None, **{f"follow{continued.pk}-outcome": "continued"}))
        summary = Summary.objects.get(meeting=next_meeting)

        client.post(url, editor_post(summary, **{f"follow{continued.pk}-outcome": "done"}))

        assert not summary.commitments.exists()
        continued.refresh_from_db()
        assert continued.outcome == "done"


# Who sees the commitment "Vi afprøver …" where: the leader is a member of the director's group
# on the day; the chef is in the chef group but not the group's; HR and administrators are outside.
SEES = {
    "leader": {"group": True, "meeting": True},
    "director": {"group": True, "meeting": True},
    "chef": {"group": 403, "meeting": False},
    "administrator": {"group": 403, "meeting": False},
    "hr": {"group": 404, "meeting": 404},
}


@pytest.mark.parametrize(("role", "expected"), SEES.items())
def test_only_the_group_and_its_hosts_see_commitments(client, meeting, people, role, expected):
    CommitmentFactory(summary=meeting.summary, text=PROMISE)
    next_meeting = later_meeting(meeting, 4)
    client.force_login(people[role])

    for page, url in (
        ("group", meeting.group.get_absolute_url()),
        ("meeting", next_meeting.get_absolute_url()),
    ):
        response = client.get(url)
        if expected[page] in (403, 404):
            assert response.status_code == expected[page], page
        else:
            assert response.status_code == 200, page
            assert (PROMISE in response.content.decode()) is expected[page], page


def test_a_member_who_joined_after_the_meeting_does_not_see_its_commitments(
    client, meeting, people
):
    CommitmentFactory(summary=meeting.summary, text=PROMISE)
    next_meeting = later_meeting(meeting, 4)
    newcomer = LeaderFactory()
    MembershipFactory(
        group=meeting.group,
        leader=newcomer,
        joined_on=meeting.day + datetime.timedelta(days=1),
        joined_reason=Reason.COMPOSED,
    )
    client.force_login(newcomer)

    assert PROMISE not in client.get(next_meeting.get_absolute_url()).content.decode()
    assert PROMISE not in client.get(meeting.group.get_absolute_url()).content.decode()


def test_commitments_of_an_unshared_draft_are_the_hosts_alone(client, meeting, people):
    Summary.objects.filter(meeting=meeting).update(status=Summary.Status.DRAFT)
    CommitmentFactory(summary=meeting.summary, text=PROMISE)
    next_meeting = later_meeting(meeting, 4)

    client.force_login(people["leader"])
    assert PROMISE not in client.get(next_meeting.get_absolute_url()).content.decode()
    client.force_login(people["director"])
    assert PROMISE in client.get(next_meeting.get_absolute_url()).content.decode()


def test_a_commitment_can_only_be_due_at_a_later_meeting_of_the_same_group(client, meeting, people):
    other_groups = MeetingFactory(
        round=meeting.round, day=meeting.day + datetime.timedelta(days=30)
    )
    client.force_login(people["director"])

    client.post(
        reverse("room:summary_edit", args=[meeting.pk]),
        editor_post(meeting.summary, commitments=[(PROMISE, other_groups)]),
    )

    assert not Commitment.objects.exists()


def test_the_name_check_reads_commitments_and_follow_up_notes(meeting, people):
    leader = people["leader"]
    CommitmentFactory(summary=meeting.summary, text=f"{leader.first_name} tager kontakt til HR.")
    summary = SummaryFactory(meeting=later_meeting(meeting, 4))
    CommitmentFactory(
        summary=meeting.summary, outcome="done", outcome_note="Klaret.", followed_up_in=summary
    )

    assert f"{leader.first_name} tager kontakt til HR." in meeting.summary.texts()
    assert "Klaret." in summary.texts()


@pytest.mark.django_db(transaction=True)
def test_each_summarys_what_we_do_text_becomes_a_commitment(people):
    meeting = room_objects(people)["meeting"]
    executor = MigrationExecutor(connection)
    executor.migrate([("room", "0008_commitment")])
    old = executor.loader.project_state([("room", "0008_commitment")]).apps
    OldSummary = old.get_model("room", "Summary")
    OldSummary.objects.filter(meeting_id=meeting).update(what_we_do="  Vi mødes med HR.\n")
    second = MeetingFactory(round=Meeting.objects.get(pk=meeting).round)
    OldSummary.objects.create(
        meeting_id=second.pk, talked_about="Intet besluttet.", updated_by_id=second.host_id
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(Commitment.objects.values_list("summary__meeting", "text")) == [
        (meeting, "Vi mødes med HR.")
    ]
