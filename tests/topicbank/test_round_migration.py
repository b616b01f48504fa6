import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from topicbank.models import TopicEvent, theme_balance

BEFORE = [("topicbank", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_the_free_text_rounds_and_keeps_what_matches_none():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "topicbank"]
    old = executor.loader.project_state([*BEFORE, *others]).apps
    OldRound = old.get_model("meetings", "Round")
    OldLeader = old.get_model("organisation", "Leader")
    OldTopic = old.get_model("topicbank", "Topic")
    OldEvent = old.get_model("topicbank", "TopicEvent")
    winter = OldRound.objects.create(
        title="Vinter 2027",
        week_start=datetime.date(2027, 1, 18),
        days=["2027-01-19"],
        starts=datetime.time(12, 30),
        ends=datetime.time(15, 30),
    )
    for title in ("Forår 2027", "Forår 2027"):  # two rounds of one name: no safe link
        OldRound.objects.create(
            title=title,
            week_start=datetime.date(2027, 4, 12),
            days=["2027-04-13"],
            starts=datetime.time(12, 30),
            ends=datetime.time(15, 30),
        )
    chef = OldLeader.objects.create(email="chef@nyborg.dk", first_name="C", last_name="D")
    topic = OldTopic.objects.create(
        title="Budget", description="…", agenda_item=3, theme="operations", proposed_by=chef
    )
    for written in ["Vinter 2027", "vinter  2027", " VINTER 2027 ", "Sommer 2019", "Forår 2027"]:
        OldEvent.objects.create(
            topic=topic, from_state="shortlisted", to_state="planned", round_name=written, by=chef
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    events = list(TopicEvent.objects.order_by("pk").values_list("round_id", "round_name"))
    assert events == [
        (winter.pk, ""),
        (winter.pk, ""),
        (winter.pk, ""),
        (None, "Sommer 2019"),
        (None, "Forår 2027"),
    ]
    assert [(row["round_name"], row["operations"]) for row in theme_balance()] == [
        ("Vinter 2027", 1)
    ]
