import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import CalendarFeed
from meetings.services import round_publish

pytestmark = pytest.mark.django_db


def feed_of(client, leader) -> tuple[str, Calendar]:
    client.force_login(leader)
    client.get(reverse("meetings:mine"))
    url = CalendarFeed.objects.get(leader=leader).get_absolute_url()
    client.logout()
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    return url, Calendar.from_ical(response.content)


def test_the_feed_holds_the_leaders_own_meetings_only(client, planned_round):
    round_publish(round_=planned_round)
    mine, other = planned_round.meetings.select_related("group")[:2]
    leader = mine.group.current_members()[0]

    _url, calendar = feed_of(client, leader)

    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert any(uid.startswith(str(mine.uid)) for uid in uids)
    assert not any(uid.startswith(str(other.uid)) for uid in uids)
    assert calendar["METHOD"] == "PUBLISH"


def test_renewing_the_address_revokes_the_old_one(client, planned_round):
    round_publish(round_=planned_round)
    leader = planned_round.meetings.first().group.current_members()[0]
    old_url, _calendar = feed_of(client, leader)
    client.force_login(leader)

    client.post(reverse("meetings:feed_renew"))

    client.logout()
    assert client.get(old_url).status_code == 404
    new_url = CalendarFeed.objects.get(leader=leader).get_absolute_url()
    assert new_url != old_url
    assert client.get(new_url).status_code == 200


def test_an_unknown_address_is_not_found(client, db):
    assert client.get(reverse("meetings:feed", args=["gaet-ikke-dette"])).status_code == 404


@pytest.mark.parametrize("field", ["is_active", "end_date"])
def test_the_feed_stops_for_a_deactivated_or_ended_account(client, planned_round, field):
    import datetime

    from django.utils import timezone

    round_publish(round_=planned_round)
    leader = planned_round.meetings.first().group.current_members()[0]
    url, _calendar = feed_of(client, leader)
    if field == "is_active":
        leader.is_active = False
    else:
        leader.end_date = timezone.localdate() - datetime.timedelta(days=1)
    leader.save()

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("junk", ["abc", "-1", "99999999999", "", "x" * 3000])
def test_junk_in_the_feed_address_is_not_a_server_error(client, planned_round, junk):
    round_publish(round_=planned_round)
    leader = planned_round.meetings.first().group.current_members()[0]
    url, _calendar = feed_of(client, leader)

    assert client.get(url, {"year": junk, "page": junk}).status_code == 200
    assert client.get(reverse("meetings:feed", args=[junk or "x"])).status_code == 404
