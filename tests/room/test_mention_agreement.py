"""A finding that points to a user is the named person's to agree to: the host asks, they answer."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from groups.models import Reason
from meetings.models import Meeting
from meetings.room.models import Feedback, MentionAgreement, Summary
from meetings.room.services import feedback_save
from nyborg_ledelse.notifications.models import Message
from tests.factories import LeaderFactory, MembershipFactory
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db

SENTENCE = "Som Mette Hansen sagde, mangler vi hænder i dagtilbuddene."
TEXT = f"{SENTENCE} Vi talte også om budgettet for næste år."


@pytest.fixture
def meeting(people):
    objects = room_objects(people)
    MentionAgreement.objects.all().delete()
    leader = people["leader"]
    leader.first_name, leader.last_name = "Mette", "Hansen"
    leader.save()
    meeting = Meeting.objects.select_related("group", "round").get(pk=objects["meeting"])
    Feedback.objects.filter(meeting=meeting).update(text=TEXT, answers={})
    return meeting


@pytest.fixture
def mette(people):
    return people["leader"]


@pytest.fixture
def host(people):
    return people["director"]


def ask(client, meeting, *, start=4, document="feedback"):
    return client.post(
        reverse("room:mention_ask", args=[meeting.pk]),
        {"document": document, "text_index": 0, "start": start},
        follow=True,
    )


def answer(client, agreement, value):
    return client.post(
        reverse("room:mention_answer", args=[agreement.pk]), {"answer": value}, follow=True
    )


def release(client, meeting) -> bool:
    client.post(reverse("room:feedback_release", args=[meeting.pk]))
    return Feedback.objects.get(meeting=meeting).is_released


def test_only_the_named_members_own_agreement_lets_the_host_release(client, meeting, mette, host):
    client.force_login(host)
    assert not release(client, meeting)
    page = client.get(reverse("room:feedback", args=[meeting.pk])).content.decode()
    assert '<mark id="finding-1" class="finding">Mette Hansen</mark>' in page
    assert "Spørg Mette Hansen" in page

    page = ask(client, meeting).content.decode()

    assert "Mette Hansen er spurgt, om sætningen må blive stående." in page
    agreement = MentionAgreement.objects.get()
    assert (agreement.person, agreement.asked_by, agreement.sentence, agreement.status) == (
        mette,
        host,
        SENTENCE,
        "asked",
    )
    asked = Message.objects.get(kind="mention_asked")
    link = reverse("room:mention", args=[agreement.pk])
    assert asked.recipient == mette and link in asked.body_text
    assert not release(client, meeting), "asking is not agreeing"

    client.force_login(mette)
    page = client.get(link).content.decode()
    assert "Mette Hansen</mark> sagde, mangler vi hænder i dagtilbuddene." in page
    assert "budgettet" not in page, "the named person sees only the sentence"
    answer(client, agreement, "agree")

    agreement.refresh_from_db()
    assert agreement.status == "agreed" and agreement.answered_at is not None
    assert Message.objects.filter(kind="mention_answered", recipient=host).exists()
    client.force_login(host)
    page = client.get(reverse("room:feedback", args=[meeting.pk])).content.decode()
    assert '<mark id="finding-1" class="agreed">Mette Hansen</mark>' in page
    assert release(client, meeting)


def test_declining_tells_the_host_who_must_rewrite_the_sentence(client, meeting, mette, host):
    client.force_login(host)
    ask(client, meeting)
    agreement = MentionAgreement.objects.get()
    client.force_login(mette)

    answer(client, agreement, "decline")

    agreement.refresh_from_db()
    assert agreement.status == "declined"
    told = Message.objects.get(kind="mention_answered")
    assert told.recipient == host and "nej" in told.subject
    client.force_login(host)
    assert not release(client, meeting)
    page = ask(client, meeting).content.decode()
    assert "Personen har sagt nej til sætningen: omskriv den." in page
    assert MentionAgreement.objects.count() == 1
    feedback = Feedback.objects.get(meeting=meeting)
    feedback_save(
        meeting=meeting,
        by=host,
        version=feedback.version,
        text="Flere af os mangler hænder i dagtilbuddene.",
        nothing_to_report=False,
        answers={},
    )
    assert release(client, meeting)


def test_changing_the_agreed_sentence_voids_the_agreement_and_the_check_runs_again(
    client, meeting, mette, host
):
    client.force_login(host)
    ask(client, meeting)
    agreement = MentionAgreement.objects.get()
    client.force_login(mette)
    answer(client, agreement, "agree")
    feedback = Feedback.objects.get(meeting=meeting)

    feedback_save(
        meeting=meeting,
        by=host,
        version=feedback.version,
        text="Som Mette Hansen sagde, mangler vi mange hænder i dagtilbuddene.",
        nothing_to_report=False,
        answers={},
    )

    agreement.refresh_from_db()
    assert agreement.status == "void"
    client.force_login(host)
    assert not release(client, meeting)
    page = client.get(reverse("room:feedback", args=[meeting.pk])).content.decode()
    assert '<mark id="finding-1" class="finding">Mette Hansen</mark>' in page
    client.force_login(mette)
    page = answer(client, agreement, "agree").content.decode()
    assert "Sætningen er ændret, siden du blev spurgt" in page
    assert MentionAgreement.objects.get().status == "void"


def test_changing_another_sentence_keeps_the_agreement(client, meeting, mette, host):
    client.force_login(host)
    ask(client, meeting)
    agreement = MentionAgreement.objects.get()
    client.force_login(mette)
    answer(client, agreement, "agree")
    feedback = Feedback.objects.get(meeting=meeting)

    feedback_save(
        meeting=meeting,
        by=host,
        version=feedback.version,
        text=f"{SENTENCE} Budgettet tager vi op i foråret.",
        nothing_to_report=False,
        answers={},
    )

    agreement.refresh_from_db()
    assert agreement.status == "agreed"
    client.force_login(host)
    assert release(client, meeting)


def test_a_role_or_an_unknown_name_can_only_be_rewritten(client, meeting, host):
    Feedback.objects.filter(meeting=meeting).update(
        text="Lederen af Skole Øst fortalte, at hun overvejer at sige op."
    )
    client.force_login(host)

    page = client.get(reverse("room:feedback", args=[meeting.pk])).content.decode()

    assert "peger på en, der ikke er bruger her (en rolle eller et ukendt navn)" in page
    assert "Spørg " not in page
    page = ask(client, meeting, start=0).content.decode()
    assert "Stedet peger ikke på nogen, der kan spørges" in page
    assert not MentionAgreement.objects.exists()
    assert not release(client, meeting)


def test_nobody_but_the_named_person_may_see_or_answer_the_question(client, meeting, people, host):
    client.force_login(host)
    ask(client, meeting)
    agreement = MentionAgreement.objects.get()
    another_member = LeaderFactory()
    MembershipFactory(
        group=meeting.group,
        leader=another_member,
        joined_on=meeting.day - datetime.timedelta(days=30),
        joined_reason=Reason.COMPOSED,
    )

    for someone in [another_member, host, people["chef"], people["hr"], people["administrator"]]:
        client.force_login(someone)
        assert client.get(reverse("room:mention", args=[agreement.pk])).status_code == 404
        response = client.post(
            reverse("room:mention_answer", args=[agreement.pk]), {"answer": "agree"}
        )
        assert response.status_code == 404

    assert MentionAgreement.objects.get().status == "asked"


def test_the_box_does_not_show_when_there_is_nothing_to_mark(client, meeting, host):
    Summary.objects.filter(meeting=meeting).update(talked_about="Vi talte om budgettet.")
    client.force_login(host)

    page = client.get(reverse("room:summary", args=[meeting.pk])).content.decode()

    assert "Fortrolighedstjek" not in page
    assert "<mark" not in page


class _Checker(HTMLParser):
    """Balanced elements, unique ids, and no block inside a paragraph."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    BLOCK = {"div", "section", "form", "ol", "ul", "li", "p", "h1", "h2", "h3", "blockquote"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]
        if tag in self.BLOCK and "p" in self.stack:
            self.errors.append(f"<{tag}> inside <p>")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()


def test_the_marked_text_is_valid_html_with_every_finding_in_place_and_listed(
    client, meeting, host
):
    Feedback.objects.filter(meeting=meeting).update(
        text=f"{TEXT}\nLederen af Skole Øst fortalte, at hun overvejer at sige op."
    )
    client.force_login(host)

    page = client.get(reverse("room:feedback", args=[meeting.pk])).content.decode()

    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    assert 'href="#finding-note-1"' in page and 'id="finding-note-2"' in page
    assert '<mark id="finding-2" class="finding">Lederen af Skole Øst</mark>' in page


def test_the_named_person_finds_the_sentence_and_their_answer_in_their_own_data(
    client, meeting, mette, host
):
    from nyborg_ledelse.organisation.mydata import personal_data

    client.force_login(host)
    ask(client, meeting)
    client.force_login(mette)
    answer(client, MentionAgreement.objects.get(), "agree")

    for person in (mette, host):
        (section,) = [s for s in personal_data(person) if s.key == "mentions"]
        ((_meeting, sentence, named, status, asked_by, _answered),) = section.rows
        assert (sentence, named, status, asked_by) == (
            SENTENCE,
            "Mette Hansen",
            "sagt ja",
            host.full_name,
        )
