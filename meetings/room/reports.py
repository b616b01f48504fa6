"""What the confidential records add up to: evaluation and survey results (never below the
minimum of respondents) and the compiled round report for the chef group (screen, Word, PDF)."""

import io
from dataclasses import dataclass, field

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from meetings.models import Meeting, Round
from nyborg_ledelse.exports import neutralise

from .exercises import RESISTANCE_SOURCES
from .models import Feedback, Survey, SurveyResponse
from .surveys import MINIMUM_RESPONDENTS, SURVEYS

# --- evaluations ------------------------------------------------------------------------------


@dataclass
class EvaluationResult:
    meeting: Meeting
    asked: int
    answered: int
    average: float | None = None
    good: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def response_rate(self) -> float:
        return self.answered / self.asked if self.asked else 0.0

    @property
    def shown(self) -> bool:
        return self.answered >= MINIMUM_RESPONDENTS


def evaluation_result(meeting: Meeting) -> EvaluationResult:
    apologised = set(meeting.apologies.values_list("leader_id", flat=True))
    asked = sum(1 for m in meeting.group.members_on(meeting.day) if m.pk not in apologised)
    answers = list(meeting.evaluations.all())
    result = EvaluationResult(meeting, asked=asked, answered=len(answers))
    if result.shown:
        result.average = sum(a.rating for a in answers) / len(answers)
        # Sorted, so the order says nothing about who answered when.
        result.good = sorted(a.good for a in answers if a.good)
        result.missed = sorted(a.missed for a in answers if a.missed)
    return result


# --- surveys ------------------------------------------------------------------------------------


@dataclass
class SurveyResult:
    label: str
    respondents: int
    averages: list[float] | None  # per statement, reverse-scored statements turned round
    texts: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.averages is not None


def _result(label: str, responses: list, kind) -> SurveyResult:
    if len(responses) < MINIMUM_RESPONDENTS:
        return SurveyResult(label, len(responses), None)
    scored = [kind.scored(r.scores) for r in responses]
    averages = [sum(column) / len(column) for column in zip(*scored, strict=True)]
    return SurveyResult(
        label, len(responses), averages, sorted(r.text for r in responses if r.text)
    )


def survey_results(survey: Survey) -> tuple[SurveyResult, list[SurveyResult]]:
    """The total and one result per group that answered.

    The concept survey opens group by group; its total is taken over every group's answers.
    """
    kind = SURVEYS[survey.kind]
    if kind.per_round:
        responses = list(survey.responses.select_related("group"))
    else:
        responses = list(
            SurveyResponse.objects.filter(survey__kind=survey.kind).select_related("group")
        )
    by_group: dict = {}
    for response in responses:
        by_group.setdefault(response.group, []).append(response)
    groups = sorted((g for g in by_group if g is not None), key=lambda g: g.number)
    return _result("I alt", responses, kind), [_result(str(g), by_group[g], kind) for g in groups]


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


# --- the workshop's exercises -------------------------------------------------------------------


@dataclass
class ResistanceResult:
    respondents: int
    minimum: int
    closed: bool
    rows: list[tuple[str, float]] = field(default_factory=list)  # source, average 1–5

    @property
    def shown(self) -> bool:
        return bool(self.rows)


def resistance_result(exercise) -> ResistanceResult:
    """The group's ratings of the nine sources: shown once the host has closed the exercise (no
    live figures while answers come in one by one) and only from the room's minimum of answers."""
    scores = [answer.scores for answer in exercise.answers.all()]
    result = ResistanceResult(len(scores), MINIMUM_RESPONDENTS, exercise.is_closed)
    if exercise.is_closed and len(scores) >= MINIMUM_RESPONDENTS:
        averages = [sum(column) / len(column) for column in zip(*scores, strict=True)]
        result.rows = list(zip(RESISTANCE_SOURCES, averages, strict=True))
    return result
