"""The compiled round report for the chef group (screen, Word, PDF). Evaluation and survey
results are counted in disclosure.py, the one place that decides what answers may show."""

import io
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from meetings.models import Round
from nyborg_ledelse.exports import neutralise

from .models import Feedback

# --- the compiled round report ------------------------------------------------------------------


@dataclass
class ReportSection:
    title: str
    dos_and_donts: bool
    rows: list[tuple[int, str, str]]  # group number, Do's (or the answer), Don'ts


def report_sections(round_: Round) -> list[ReportSection]:
    """For each question, every group's released feedback side by side, groups by number."""
    released = list(
        Feedback.objects.filter(
            meeting__round=round_, released_at__isnull=False, nothing_to_report=False
        )
        .select_related("meeting__group")
        .order_by("meeting__group__number")
    )
    sections = []
    for question in round_.questions.all():
        rows = []
        for feedback in released:
            answer = feedback.answers.get(str(question.pk), {})
            first = answer.get("dos", answer.get("text", ""))
            second = answer.get("donts", "")
            if first or second:
                rows.append((feedback.meeting.group.number, first, second))
        sections.append(ReportSection(question.theme, question.dos_and_donts, rows))
    general = [(f.meeting.group.number, f.text, "") for f in released if f.text]
    if general:
        sections.append(ReportSection("Øvrige tilbagemeldinger til chefgruppen", False, general))
    return sections


def report_title(round_: Round) -> str:
    return f"Opsamling tværgående ledelsesgrupper – {round_.title}"


def report_docx(round_: Round) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(report_title(round_), level=1)
    for section in report_sections(round_):
        document.add_heading(neutralise(section.title.upper()), level=2)
        columns = ["", "Do´s", "Don´ts"] if section.dos_and_donts else ["", "Tilbagemelding"]
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
        for number, first, second in section.rows:
            cells = table.add_row().cells
            cells[0].text = f"Gruppe {number}"
            cells[1].text = neutralise(first)
            if section.dos_and_donts:
                cells[2].text = neutralise(second)
        if not section.rows:
            document.add_paragraph("Ingen grupper har meldt tilbage på dette.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _latin(text: str) -> str:
    # The PDF's built-in fonts hold Latin-1 (æ, ø, å and the like); anything else is replaced.
    return (
        text.replace("’", "'")
        .replace("”", '"')
        .replace("“", '"')
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def report_pdf(round_: Round) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(report_title(round_)))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin(report_title(round_)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in report_sections(round_):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(
            0, 7, _latin(neutralise(section.title.upper())), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_font("Helvetica", size=9)
        if not section.rows:
            pdf.multi_cell(0, 6, _latin("Ingen grupper har meldt tilbage på dette."))
            continue
        widths = (22, 84, 84) if section.dos_and_donts else (22, 168)
        headings = ("", "Do´s", "Don´ts") if section.dos_and_donts else ("", "Tilbagemelding")
        with pdf.table(col_widths=widths, text_align="LEFT") as table:
            header = table.row()
            for text in headings:
                header.cell(_latin(text))
            for number, first, second in section.rows:
                row = table.row()
                row.cell(f"Gruppe {number}")
                row.cell(_latin(neutralise(first)))
                if section.dos_and_donts:
                    row.cell(_latin(neutralise(second)))
    return bytes(pdf.output())
