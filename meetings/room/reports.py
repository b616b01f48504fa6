"""The compiled round report for the chef group (screen, Word, PDF), laid out as the chef group
knows it (seeds/004): per theme, every group of the round in one table, and "Udfyldte ikke
skemaet" where a group released nothing. Evaluation and survey results are counted in
disclosure.py, the one place that decides what answers may show."""

import datetime
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from meetings.models import Meeting, Round
from nyborg_ledelse.exports import neutralise

# The groups have this long after the round's last day to release their feedback; then the
# report is complete with what came (the daily round tells the chef group).
FEEDBACK_DEADLINE_DAYS = 14


@dataclass(frozen=True)
class GroupRelease:
    """One group of the round and when (if) it released its feedback to the chef group."""

    number: int
    released_at: datetime.datetime | None
    nothing_to_report: bool = False

    @property
    def label(self) -> str:
        return _("Group %(number)s") % {"number": self.number}


@dataclass(frozen=True)
class ReportRow:
    group: GroupRelease
    first: str  # Do's, or the answer
    second: str = ""  # Don'ts
    # Nothing from the group here: not released, or released as nothing to report.
    note: str = ""


@dataclass(frozen=True)
class ReportSection:
    title: str
    dos_and_donts: bool
    rows: list[ReportRow]


@dataclass(frozen=True)
class Report:
    round: Round
    groups: list[GroupRelease]
    sections: list[ReportSection]

    @property
    def title(self) -> str:
        return _("Compiled feedback from the cross-cutting leadership groups – %(round)s") % {
            "round": self.round.title
        }

    @property
    def dates(self) -> str:
        days = self.round.day_dates
        if not days:
            return ""
        first, last = (date_format(day, "d.m.Y") for day in (days[0], days[-1]))
        return first if first == last else f"{first}–{last}"

    @property
    def page_header(self) -> str:
        return " · ".join(
            part
            for part in (self.round.title, self.dates, _("Confidential – for the chef group"))
            if part
        )

    @property
    def released(self) -> list[GroupRelease]:
        return [group for group in self.groups if group.released_at is not None]

    @property
    def last_released_at(self) -> datetime.datetime | None:
        return max((group.released_at for group in self.released), default=None)

    @property
    def deadline(self) -> datetime.date | None:
        return report_deadline(self.round)

    def is_complete(self, today: datetime.date | None = None) -> bool:
        """Every group has released, or the deadline has passed."""
        today = today or timezone.localdate()
        if len(self.released) == len(self.groups):
            return True
        return self.deadline is not None and today > self.deadline

    @property
    def release_line(self) -> str:
        """How many groups released and when, said in one sentence for the files."""
        if not self.released:
            return _("No group has released its feedback yet.")
        return _(
            "%(released)d of %(groups)d groups released their feedback, the last on %(day)s."
        ) % {
            "released": len(self.released),
            "groups": len(self.groups),
            "day": date_format(timezone.localtime(self.last_released_at), "d.m.Y"),
        }


def report_deadline(round_: Round) -> datetime.date | None:
    days = round_.day_dates
    return days[-1] + datetime.timedelta(days=FEEDBACK_DEADLINE_DAYS) if days else None


def _note(group: GroupRelease) -> str:
    """What stands in place of a group's answer when it gave none."""
    if group.released_at is None:
        return _("Did not fill in the form")
    return _("The group had nothing to report") if group.nothing_to_report else ""


def round_report(round_: Round) -> Report:
    """The whole report in two queries, however many groups the round has."""
    meetings = (
        Meeting.objects.filter(round=round_, group__isnull=False, cancelled_at__isnull=True)
        .select_related("group", "feedback")
        .order_by("group__number")
    )
    groups = []  # (the group, its released feedback or None), by number
    for meeting in meetings:
        feedback = getattr(meeting, "feedback", None)
        if feedback is not None and feedback.is_released:
            group = GroupRelease(
                meeting.group.number, feedback.released_at, feedback.nothing_to_report
            )
            groups.append((group, feedback))
        else:
            groups.append((GroupRelease(meeting.group.number, None), None))

    sections = []
    for question in round_.questions.all():
        rows = []
        for group, feedback in groups:
            answer = feedback.answers.get(str(question.pk), {}) if feedback else {}
            first = answer.get("dos", answer.get("text", ""))
            rows.append(ReportRow(group, first, answer.get("donts", ""), _note(group)))
        sections.append(ReportSection(question.theme, question.dos_and_donts, rows))
    if sections:
        general = [ReportRow(g, f.text) for g, f in groups if f and f.text]
    else:
        # With no themes, the general feedback is the report's one table: every group in it.
        general = [ReportRow(g, f.text if f else "", "", _note(g)) for g, f in groups]
    if general:
        sections.append(
            ReportSection(_("Other feedback to the chef group"), dos_and_donts=False, rows=general)
        )
    return Report(round_, [group for group, _feedback in groups], sections)


