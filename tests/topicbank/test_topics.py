import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nyborg_ledelse.notifications.models import Message
from tests.factories import LeaderFactory, RoundFactory, SupportFactory
from tests.topicbank.conftest import make_topic
from topicbank.models import AgendaItem, State, Support, Theme, Topic, TopicFile, theme_balance
from topicbank.services import topic_move

pytestmark = pytest.mark.django_db


def main_of(response) -> str:
    """The page's main content, without the navigation that names the logged-in user."""
    return response.text.split("<main", 1)[1].split("</main>", 1)[0]


def proposal(**changes) -> dict:
    data = {
        "title": "Ledelse opad i budgetprocessen",
        "description": "Hvordan klæder vi vores chefer på, når budgettet skal prioriteres?",
        "agenda_item": AgendaItem.SHARED_FOCUS,
        "theme": Theme.OPERATIONS,
        "links": "",
    }
    return {**data, **changes}


def propose(client, **changes):
    return client.post(reverse("topicbank:propose"), proposal(**changes))


def test_a_leader_proposes_a_topic_with_a_link_a_file_and_a_tag(client, leader, tag):
    client.force_login(leader)
    pdf = SimpleUploadedFile("brief-backbrief.pdf", b"%PDF-1.7 ...", content_type="application/pdf")

    response = propose(
        client,
        links="https://www.example.dk/artikel\nhttp://video.example.dk/klip",
        file=pdf,
        tags=[tag.pk],
    )

    topic = Topic.objects.get()
    assert response.url == reverse("topicbank:detail", args=[topic.pk])
    assert (topic.proposed_by, topic.state) == (leader, State.PROPOSED)
    assert [link.url for link in topic.links.order_by("url")] == [
        "http://video.example.dk/klip",
        "https://www.example.dk/artikel",
    ]
    assert topic.files.get().name == "brief-backbrief.pdf"
    assert list(topic.tags.all()) == [tag]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Dette felt er påkrævet."),
        ({"links": "ftp://example.dk/fil"}, "er ikke et http(s)-link"),
        ({"links": "javascript:alert(1)"}, "er ikke et http(s)-link"),
        (
            {"file": SimpleUploadedFile("virus.exe", b"MZ")},
            "Filer af typen &#x27;.exe&#x27; kan ikke uploades",
        ),
        (
            {"file": SimpleUploadedFile("billede.pdf", b"\x89PNG....")},
            "Filens indhold passer ikke til dens type",
        ),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_saved(client, leader, changes, message):
    client.force_login(leader)

    response = propose(client, **changes)

    assert response.status_code == 200
    assert message in response.text
    assert not Topic.objects.exists()
    assert not TopicFile.objects.exists()


def test_an_oversized_file_is_refused(client, leader, settings):
    settings.TOPIC_FILE_MAX_BYTES = 10
    client.force_login(leader)

    response = propose(client, file=SimpleUploadedFile("lang.pdf", b"%PDF" + b"x" * 100))

    assert "Filen er større end" in response.text
    assert not Topic.objects.exists()


def test_a_near_duplicate_is_warned_about_and_saved_only_when_confirmed(client, leader, chef):
    existing = make_topic(chef, title="Psykologisk tryghed i ledergruppen")
    client.force_login(leader)

    warned = propose(client, title="Psykologisk tryghed i ledergrupperne")

    assert "Lignende emner findes allerede" in warned.text
    assert reverse("topicbank:detail", args=[existing.pk]) in warned.text
    assert Topic.objects.count() == 1

    propose(client, title="Psykologisk tryghed i ledergrupperne", confirm_new="on")
    assert Topic.objects.count() == 2


def test_an_anonymous_proposer_is_hidden_from_other_leaders_only(client, people, leader):
    topic = make_topic(leader, anonymous=True)
    other_leader = LeaderFactory()
    url = reverse("topicbank:detail", args=[topic.pk])

    for viewer, sees_name in [
        (other_leader, False),
        (leader, True),
        (people["chef"], True),
        (people["director"], True),
        (people["hr"], True),
        (people["administrator"], False),
    ]:
        client.force_login(viewer)
        assert (leader.full_name in main_of(client.get(url))) is sees_name, viewer.role


