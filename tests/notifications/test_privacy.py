"""Private messages (coaching, crisis help, pool funds, anonymous topics, the room) in the outbox."""

import pytest
from django.urls import reverse

from coaching.notifications import ANONYMOUS_USED_UP, CRISIS
from nyborg_ledelse.notifications import kinds
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.organisation.notifications import REGISTER_CHANGED
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

# The decision for every kind, written out: a new kind fails here until someone decides.
PRIVATE = {
    "coaching_approval_requested",
    "coaching_approval_decided",
    "coaching_anonymous_used_up",
    "group_coaching_consent",
    "crisis_request",
    "pool_application",
    "pool_phase",
    "pool_share_confirmed",
    "sparring_matched",
    "development_talk_booked",
    # Sent to proposers and supporters: a declined anonymous topic's message names its proposer.
    "topic_changed",
    # The room's messages: whether a nudge was cancelled tells who has evaluated.
    "summary_reminder",
    "feedback_reminder",
    "summary_for_comments",
    "summary_published",
    # Tells the host who commented on the draft.
    "summary_commented",
    "evaluation_nudge",
    "concept_survey",
    # A named person is asked about, and answers on, a sentence of the room.
    "mention_asked",
    "mention_answered",
    # The chef group's loop: which group released its feedback to the chef group, and when.
    "feedback_released",
    "report_complete",
}
PUBLIC = {
    "account",
    "meeting_invitation",
    "meeting_cancelled",
    "meeting_reminder",
    "agenda_due",
    "group_successor",
    "group_moved",
    "group_changed",
    "group_member_left",
    "meeting_uninvited",
    "meeting_handed_over",
    "register_changed",
    "introduction_to_plan",
    "introduction_item_due",
    # Given in the open: the group learns who may read its records.
    "group_hosting",
    # To the administrators, about a meeting they plan; the reason is in the text only.
    "stand_in_request",
    # The chef group's answer to a round's report, published to every leader.
    "chef_answer_published",
}

SUBJECT = "Dine anonyme coachingtimer er brugt"
LINK = "/support/booking/77/"


def private_message(leader, key="p1", *, state=State.SENT, error="") -> Message:
    return MessageFactory(
        recipient=leader,
        to_email=leader.email,
        kind=ANONYMOUS_USED_UP.key,
        idempotency_key=key,
        state=state,
        subject=SUBJECT,
        body_text="…",
        url=LINK,
        last_error=error,
    )


def public_message(hr, key="o1", *, state=State.SENT) -> Message:
    return MessageFactory(
        recipient=hr,
        to_email=hr.email,
        kind=REGISTER_CHANGED.key,
        idempotency_key=key,
        state=state,
        subject="Nye ledere i registeret",
        body_text="…",
    )


def listed(response) -> str:
    """The outbox below its search box (which shows the query typed)."""
    return response.text.split('role="search"', 1)[1].split("</form>", 1)[1]


def test_every_kind_has_an_explicit_privacy_decision():
    registered = {kind.key: kind.private for kind in kinds.all_kinds()}

    undecided = set(registered) - PRIVATE - PUBLIC
    assert not undecided, f"Decide whether these kinds are private: {sorted(undecided)}"
    assert {key for key, private in registered.items() if private} == PRIVATE & set(registered)


def test_a_kind_cannot_be_made_without_deciding_whether_it_is_private():
    with pytest.raises(TypeError):
        kinds.MessageKind(key="new", label="Ny", template="x")  # type: ignore[call-arg]


def test_the_outbox_shows_coaching_messages_only_as_counts(client, administrator, leader, hr):
    private_message(leader, "p1")
    private_message(leader, "p2", state=State.PENDING)
    public_message(hr)
    client.force_login(administrator)

    page = client.get(reverse("notifications:outbox")).text

    assert leader.email not in page and SUBJECT not in page and LINK not in page
    assert "Støtte til din ledelse" in page
    assert "Sendt: 1" in page and "Venter: 1" in page
    assert "Nye ledere i registeret" in page and hr.email in page


@pytest.mark.parametrize("query", ["coaching", "coachingtimer", "anonyme", "LEADER_EMAIL", "77"])
def test_the_outbox_search_never_finds_a_private_message(client, administrator, leader, query):
    private_message(leader, f"coaching:{leader.pk}")
    client.force_login(administrator)
    query = leader.email if query == "LEADER_EMAIL" else query

    page = listed(client.get(reverse("notifications:outbox"), {"q": query}))

    assert leader.email not in page and SUBJECT not in page
    assert "Ingen beskeder." in page


def test_an_administrator_sends_a_failed_private_message_again_without_seeing_whose(
    client, administrator, leader, django_capture_on_commit_callbacks
):
    failed = private_message(
        leader, state=State.FAILED, error=f"550 5.1.1 <{leader.email.upper()}>: User unknown"
    )
    client.force_login(administrator)

    page = client.get(reverse("notifications:outbox")).text
    assert "550 5.1.1 &lt;…&gt;: User unknown" in page
    assert leader.email.lower() not in page.lower()
    assert reverse("notifications:retry", args=[failed.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:retry", args=[failed.pk]))

    failed.refresh_from_db()
    assert failed.state == State.SENT


def test_the_recipient_sees_their_own_private_message(client, leader):
    private_message(leader)
    client.force_login(leader)

    page = client.get(reverse("notifications:mine")).text

    assert SUBJECT in page and LINK in page


@pytest.fixture
def superuser(administrator):
    administrator.is_superuser = administrator.is_staff = True
    administrator.save(update_fields=["is_superuser", "is_staff"])
    return administrator


def test_the_django_admin_lists_a_private_message_without_recipient_or_subject(
    client, superuser, leader, hr
):
    private_message(leader)
    public_message(hr)
    client.force_login(superuser)

    listed = client.get(reverse("admin:notifications_message_changelist")).text
    searched = client.get(
        reverse("admin:notifications_message_changelist"), {"q": leader.email}
    ).text

    assert leader.email not in listed and SUBJECT not in listed
    assert "Støtte til din ledelse" in listed and hr.email in listed
    assert "0 beskeder" in searched or leader.email not in searched
    assert "Støtte til din ledelse" not in searched


def test_the_django_admin_shows_a_private_message_without_recipient_subject_or_link(
    client, superuser, leader
):
    message = private_message(leader, state=State.FAILED, error=f"refused {leader.email}")
    client.force_login(superuser)

    page = client.get(reverse("admin:notifications_message_change", args=[message.pk])).text

    assert leader.email not in page and SUBJECT not in page and LINK not in page
    assert "coaching_anonymous_used_up:" not in page  # the key holds the recipient's id
    assert "Støtte til din ledelse" in page and "refused …" in page


def test_a_crisis_request_is_private_too(client, administrator, hr):
    MessageFactory(
        recipient=hr,
        to_email=hr.email,
        kind=CRISIS.key,
        idempotency_key="crisis:1",
        subject="Akut krisehjælp: Skole Øst",
        body_text="…",
    )
    client.force_login(administrator)

    page = listed(client.get(reverse("notifications:outbox"), {"q": "Skole Øst"}))

    assert "Skole Øst" not in page
