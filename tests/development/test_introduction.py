import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from coaching.development.models import Item, Programme, TemplateItem
from coaching.development.services import (
    introductions_start,
    item_add,
    item_mark,
    item_update,
    programme_create,
)
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.tasks import dispatch_due_messages
from nyborg_ledelse.organisation.tasks import daily_round_task
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
START = datetime.date(2027, 3, 1)


@pytest.fixture
def newcomer(chef):
    return LeaderFactory(reports_to=chef, start_date=START, job_title="Afdelingsleder")


def test_a_new_leader_gets_the_municipalitys_template_dated_from_the_start(newcomer):
    programme = programme_create(leader=newcomer)

    titles = [item.title for item in programme.items.order_by("position")]
    assert titles[0] == "Velkomstmøde med kommunaldirektøren"
    assert "Velkomstmøde med din fagchef" in titles
    assert "Velkomstmøde for nyansatte" in titles
    assert "Individuelt tilrettelagt introduktionsforløb" in titles
    assert "”Lettere vej for ledere”" in titles
    assert "Tilbud om en sparringspartner" in titles
    assert "Din plads i en tværgående ledelsesgruppe" in titles
    assert programme.items.get(title__startswith="Velkomstmøde med din fagchef").due_date == (
        START + datetime.timedelta(days=14)
    )
    assert programme.items.get(title="”Lettere vej for ledere”").link.startswith("https://")


def test_hrs_changes_to_the_template_shape_the_next_programme(newcomer, client, hr):
    client.force_login(hr)
    client.post(
        reverse("development:hr_texts", kwargs={"kind": "template"}),
        {
            "title": "Møde med økonomikonsulenten",
            "days_after_start": 10,
            "position": 5,
            "active": "on",
        },
    )
    TemplateItem.objects.filter(title="Velkomstmøde for nyansatte").update(active=False)

    titles = set(programme_create(leader=newcomer).items.values_list("title", flat=True))

    assert "Møde med økonomikonsulenten" in titles
    assert "Velkomstmøde for nyansatte" not in titles


def test_the_daily_round_gives_a_leader_entered_by_hand_a_programme_once(newcomer, chef):
    with time_machine.travel(datetime.datetime(2027, 3, 2, 6, 15, tzinfo=COPENHAGEN)):
        daily_round_task()
        daily_round_task()

    assert Programme.objects.filter(leader=newcomer).count() == 1
    assert Message.objects.filter(kind="introduction_to_plan", recipient=chef).count() == 1


def test_long_serving_leaders_and_hr_staff_get_no_programme(leader, hr, newcomer):
    hr.start_date = START
    hr.save()

    assert introductions_start(day=START) == 1
    assert not Programme.objects.filter(leader__in=[leader, hr]).exists()


def test_a_register_import_with_a_start_date_starts_the_programme(chef, hr):
    from nyborg_ledelse.organisation.services import register_apply
    from tests.organisation.test_register_import import HEADER, csv_file

    row = (
        f"ny.leder@nyborg.test;Nanna;Krog;Skoleleder;Børn og Unge;Skole Vest;3;{chef.email};"
        "ja;ja;leder;2027-03-01;;"
    )
    with time_machine.travel(datetime.datetime(2027, 3, 2, 9, tzinfo=COPENHAGEN)):
        plan = register_apply(content=csv_file(row, header=HEADER), filename="register.csv")

    assert plan.is_valid, plan.errors
    programme = Programme.objects.get()
    assert programme.leader.email == "ny.leder@nyborg.test"
    assert programme.start_date == START
    assert Message.objects.get(kind="introduction_to_plan").recipient == chef


