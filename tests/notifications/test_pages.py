import pytest
from django.urls import reverse

from nyborg_ledelse.notifications.models import Delivery, Message, Preference, State
from nyborg_ledelse.organisation.notifications import REGISTER_CHANGED
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


def make_message(recipient, key: str, *, subject: str, state=State.SENT) -> Message:
    return MessageFactory(
        recipient=recipient,
        to_email=recipient.email,
        kind=REGISTER_CHANGED.key,
        idempotency_key=key,
        state=state,
        subject=subject,
        body_text="…",
    )


def test_a_user_sees_their_own_messages_and_nobody_elses(client, hr, leader):
    make_message(hr, "a", subject="Til HR: nye ledere")
    make_message(leader, "b", subject="Til lederen: din gruppe")
    client.force_login(leader)

    page = client.get(reverse("notifications:mine")).text

    assert "Til lederen: din gruppe" in page
    assert "Til HR" not in page


def test_a_user_chooses_the_weekly_digest_for_a_kind(client, hr):
    client.force_login(hr)

    response = client.post(
        reverse("notifications:preferences"), {REGISTER_CHANGED.key: Delivery.DIGEST}
    )

    assert response.status_code == 302
    assert Preference.objects.get(user=hr, kind=REGISTER_CHANGED.key).delivery == Delivery.DIGEST
    page = client.get(reverse("notifications:preferences")).text
    assert "I en ugentlig opsamling (mandag morgen)" in page


def test_a_choice_that_does_not_exist_is_refused(client, hr):
    client.force_login(hr)

    response = client.post(reverse("notifications:preferences"), {REGISTER_CHANGED.key: "fax"})

    assert response.status_code == 200
    assert not Preference.objects.exists()


def test_the_outbox_searches_and_filters_by_state(client, administrator, hr, leader):
    make_message(hr, "a", subject="Nye ledere i registeret", state=State.FAILED)
    make_message(leader, "b", subject="Mødeindkaldelse", state=State.SENT)
    client.force_login(administrator)

    failed = client.get(reverse("notifications:outbox"), {"state": State.FAILED}).text
    searched = client.get(reverse("notifications:outbox"), {"q": leader.email}).text

    assert "Nye ledere i registeret" in failed and "Mødeindkaldelse" not in failed
    assert "Mødeindkaldelse" in searched and "Nye ledere" not in searched


def test_the_administrator_sends_all_failed_messages_again(
    client, administrator, hr, django_capture_on_commit_callbacks
):
    failed = make_message(hr, "a", subject="Nye ledere", state=State.FAILED)
    uncertain = make_message(hr, "b", subject="Usikker", state=State.UNCERTAIN)
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:retry_all"))

    failed.refresh_from_db()
    uncertain.refresh_from_db()
    assert failed.state == State.SENT
    # An uncertain message may already have arrived: it is sent again only one at a time.
    assert uncertain.state == State.UNCERTAIN


def test_a_sent_message_cannot_be_sent_again(client, administrator, hr):
    sent = make_message(hr, "a", subject="Nye ledere", state=State.SENT)
    client.force_login(administrator)

    response = client.post(reverse("notifications:retry", args=[sent.pk]), follow=True)

    assert "Kun mislykkede eller usikre beskeder" in response.text
    sent.refresh_from_db()
    assert sent.attempts == 0


def test_the_outbox_shows_and_sorts_by_when_a_message_goes_out(client, administrator, leader):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    # Queued long ago, going out next week; queued just now, sent an hour ago.
    MessageFactory(
        recipient=leader,
        kind=REGISTER_CHANGED.key,
        subject="Sendes i næste uge",
        state=State.PENDING,
        created_at=now - datetime.timedelta(days=30),
        due_at=now + datetime.timedelta(days=7),
    )
    MessageFactory(
        recipient=leader,
        kind=REGISTER_CHANGED.key,
        subject="Sendt for en time siden",
        created_at=now,
        due_at=now - datetime.timedelta(hours=1),
        sent_at=now - datetime.timedelta(hours=1),
        state=State.SENT,
    )
    MessageFactory(
        recipient=leader,
        kind=REGISTER_CHANGED.key,
        subject="Aflyst",
        state=State.CANCELLED,
        last_error="moved",
        due_at=now - datetime.timedelta(days=2),
    )
    client.force_login(administrator)

    page = client.get(reverse("notifications:outbox")).text

    assert page.index("Sendes i næste uge") < page.index("Sendt for en time siden")
    assert page.index("Sendt for en time siden") < page.index("Aflyst")
    assert "Afsendelse" in page and "Oprettet" not in page
    assert "Mødet er flyttet; en ny besked erstatter den" in page
    assert "moved" not in page

    client.force_login(leader)
    mine = client.get(reverse("notifications:mine")).text
    assert mine.index("Sendes i næste uge") < mine.index("Sendt for en time siden")
    assert mine.index("Sendt for en time siden") < mine.index("Aflyst")