def test_a_leader_supports_a_topic_once_and_can_take_it_back(client, leader, topic):
    supporter = LeaderFactory()
    client.force_login(supporter)
    support_url = reverse("topicbank:support", args=[topic.pk])

    client.post(support_url)
    page = main_of(client.get(reverse("topicbank:detail", args=[topic.pk])))
    assert "1 leder støtter det" in page
    assert supporter.full_name not in page

    client.post(support_url)
    assert not Support.objects.exists()


def test_only_the_chef_group_moves_a_topic(client, leader, topic):
    client.force_login(leader)

    response = client.post(
        reverse("topicbank:move", args=[topic.pk]), {"to_state": State.SHORTLISTED}
    )

    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.state == State.PROPOSED


@pytest.mark.parametrize(
    ("to_state", "extra", "message"),
    [
        (State.DISCUSSED, {}, "kan ikke blive"),
        (State.DECLINED, {"reason": "  "}, "Giv forslagsstilleren en begrundelse"),
    ],
)
def test_a_move_the_rules_do_not_allow_is_refused(client, chef, topic, to_state, extra, message):
    client.force_login(chef)

    response = client.post(
        reverse("topicbank:move", args=[topic.pk]), {"to_state": to_state, **extra}, follow=True
    )

    assert message in response.text
    topic.refresh_from_db()
    assert topic.state == State.PROPOSED


def test_planning_needs_a_round(client, chef, topic):
    topic_move(topic=topic, by=chef, to_state=State.SHORTLISTED)
    client.force_login(chef)

    response = client.post(
        reverse("topicbank:move", args=[topic.pk]), {"to_state": State.PLANNED}, follow=True
    )

    assert "Vælg den runde" in response.text


def test_a_declined_topic_shows_its_reason_to_the_proposer_and_not_to_others(
    client, leader, chef, topic
):
    topic_move(topic=topic, by=chef, to_state=State.DECLINED, reason="Drøftet i foråret")
    url = reverse("topicbank:detail", args=[topic.pk])

    client.force_login(leader)
    assert "Drøftet i foråret" in client.get(url).text
    client.force_login(LeaderFactory())
    assert "Drøftet i foråret" not in client.get(url).text


def test_a_topic_keeps_the_rounds_it_was_discussed_in(chef, topic):
    spring = RoundFactory(title="Forår 2027")
    autumn = RoundFactory(title="Efterår 2027")
    for state, round_ in [
        (State.SHORTLISTED, None),
        (State.PLANNED, spring),
        (State.DISCUSSED, spring),
        (State.PLANNED, autumn),
        (State.DISCUSSED, autumn),
    ]:
        topic = topic_move(topic=topic, by=chef, to_state=state, round_=round_)

    assert topic.rounds_discussed() == ["Forår 2027", "Efterår 2027"]


def test_proposer_and_supporters_are_told_and_only_the_proposer_hears_the_reason(
    leader, chef, topic, django_capture_on_commit_callbacks
):
    supporter = LeaderFactory()
    SupportFactory(topic=topic, leader=supporter)

    with django_capture_on_commit_callbacks(execute=True):
        topic_move(
            topic=topic, by=chef, to_state=State.DECLINED, reason="Passer bedre i HR-netværket"
        )

    to_proposer = Message.objects.get(recipient=leader)
    to_supporter = Message.objects.get(recipient=supporter)
    assert "Passer bedre i HR-netværket" in to_proposer.body_text
    assert "Passer bedre i HR-netværket" not in to_supporter.body_text
    assert "er nu: Afvist" in to_supporter.subject or "er nu Afvist" in to_supporter.subject
    assert sorted(email.to[0] for email in mail.outbox) == sorted([leader.email, supporter.email])


def test_shortlisting_tells_nobody(leader, chef, topic):
    topic_move(topic=topic, by=chef, to_state=State.SHORTLISTED)

    assert not Message.objects.exists()


