"""No export turns a user's text into a spreadsheet formula (OWASP: CSV injection)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from coaching.services.coaching_hours import booking_create
from meetings.room.models import Feedback
from nyborg_ledelse.exports import neutralise
from tests.factories import CoachFactory
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db

# Short enough for a cost centre (40 characters).
LINK = '=HYPERLINK("https://x.example","Klik")'


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        (LINK, "'" + LINK),
        ("+45 1234", "'+45 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("4711", "4711"),
        ("Skole Øst", "Skole Øst"),
        ("", ""),
        (Decimal("-1.5"), Decimal("-1.5")),
        (-3, -3),
    ],
)
def test_text_that_would_be_a_formula_becomes_plain_text(text, safe):
    assert neutralise(text) == safe


def test_a_formula_as_cost_centre_stays_text_in_the_finance_csv_and_xlsx(client, leader, hr):
    coach = CoachFactory(
        name="=cmd|' /C calc'!A0", firm="Coachhuset", hourly_rate=Decimal("1800.00")
    )
    for day in (15, 22):
        booking_create(
            leader=leader,
            coach=coach,
            day=datetime.date(2027, 1, day),
            hours=Decimal(3),
            cost_centre=LINK,
        )
    client.force_login(hr)

    csv_text = client.get(reverse("coaching:export_csv"), {"year": 2027}).content.decode(
        "utf-8-sig"
    )
    xlsx = client.get(reverse("coaching:export_xlsx"), {"year": 2027})

    fields = [field for line in csv_text.splitlines()[1:] for field in line.split(";")]
    assert not any(field.lstrip('"').startswith(("=", "+", "-", "@")) for field in fields)
    assert "'=HYPERLINK" in csv_text
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert "'" + LINK in [cell.value for cell in cells]


def test_a_formula_in_released_feedback_stays_text_in_the_round_report(client, people):
    objects = room_objects(people)
    feedback = Feedback.objects.get(meeting_id=objects["meeting"])
    question = next(iter(feedback.answers))
    feedback.answers[question] = {"dos": LINK, "donts": "@SUM(1)"}
    feedback.released_at = timezone.now()
    feedback.save()
    client.force_login(people["chef"])

    docx = client.get(reverse("room:report_docx", args=[objects["round"]]))
    pdf = client.get(reverse("room:report_pdf", args=[objects["round"]]))

    row = Document(io.BytesIO(docx.content)).tables[0].rows[1]
    assert [cell.text for cell in row.cells][1:] == ["'" + LINK, "'@SUM(1)"]
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "'=HYPERLINK" in pdf_text