def test_the_manager_is_reminded_two_mornings_before_an_item_and_only_while_it_is_open(
    newcomer, chef
):
    programme = programme_create(leader=newcomer)
    item = item_add(programme=programme, title="Rutiner", due_date=datetime.date(2027, 4, 10))

    reminder = Message.objects.get(kind="introduction_item_due", about_id=item.pk)
    assert reminder.recipient == chef
    assert reminder.due_at == datetime.datetime(2027, 4, 8, 8, tzinfo=COPENHAGEN)

    item_update(item=item, title="Rutiner", description="", due_date=datetime.date(2027, 4, 20))
    states = dict(
        Message.objects.filter(kind="introduction_item_due", about_id=item.pk).values_list(
            "due_at", "state"
        )
    )
    assert states[datetime.datetime(2027, 4, 8, 8, tzinfo=COPENHAGEN)] == State.CANCELLED
    assert states[datetime.datetime(2027, 4, 18, 8, tzinfo=COPENHAGEN)] == State.PENDING

    with time_machine.travel(datetime.datetime(2027, 4, 18, 8, 1, tzinfo=COPENHAGEN)):
        mail.outbox.clear()
        dispatch_due_messages()
    sent = [email for email in mail.outbox if "Rutiner" in email.subject]
    assert [email.to for email in sent] == [[chef.email]]


def test_a_ticked_item_is_not_reminded(newcomer, chef):
    programme = programme_create(leader=newcomer)
    item = item_add(programme=programme, title="Rutiner", due_date=datetime.date(2027, 4, 10))

    item_mark(item=item, by=newcomer, done=True)

    assert not Message.objects.filter(
        kind="introduction_item_due", about_id=item.pk, state=State.PENDING
    ).exists()


def test_the_manager_plans_and_the_new_leader_ticks_and_comments(client, newcomer, chef):
    programme = programme_create(leader=newcomer)
    client.force_login(chef)
    response = client.post(
        reverse("development:item_new", args=[programme.pk]),
        {"topic": "0", "title": "", "description": "", "due_date": "2027-03-20"},
    )
    assert response.status_code == 302
    item = Item.objects.get(programme=programme, due_date=datetime.date(2027, 3, 20))

    client.force_login(newcomer)
    client.post(reverse("development:item_done", args=[item.pk]), {"done": "1"})
    client.post(reverse("development:item_comment", args=[item.pk]), {"text": "Godt møde."})
    page = client.get(reverse("development:introduction", args=[programme.pk])).content.decode()

    item.refresh_from_db()
    assert item.done_by == newcomer
    assert "Godt møde." in page
    assert "Succeskriterier" in page


def test_a_plan_item_needs_a_topic_or_a_title(client, newcomer, chef):
    programme = programme_create(leader=newcomer)
    client.force_login(chef)

    response = client.post(reverse("development:item_new", args=[programme.pk]), {"title": ""})

    assert response.status_code == 200
    assert "Vælg et emne eller skriv en titel." in response.content.decode()


def test_hr_sees_only_how_far_each_programme_has_come_and_how_many_are_on_time(
    client, newcomer, chef, hr
):
    programme = programme_create(leader=newcomer)
    item = item_add(programme=programme, title="Hemmeligt projekt X", due_date=START)
    item_mark(item=item, by=chef, done=True)

    with time_machine.travel(datetime.datetime(2027, 3, 20, 9, tzinfo=COPENHAGEN)):
        client.force_login(hr)
        page = client.get(reverse("development:hr")).content.decode()

    assert newcomer.full_name in page
    assert f"1/{programme.items.count()}" in page
    assert "Hemmeligt projekt X" not in page
    assert "0 af 1 ny leder følger planen." in page


def test_saving_an_item_unchanged_keeps_its_reminder_and_moving_it_back_queues_one_again(
    newcomer, chef
):
    programme = programme_create(leader=newcomer)
    first, second = datetime.date(2027, 4, 10), datetime.date(2027, 4, 20)
    item = item_add(programme=programme, title="Rutiner", due_date=first)

    item_update(item=item, title="Rutiner", description="", due_date=first)
    item_update(item=item, title="Rutiner", description="", due_date=second)
    item_update(item=item, title="Rutiner", description="", due_date=first)

    pending = Message.objects.filter(
        kind="introduction_item_due", about_id=item.pk, state=State.PENDING
    )
    assert [m.due_at for m in pending] == [datetime.datetime(2027, 4, 8, 8, tzinfo=COPENHAGEN)]