def test_browsing_searches_filters_and_sorts_by_support(client, leader, chef, tag):
    budget = make_topic(chef, title="Ledelse opad i budgetprocessen", theme=Theme.OPERATIONS,
                        agenda_item=AgendaItem.SHARED_FOCUS)  # fmt: skip
    safety = make_topic(chef, title="Psykologisk tryghed")
    safety.tags.add(tag)
    for _ in range(2):
        SupportFactory(topic=safety, leader=LeaderFactory())
    client.force_login(leader)
    url = reverse("topicbank:list")

    def titles(**query) -> list[str]:
        return [t.title for t in client.get(url, query).context["page"]]

    assert titles(q="budget ledelse") == ["Ledelse opad i budgetprocessen"]
    assert titles(theme=Theme.OPERATIONS) == [budget.title]
    assert titles(agenda_item=AgendaItem.GOOD_LEADERSHIP) == [safety.title]
    assert titles(tag=tag.pk) == [safety.title]
    assert titles(sort="support") == [safety.title, budget.title]
    assert titles(sort="new") == [safety.title, budget.title]
    assert titles(state=State.DECLINED) == []


def test_the_list_is_paginated(client, leader):
    for number in range(25):
        make_topic(leader, title=f"Emne {number}")
    client.force_login(leader)

    page_two = client.get(reverse("topicbank:list"), {"page": 2})

    assert len(page_two.context["page"]) == 5


def test_the_proposer_cannot_edit_once_the_chef_group_has_picked_it_up(client, leader, chef, topic):
    topic_move(topic=topic, by=chef, to_state=State.SHORTLISTED)
    client.force_login(leader)

    assert client.get(reverse("topicbank:edit", args=[topic.pk])).status_code == 403


def test_the_board_shows_the_balance_of_operations_and_development_per_round(client, chef, leader):
    spring = RoundFactory(title="Forår 2027", week_start=datetime.date(2027, 4, 12))
    autumn = RoundFactory(title="Efterår 2027", week_start=datetime.date(2027, 9, 13))
    for title, theme, round_ in [
        ("Budget", Theme.OPERATIONS, spring),
        ("Tryghed", Theme.DEVELOPMENT, spring),
        ("Rekruttering", Theme.OPERATIONS, autumn),
    ]:
        topic = make_topic(leader, title=title, theme=theme)
        topic_move(topic=topic, by=chef, to_state=State.SHORTLISTED)
        topic_move(topic=topic, by=chef, to_state=State.PLANNED, round_=round_)

    rows = {row["round_name"]: (row["operations"], row["development"]) for row in theme_balance()}
    assert rows == {"Forår 2027": (1, 1), "Efterår 2027": (1, 0)}
    client.force_login(chef)
    page = client.get(reverse("topicbank:board")).text
    assert "<td>Forår 2027</td><td>1</td><td>1</td>" in page


def test_the_state_selector_starts_at_the_topics_own_state(client, chef, topic):
    client.force_login(chef)

    page = client.get(reverse("topicbank:detail", args=[topic.pk])).text
    staying = client.post(
        reverse("topicbank:move", args=[topic.pk]), {"to_state": topic.state}, follow=True
    )

    select = page.split('name="to_state"', 1)[1].split("</select>", 1)[0]
    assert '<option value="proposed" selected>Foreslået (nu)</option>' in select
    assert select.count("selected") == 1
    assert "Emnet forbliver &#x27;Foreslået&#x27;." in staying.text
    assert not topic.events.exists()


def test_a_topic_planned_twice_for_a_round_is_counted_once_on_the_board(chef, leader):
    round_ = RoundFactory(title="Vinter 2027")
    topic = make_topic(leader, title="Budget", theme=Theme.OPERATIONS)
    topic_move(topic=topic, by=chef, to_state=State.SHORTLISTED)
    topic_move(topic=topic, by=chef, to_state=State.PLANNED, round_=round_)
    topic_move(topic=topic, by=chef, to_state=State.DISCUSSED, round_=round_)

    assert [(row["round_name"], row["operations"]) for row in theme_balance()] == [
        ("Vinter 2027", 1)
    ]


def test_the_chef_group_plans_a_topic_for_a_round_chosen_from_the_rounds(client, chef, topic):
    round_ = RoundFactory(title="Vinter 2027")
    topic_move(topic=topic, by=chef, to_state=State.SHORTLISTED)
    client.force_login(chef)
    page = client.get(reverse("topicbank:detail", args=[topic.pk])).text
    assert f'<option value="{round_.pk}">Vinter 2027</option>' in page

    client.post(
        reverse("topicbank:move", args=[topic.pk]),
        {"to_state": State.PLANNED, "round_": round_.pk},
    )

    assert topic.events.last().round == round_
    page = client.get(reverse("topicbank:detail", args=[topic.pk])).text
    assert "Planlagt til en runde – Vinter 2027" in page