def _column_headings(section: ReportSection) -> list[str]:
    return ["", _("Do's"), _("Don'ts")] if section.dos_and_donts else ["", _("Feedback")]


def _cells(section: ReportSection, row: ReportRow) -> list[str]:
    if row.note:
        return [row.group.label, row.note, *([""] if section.dos_and_donts else [])]
    first = neutralise(row.first)
    return [row.group.label, first, *([neutralise(row.second)] if section.dos_and_donts else [])]


# --- Word -----------------------------------------------------------------------------------


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in on every page."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind is None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            paragraph.add_run("1")


def _repeat_as_heading(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def report_docx(round_: Round) -> bytes:
    report = round_report(round_)
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    section.header.paragraphs[0].text = report.page_header
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _page, rest = _("Page %(page)s of %(pages)s").partition("%(page)s")
    between, _pages, after = rest.partition("%(pages)s")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(between)
    _field(footer, "NUMPAGES")
    footer.add_run(after)

    document.add_heading(report.title, level=1)
    document.add_paragraph(report.release_line)
    for part in report.sections:
        heading = document.add_heading(neutralise(part.title.upper()), level=2)
        heading.paragraph_format.keep_with_next = True
        columns = _column_headings(part)
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        _repeat_as_heading(table.rows[0])
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        for row in part.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, _cells(part, row), strict=True):
                cell.text = text
            if row.note:
                cells[1].paragraphs[0].runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------

FONT = "DejaVuSans"
# fpdf2 embeds only the letters used; fontTools would log every glyph it keeps.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)
FONTS = Path(__file__).parent / "fonts"  # a small Latin cut of DejaVu Sans, see its LICENSE.txt
LINE = 5  # mm per line of table text
PADDING = 2
# fpdf2 cannot break a table row across pages: a longer answer (seed 004's group 11 wrote pages)
# continues in a row of its own.
LINES_PER_ROW = 40


class _ReportPDF(FPDF):
    """A4 with the round, its date and the confidentiality line on top of every page, and the
    page number at the foot."""

    def __init__(self, report: Report):
        super().__init__(format="A4")
        self.report = report
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_auto_page_break(True, margin=18)
        self.set_title(report.title)

    def header(self):
        self.set_font(FONT, size=8)
        self.cell(0, 5, self.report.page_header, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        label = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, label, align="C")

    def lines(self, width: float, text: str) -> int:
        return len(self.multi_cell(width, LINE, text, dry_run=True, output=MethodReturnValue.LINES))

    def split_row(self, widths, cells: list[str]) -> list[list[str]]:
        """The row's cells, as rows short enough for a page; later ones say they continue."""
        lines = [
            self.multi_cell(w - PADDING, LINE, t, dry_run=True, output=MethodReturnValue.LINES)
            for w, t in zip(widths, cells, strict=True)
        ]
        tallest = max(len(cell) for cell in lines)
        if tallest <= LINES_PER_ROW:
            return [cells]
        rows = []
        for start in range(0, tallest, LINES_PER_ROW):
            label = cells[0] if not start else _("%(group)s (continued)") % {"group": cells[0]}
            rows.append([label, *("\n".join(c[start : start + LINES_PER_ROW]) for c in lines[1:])])
        return rows

    def keep_heading_with_table(self, title: str, widths, section: ReportSection) -> None:
        """A heading never stands alone at the foot of a page: if its table's heading row and
        first row do not fit below it, it starts the next page."""
        self.set_font(FONT, "B", 12)
        needed = self.lines(0, title) * 7 + LINE + 2 * PADDING
        if section.rows:
            self.set_font(FONT, size=9)
            first = self.split_row(widths, _cells(section, section.rows[0]))[0]
            needed += max(self.lines(w - 2, t) for w, t in zip(widths, first, strict=True)) * LINE
            needed += 2 * PADDING
        if self.will_page_break(needed):
            self.add_page()


def report_pdf(round_: Round) -> bytes:
    report = round_report(round_)
    pdf = _ReportPDF(report)
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, report.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(0, LINE, report.release_line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in report.sections:
        widths = (22, 84, 84) if section.dos_and_donts else (22, 168)
        title = neutralise(section.title.upper())
        pdf.ln(4)
        pdf.keep_heading_with_table(title, widths, section)
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, size=9)
        with pdf.table(
            col_widths=widths, text_align="LEFT", line_height=LINE, padding=PADDING / 2
        ) as table:
            header = table.row()
            for text in _column_headings(section):
                header.cell(text)
            for row in section.rows:
                for part in pdf.split_row(widths, _cells(section, row)):
                    cells = table.row()
                    for text in part:
                        cells.cell(text)
    return bytes(pdf.output())
