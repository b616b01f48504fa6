"""Anonymity that survives arithmetic: what the pages show, solved as equations, pins down no
hidden group; and nothing shown moves while people answer."""

import datetime
import re

import numpy as np
import pytest
import time_machine
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from groups.models import Reason
from meetings.room.disclosure import MINIMUM_RESPONDENTS, Answer, disclose, round_evaluations
from meetings.room.services import evaluation_submit, survey_submit
from tests.factories import (
    GroupFactory,
    LeaderFactory,
    MeetingFactory,
    MembershipFactory,
    SurveyFactory,
)

# --- the property: visible numbers as a linear system -------------------------------------------

# Per group: how many answered (some under the minimum, some none) and their ratings.
group_answers = st.lists(
    st.lists(st.integers(min_value=1, max_value=5), min_size=0, max_size=8),
    min_size=1,
    max_size=7,
).filter(lambda groups: any(0 < len(g) < MINIMUM_RESPONDENTS for g in groups))


def _table(groups: list[list[int]], *, over_time: bool = False, closed_groups=None):
    keys = range(len(groups)) if closed_groups is None else closed_groups
    return disclose(
        [
            (k, f"Gruppe {k}", [Answer((r,), (f"tekst-{k}-{i}",)) for i, r in enumerate(groups[k])])
            for k in keys
        ],
        closed=True,
        over_time=over_time,
        text_fields=1,
    )


def _visible_rows(table, size: int, *, over_time: bool = False) -> list[np.ndarray]:
    """Each visible number is a linear function of the groups' unknown sums (or counts)."""
    rows = []
    for cell in table.groups:
        if cell.shown:
            row = np.zeros(size)
            row[cell.key] = 1
            rows.append(row)
    if table.total.shown:
        row = np.zeros(size)
        # The total is over the groups it counts: with over_time, the ones shown on their own.
        counted = [cell.key for cell in table.groups if not (over_time and _few(cell))]
        row[counted] = 1
        rows.append(row)
    return rows


def _few(cell) -> bool:
    return cell.hidden == "few"


def _determined(rows: list[np.ndarray], group: int, size: int) -> bool:
    """Is the group's own sum a combination of the visible numbers? (rank does not grow)"""
    if not rows:
        return False
    system = np.vstack(rows)
    unit = np.zeros(size)
    unit[group] = 1
    return np.linalg.matrix_rank(np.vstack([system, unit])) == np.linalg.matrix_rank(system)


def _check_shown_numbers_are_true(table, groups: list[list[int]]) -> None:
    for cell in table.groups:
        if cell.shown and groups[cell.key]:
            assert cell.respondents == len(groups[cell.key])
            assert cell.average == pytest.approx(sum(groups[cell.key]) / len(groups[cell.key]))


def _texts_shown(table) -> set[str]:
    return {text for cell in table.columns if cell.shown for field in cell.texts for text in field}


@settings(max_examples=300, deadline=None)
@given(group_answers)
def test_no_hidden_group_can_be_worked_out_from_a_closed_table(groups):
    table = _table(groups)
    size = len(groups)
    rows = _visible_rows(table, size)

    _check_shown_numbers_are_true(table, groups)
    for cell in table.groups:
        assert not (cell.shown and 0 < len(groups[cell.key]) < MINIMUM_RESPONDENTS)
        if not cell.shown:
            # Neither the group's sum of answers nor its count is determined by what is shown
            # (counts of shown cells and the total form the same system as the sums).
            assert not _determined(rows, cell.key, size), (groups, table)
            assert cell.respondents is None and cell.averages is None and not cell.texts
    assert table.total.shown is False or table.total.respondents >= MINIMUM_RESPONDENTS
    few = {k for k, g in enumerate(groups) if 0 < len(g) < MINIMUM_RESPONDENTS}
    assert not any(text.split("-")[1] in map(str, few) for text in _texts_shown(table))


@settings(max_examples=200, deadline=None)
@given(group_answers, st.randoms(use_true_random=False))
def test_groups_that_close_one_by_one_never_reveal_a_hidden_group_over_time(groups, rnd):
    """The concept survey closes group by group; a reader who keeps every snapshot still cannot
    subtract one from the next to find a group that was never shown."""
    order = list(range(len(groups)))
    rnd.shuffle(order)
    size = len(groups)
    rows, ever_shown, texts = [], set(), set()
    for k in range(1, size + 1):
        table = _table(groups, over_time=True, closed_groups=sorted(order[:k]))
        rows += _visible_rows(table, size, over_time=True)
        ever_shown |= {cell.key for cell in table.groups if cell.shown}
        texts |= _texts_shown(table)
    for group in range(size):
        if group not in ever_shown and groups[group]:
            assert not _determined(rows, group, size), groups
    few = {k for k, g in enumerate(groups) if 0 < len(g) < MINIMUM_RESPONDENTS}
    assert not any(text.split("-")[1] in map(str, few) for text in texts)


def test_the_example_from_the_issue_hides_the_next_smallest_group_as_well():
    """A group of 1 hidden beside a shown group of 4: the total minus the group was one answer."""
    table = _table([[5], [2, 2, 2, 2], [3, 3, 3, 3, 3]])

    assert [cell.hidden for cell in table.groups] == ["few", "complement", None]
    assert table.total.shown and table.total.respondents == 10
    assert "tekst-0-0" not in table.total.texts[0]


def test_a_single_group_under_the_minimum_hides_the_total_too():
    table = _table([[5, 4], []])

    assert not table.total.shown and not table.groups[0].shown


