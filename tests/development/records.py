"""A leader's own development records, built through the services, for the personal-data tests."""

import datetime
import zoneinfo
from dataclasses import dataclass

from coaching.development.models import Agreement, Education, Evaluation, Programme, Talk
from coaching.development.services import (
    agreement_save,
    evaluation_record,
    foundation_save,
    goal_add,
    item_comment,
    programme_create,
    talk_book,
    talk_mark_held,
    talk_prepare,
)

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


@dataclass
class Records:
    programme: Programme
    talk: Talk
    evaluation: Evaluation
    agreement: Agreement


def development_records(leader, manager) -> Records:
    """An introduction with a comment from each, a foundation in two versions, a held talk with
    preparation and a goal, an evaluation with a goal and an education agreement."""
    if leader.start_date is None:
        leader.start_date = datetime.date(2025, 2, 1)
        leader.save(update_fields=["start_date"])
    programme = programme_create(leader=leader)
    item = programme.items.first()
    item_comment(item=item, by=leader, text="Aftalt med økonomikonsulenten i uge 9")
    item_comment(item=item, by=manager, text="Godt, jeg deltager gerne")
    foundation_save(
        leader=leader,
        text="Jeg leder med tillid.",
        share_with_manager=False,
        share_with_group=False,
    )
    foundation_save(
        leader=leader,
        text="Jeg leder med tillid og tydelighed.",
        share_with_manager=True,
        share_with_group=False,
    )
    talk = talk_book(
        leader=leader,
        manager=manager,
        booked_for=datetime.datetime(2025, 9, 10, 10, tzinfo=CPH),
        place="Mødelokale 2",
    )
    first = talk.preparation.first()
    talk_prepare(talk=talk, answers={first.pk: "Jeg vil blive bedre til at uddelegere."})
    talk_mark_held(talk=talk, held_on=datetime.date(2025, 9, 10))
    goal_add(talk=talk, text="Uddelegere budgetopfølgningen", offer="coaching")
    evaluation = evaluation_record(
        leader=leader, manager=manager, held_on=datetime.date(2025, 5, 20)
    )
    goal_add(evaluation=evaluation, text="Mere synlig i dagligdagen")
    agreement = agreement_save(
        agreement=Agreement(
            leader=leader,
            agreed_by=manager,
            education=Education.DIL,
            title="Modul: Det personlige lederskab",
            provider="UCL",
            ects=5,
            starts_on=datetime.date(2025, 9, 1),
            financing="Kompetencefonden betaler halvdelen",
        )
    )
    return Records(programme, talk, evaluation, agreement)
