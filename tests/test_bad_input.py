"""Input that cannot be understood is refused with a Danish explanation, never a server error.

Every page gets junk from tests/permission_matrix.py (assert_junk_is_refused_cleanly); these are
the cases that gave a 500 before, spelled out.
"""

import pytest
from django.urls import reverse

from meetings.room.models import Summary, SummaryComment
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db

YEARS = ["abc", "99999999999", "-1", "2027.5", "١٢٣٤", "x" * 3000]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("hr", "coaching:hr"),
        ("hr", "coaching:export_csv"),
        ("hr", "coaching:export_xlsx"),
        ("administrator", "meetings:attendance_overview"),
    ],
)
def test_a_year_that_is_not_a_year_is_refused_with_a_danish_message(
    client, people, role, url, year
):
    client.force_login(people[role])

    response = client.get(reverse(url), {"year": year})

    assert response.status_code == 400
    assert "Året skal skrives som et årstal mellem 2000 og 2100." in response.text


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("hr", "coaching:hr"),
        ("hr", "coaching:export_csv"),
        ("administrator", "meetings:attendance_overview"),
    ],
)
def test_a_real_year_or_none_still_works(client, people, role, url):
    client.force_login(people[role])

    assert client.get(reverse(url), {"year": "2027"}).status_code == 200
    assert client.get(reverse(url), {"year": ""}).status_code == 200
    assert client.get(reverse(url)).status_code == 200


def test_a_comment_on_a_meeting_without_a_summary_is_refused_politely(client, people):
    objects = room_objects(people)
    Summary.objects.filter(meeting_id=objects["meeting"]).delete()
    # The host may reach the meeting's summary page before anything is written.
    client.force_login(people["director"])

    response = client.post(
        reverse("room:summary_comment", args=[objects["meeting"]]),
        {"text": "Godt møde"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Opsamlingen er ikke åben for kommentarer." in response.text
    assert not SummaryComment.objects.exists()
