"""The compiled round report as seed 004: every group, A4, the confidentiality line on every page,
Danish letters and typographic dashes and quotes in the PDF, headings kept with their tables."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from meetings.models import Meeting
from meetings.room.models import Feedback
from tests.factories import (
    FeedbackFactory,
    GroupFactory,
    MeetingFactory,
    SummaryQuestionFactory,
)
from tests.room.room_fixtures import room_objects

pytestmark = pytest.mark.django_db

THEMES = ["LEDELSE OPAD", "LEDELSE NEDAD", "LEDELSE TIL SIDEN", "LEDELSE UDAD"]


@pytest.fixture
def meeting(people):
    meeting = Meeting.objects.select_related("round").get(pk=room_objects(people)["meeting"])
    meeting.round.title = "Forår 2027 – »Ledelse i budgetprocessen«"
    meeting.round.save()
    return meeting


def more_groups(meeting, count: int, *, start: int = 2, released: bool = True, text: str = ""):
    """Groups numbered from `start`, each with feedback on every theme (released or a draft)."""
    questions = list(meeting.round.questions.all())
    for number in range(start, start + count):
        other = MeetingFactory(
            round=meeting.round, group=GroupFactory(number=number), day=meeting.day
        )
        FeedbackFactory(
            meeting=other,
            text=text,
            answers={
                str(q.pk): {"dos": f"Gør {number}: {text}", "donts": f"Undlad {number}."}
                for q in questions
            },
            released_at=timezone.now() if released else None,
        )


def download(client, people, meeting, name: str):
    client.force_login(people["chef"])
    return client.get(reverse(name, args=[meeting.round_id]))


def pdf_pages(response) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_every_group_is_in_the_report_and_one_that_released_nothing_did_not_fill_in_the_form(
    client, people, meeting
):
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    more_groups(meeting, 1, start=2, released=False)
    silent = MeetingFactory(round=meeting.round, group=GroupFactory(number=3), day=meeting.day)
    FeedbackFactory(meeting=silent, nothing_to_report=True, released_at=timezone.now())

    screen = download(client, people, meeting, "room:report").content.decode()
    document = Document(io.BytesIO(download(client, people, meeting, "room:report_docx").content))
    pdf = "\n".join(pdf_pages(download(client, people, meeting, "room:report_pdf")))

    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[1:] == [
        ["Gruppe 1", "Oplys konsekvenser.", "Undlad at oplyse."],
        ["Gruppe 2", "Udfyldte ikke skemaet", ""],
        ["Gruppe 3", "Gruppen havde intet at melde tilbage", ""],
    ]
    for text in (screen, pdf):
        assert "Gruppe 2" in text and "Udfyldte ikke skemaet" in text
        assert "Gør 2" not in text  # a draft never reaches the chef group
    assert "2 af 3 grupper har frigivet deres tilbagemelding" in screen


def test_the_word_file_is_a4_with_the_round_date_and_confidentiality_on_every_page(
    client, people, meeting
):
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())

    document = Document(io.BytesIO(download(client, people, meeting, "room:report_docx").content))

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    header = section.header.paragraphs[0].text
    day = f"{meeting.day:%d.%m.%Y}"
    assert (
        header == f"Forår 2027 – »Ledelse i budgetprocessen« · {day} · Fortroligt – til chefgruppen"
    )
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    heading = next(p for p in document.paragraphs if p.text == "LEDELSE OPAD")
    assert heading.paragraph_format.keep_with_next


def test_the_pdf_prints_danish_letters_dashes_and_quotes_and_heads_every_page(
    client, people, meeting
):
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    more_groups(meeting, 11, text="Blåbærgrød på Ærø: æøå ÆØÅ – »« »citat« og “anførsel”. " * 6)

    pages = pdf_pages(download(client, people, meeting, "room:report_pdf"))

    assert len(pages) > 1
    everything = "\n".join(pages)
    for text in ("–", "æøå", "ÆØÅ", "»«", "»citat«", "“anførsel”", "»Ledelse i budgetprocessen«"):
        assert text in everything
    assert "?" not in everything
    for number, page in enumerate(pages, start=1):
        assert "Fortroligt – til chefgruppen" in page
        assert f"{meeting.day:%d.%m.%Y}" in page
        assert f"Side {number} af {len(pages)}" in page


def test_the_pdf_embeds_its_font(client, people, meeting):
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())

    reader = PdfReader(io.BytesIO(download(client, people, meeting, "room:report_pdf").content))

    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [font.get_object()["/DescendantFonts"][0].get_object() for font in fonts.values()]
    assert all("/FontFile2" in d["/FontDescriptor"] for d in descriptors)
    assert all("DejaVuSans" in d["/BaseFont"] for d in descriptors)


@pytest.mark.parametrize("groups", range(4, 16))
def test_a_heading_never_stands_alone_at_the_foot_of_a_page(client, people, meeting, groups):
    for theme in THEMES[1:]:
        SummaryQuestionFactory(round=meeting.round, theme=theme)
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    more_groups(meeting, groups, text="En længere tekst om ledelse i budgetprocessen. " * 4)

    pages = pdf_pages(download(client, people, meeting, "room:report_pdf"))

    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for theme in THEMES:
            if theme in lines:
                after = lines[lines.index(theme) + 1 :]
                assert any(line.startswith("Gruppe") for line in after), (theme, groups)


def test_an_answer_longer_than_a_page_continues_on_the_next(client, people, meeting):
    question = meeting.round.questions.get()
    lines = [f"• Linje {n} om budgetprocessen." for n in range(1, 151)]
    Feedback.objects.filter(meeting=meeting).update(
        released_at=timezone.now(),
        answers={str(question.pk): {"dos": "\n".join(lines), "donts": "Kort."}},
    )

    pages = pdf_pages(download(client, people, meeting, "room:report_pdf"))

    assert len(pages) >= 3
    everything = "\n".join(pages)
    assert everything.count("Gruppe 1\n(fortsat)") == 3  # 150 lines, 40 to a row
    assert all(line in everything for line in lines)


def report_queries(client, people, meeting) -> int:
    client.force_login(people["chef"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("room:report", args=[meeting.round_id])).status_code == 200
    return len(queries)


def test_the_report_page_needs_as_many_queries_for_12_groups_as_for_3(client, people, meeting):
    Feedback.objects.filter(meeting=meeting).update(released_at=timezone.now())
    more_groups(meeting, 2, start=2)
    small = report_queries(client, people, meeting)
    more_groups(meeting, 9, start=4)
    more_groups(meeting, 1, start=13, released=False)

    assert Meeting.objects.filter(round=meeting.round).count() == 13
    assert report_queries(client, people, meeting) == small
