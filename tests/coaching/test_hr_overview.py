"""HR's overview: HR's own words for the tiers, charts with their numbers, a year to choose, and
closing a year only after a confirmation."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from coaching.models import ClosedYear
from coaching.overview import coaching_charts
from tests.factories import (
    BookingFactory,
    CoachFactory,
    DepartmentFactory,
    LeaderFactory,
    PoolApplicationFactory,
    PoolFactory,
    SparringRequestFactory,
)

H = Decimal


def overview(client, hr, query: str = "") -> str:
    client.force_login(hr)
    response = client.get(reverse("coaching:hr") + query)
    assert response.status_code == 200
    return response.content.decode()


def chart(page: str, key: str) -> str:
    start = page.index(f'aria-labelledby="{key}-heading"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def six_hours_in_march(leader, coach):
    leader.department = DepartmentFactory(name="Skoler og Dagtilbud")
    leader.save()
    return BookingFactory(leader=leader, coach=coach, day=datetime.date(2027, 3, 4), hours=H(6))


def test_hr_reads_the_tiers_about_the_leader_not_to_them(client, hr, six_hours_in_march):
    page = overview(client, hr, "?year=2027")

    assert "Godkendt af lederens leder, centralt finansieret" in page
    assert "Lederens eget budget" in page
    assert "din leder" not in page and "Dit eget budget" not in page


def test_the_chart_has_a_text_alternative_and_its_numbers_beside_it(
    client, hr, leader, six_hours_in_march
):
    page = overview(client, hr, "?year=2027")
    hours = chart(page, "hours-month")

    assert 'role="img"' in hours
    assert '<title id="hours-month-title">Coachingtimer pr. måned</title>' in hours
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", hours).group(1)
    assert "Anonymt, centralt finansieret: 5,0 timer" in desc
    assert "Lederens eget budget: 1,0 timer" in desc
    assert "højest: Mar med 6,0 timer" in desc
    rows = re.findall(r"<tr><th scope=\"row\"[^>]*>(\w+)</th>((?:<td>[^<]*</td>)+)</tr>", hours)
    table = {month: re.findall(r"<td>([^<]*)</td>", cells) for month, cells in rows}
    assert table["Mar"] == ["5,0", "0,0", "1,0", "6,0"]
    assert table["Apr"] == ["0,0", "0,0", "0,0", "0,0"]
    by_department = chart(page, "hours-department")
    assert "Skoler og Dagtilbud" not in by_department  # one coached leader: not shown alone
    money = chart(page, "money-month")
    assert "10.800" in money  # 6 hours at 1,800 DKK
    assert leader.full_name not in page and leader.last_name not in page


def test_departments_with_too_few_coached_leaders_are_shown_only_together(client, hr, coach):
    schools, care, culture = (
        DepartmentFactory(name=name) for name in ("Skoler", "Ældrepleje", "Kultur")
    )
    for department, leaders in ((schools, 3), (care, 1), (culture, 2)):
        for _i in range(leaders):
            BookingFactory(
                leader=LeaderFactory(department=department),
                coach=coach,
                day=datetime.date(2027, 2, 1),
                hours=H(2),
            )

    by_department = chart(overview(client, hr, "?year=2027"), "hours-department")

    assert "Skoler" in by_department and "6,0" in by_department
    assert "Ældrepleje" not in by_department and "Kultur" not in by_department
    assert "Andre afdelinger samlet" in by_department


def test_six_hours_and_no_hours_are_drawn_differently(hr, six_hours_in_march):
    march, april = coaching_charts(2027)[0].bars[2:4]

    assert march.segments and not april.segments
    assert (march.total_text, april.total_text) == ("6,0", "0,0")
    assert march.value_y < april.value_y  # the number sits on top of the bar


def test_the_pool_and_psychologist_hours_are_charted_against_the_expected_courses(client, hr):
    PoolFactory(year=2027, amount=H(200000))
    PoolApplicationFactory(year=2027, phase="granted", share_pool=H(30000))
    page = overview(client, hr, "?year=2027")

    courses = chart(page, "pool-courses")
    assert "forventet mindst: 4 forløb" in courses and "forventet højst: 6 forløb" in courses
    assert 'role="img"' in chart(page, "pool-money")
    assert "puljen: 200.000 kr." in chart(page, "pool-money")
    assert 'role="img"' in chart(page, "psychologist-month")


def test_the_year_selector_lists_years_with_data_and_defaults_to_this_year(
    client, hr, leader, coach
):
    this_year = datetime.date.today().year
    BookingFactory(leader=leader, coach=coach, day=datetime.date(2024, 6, 1))

    page = overview(client, hr)
    options = re.findall(r'<option value="(\d+)"( selected)?>', page)

    assert [year for year, _selected in options] == [str(this_year), "2024"]
    assert dict(options)[str(this_year)] == " selected"
    chosen = overview(client, hr, "?year=2024")
    assert '<option value="2024" selected>' in chosen
    assert client.get(reverse("coaching:hr") + "?year=abc").status_code == 400


def test_one_sparring_request_is_singular(client, hr):
    SparringRequestFactory()
    assert "1 ønske om sparring" in overview(client, hr)
    SparringRequestFactory()
    assert "2 ønsker om sparring" in overview(client, hr)


def test_closing_a_year_is_a_quiet_link_at_the_bottom_then_a_confirmation(client, hr):
    last_year = datetime.date.today().year - 1
    page = overview(client, hr)

    assert f'action="{reverse("coaching:close_year")}"' not in page
    link = f"{reverse('coaching:close_year')}?year={last_year}"
    assert page.index(link) > page.index('aria-labelledby="psychologist-heading"')

    confirmation = client.get(link)
    assert confirmation.status_code == 200
    assert f"Ja, luk {last_year}" in confirmation.content.decode()
    assert not ClosedYear.objects.exists()  # looking at the question closes nothing

    client.post(reverse("coaching:close_year"), {"year": str(last_year)})
    assert ClosedYear.objects.filter(year=last_year).exists()
    assert link not in overview(client, hr)


def _many(count: int, year: int) -> None:
    departments = DepartmentFactory.create_batch(3)
    coaches = CoachFactory.create_batch(2)
    for i in range(count):
        leader = LeaderFactory(department=departments[i % 3])
        for month in (1, 4, 9):
            BookingFactory(
                leader=leader, coach=coaches[i % 2], day=datetime.date(year, month, 3), hours=H(3)
            )
    PoolApplicationFactory(year=year, phase="granted", share_pool=H(1000))


def test_the_overview_costs_the_same_queries_at_any_size(client, hr, django_assert_num_queries):
    client.force_login(hr)
    url = reverse("coaching:hr") + "?year=2027"
    _many(2, 2027)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _many(12, 2027)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_hr_reads_and_sets_the_pool_in_danish_amounts(client, hr):
    client.force_login(hr)
    year = datetime.date.today().year
    client.post(reverse("coaching:pool_set"), {"year": year, "amount": "250.000,00"})

    page = client.get(reverse("coaching:hr")).text

    assert re.search(r'name="amount" id="id_amount" value="250\.000,00"', page)
    client.post(reverse("coaching:pool_set"), {"year": year, "amount": "260.000,00"})
    assert "260.000,00" in client.get(reverse("coaching:hr")).text