# --- the pages: one table, closed before it shows -----------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_meetings(people, chef):
    """The director's group (4 members) and a second group (2 members) met a week ago."""
    from tests.room.room_fixtures import held_meeting

    first = held_meeting(people)
    seated = first.day - datetime.timedelta(days=30)
    for _ in range(3):
        MembershipFactory(
            group=first.group,
            leader=LeaderFactory(reports_to=chef),
            joined_on=seated,
            joined_reason=Reason.COMPOSED,
        )
    other = GroupFactory(number=2, host=chef)
    for _ in range(2):
        MembershipFactory(
            group=other,
            leader=LeaderFactory(reports_to=chef),
            joined_on=seated,
            joined_reason=Reason.COMPOSED,
        )
    second = MeetingFactory(round=first.round, group=other, host=chef, day=first.day)
    return first, second


def _answer_all(meeting, ratings, text: str = "") -> None:
    for member, rating in zip(meeting.group.members_on(meeting.day), ratings, strict=False):
        evaluation_submit(meeting=meeting, leader=member, good=text, missed="", rating=rating)


def _numbers_and_texts(html: str) -> str:
    """What a reader learns from the page: all of it but the count of answers so far."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    return re.sub(r"\d+ af \d+ har svaret indtil nu\.", "", main)


def test_one_more_answer_to_an_open_evaluation_changes_nothing_visible(
    client, people, two_meetings
):
    first, _second = two_meetings
    _answer_all(first, [4, 4], text="Godt")
    client.force_login(people["director"])
    host_page = reverse("room:evaluations", args=[first.pk])
    round_page = reverse("room:round_evaluations", args=[first.round_id])
    before = [
        _numbers_and_texts(client.get(url).content.decode()) for url in (host_page, round_page)
    ]

    member = first.group.members_on(first.day)[2]
    evaluation_submit(meeting=first, leader=member, good="Hemmeligt svar", missed="", rating=1)

    after = [client.get(url).content.decode() for url in (host_page, round_page)]
    assert [_numbers_and_texts(page) for page in after] == before
    assert all("Hemmeligt svar" not in page for page in after)
    assert "3 af 4 har svaret indtil nu." in after[0]


def test_a_host_sees_their_meeting_exactly_as_the_round_shows_it(client, people, two_meetings):
    """The second group has 2 answers: hidden; so the first group's cell is hidden too, or its
    host could subtract it from the round's total, which every host sees in the chef group."""
    first, second = two_meetings
    _answer_all(first, [5, 4, 4, 3], text="Godt oplæg")
    _answer_all(second, [1, 1], text="Kun to svar")
    later = first.day + datetime.timedelta(days=15)

    table = round_evaluations(first.round, today=later)
    with time_machine.travel(later):
        client.force_login(people["director"])
        host_page = client.get(reverse("room:evaluations", args=[first.pk])).content.decode()
        client.force_login(people["chef"])
        round_page = client.get(
            reverse("room:round_evaluations", args=[first.round_id])
        ).content.decode()

    assert [cell.hidden for cell in table.groups] == ["complement", "few"]
    assert table.total.shown and table.total.respondents == 6
    for page in (host_page, round_page):
        assert "Kun to svar" not in page and "4,0" not in page
    assert "Godt oplæg" in round_page  # in the round's total, from a group of 4
    assert "3,0" in round_page  # (5+4+4+3+1+1) / 6


def test_hosts_and_the_chef_group_do_not_answer_their_groups_surveys(people, two_meetings, chef):
    first, _second = two_meetings
    survey = SurveyFactory(kind="psychological_safety", round=first.round)

    for host in (people["director"], chef):
        with pytest.raises(Exception, match="Kun gruppernes medlemmer"):
            survey_submit(survey=survey, leader=host, scores=[3] * 7, text="")
        with pytest.raises(Exception, match="Kun gruppens medlemmer"):
            evaluation_submit(meeting=first, leader=host, good="", missed="", rating=5)


def test_no_answer_is_taken_once_the_evaluation_has_closed(people, two_meetings):
    first, _second = two_meetings
    member = first.group.members_on(first.day)[0]

    with (
        time_machine.travel(first.day + datetime.timedelta(days=15)),
        pytest.raises(Exception, match="Evalueringen er lukket"),
    ):
        evaluation_submit(meeting=first, leader=member, good="", missed="", rating=5)


def test_the_survey_page_tells_who_has_not_answered_only_as_a_count(client, people, two_meetings):
    first, _second = two_meetings
    survey = SurveyFactory(kind="course", round=first.round)
    member = first.group.members_on(first.day)[0]
    survey_submit(survey=survey, leader=member, scores=[4] * 6, text="")
    client.force_login(people["director"])

    page = client.get(reverse("room:survey_results", args=[survey.pk])).content.decode()

    assert "1 af 6 har svaret indtil nu." in page
    for person in first.group.members_on(first.day):
        assert person.full_name not in page


def test_answers_and_receipts_have_random_keys_and_no_time():
    """Nothing stored lines an answer up with the receipt of who gave it (see the README)."""
    from django.db import models

    from meetings.room.models import (
        EvaluationAnswer,
        EvaluationReceipt,
        SurveyReceipt,
        SurveyResponse,
    )

    for model in (EvaluationAnswer, EvaluationReceipt, SurveyResponse, SurveyReceipt):
        fields = [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]
        assert isinstance(model._meta.pk, models.UUIDField), model
        assert not [f.name for f in fields if isinstance(f, models.DateField | models.AutoField)]
