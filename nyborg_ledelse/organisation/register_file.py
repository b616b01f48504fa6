"""Reading the leaders register that HR exports from the payroll system (CSV or XLSX).

The file is read and checked in full before anything is saved: every problem is reported with
its line number, in Danish, and a file with any problem is refused whole.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .models import Capacity, Leader, Role

# The documented columns, in the order of the sample file (docs/register-import.md).
REQUIRED_COLUMNS = [
    "email",
    "fornavn",
    "efternavn",
    "stilling",
    "afdeling",
    "arbejdssted",
    "niveau",
    "leder_email",
    "budgetansvar",
    "personaleansvar",
]
OPTIONAL_COLUMNS = ["rolle", "hr", "administrator", "startdato", "slutdato", "forgaenger_email"]
# Capacities besides the position, each in a ja/nej column of its own. A file without the column
# leaves the capacity as it is in the application.
CAPACITY_COLUMNS = {"hr": Capacity.HR, "administrator": Capacity.ADMINISTRATOR}

ROLE_WORDS = {
    "": Role.LEADER,
    "leder": Role.LEADER,
    "chef": Role.CHEF,
    "direktør": Role.DIRECTOR,
    "direktoer": Role.DIRECTOR,
}
YES_WORDS = {"ja", "j", "x", "1", "true", "sand"}
NO_WORDS = {"nej", "n", "", "0", "false", "falsk"}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
# The import writes in bulk, so it checks the lengths the leader model holds before it starts.
TEXT_LIMITS = {
    column: Leader._meta.get_field(field).max_length
    for column, field in [
        ("fornavn", "first_name"),
        ("efternavn", "last_name"),
        ("stilling", "job_title"),
        ("arbejdssted", "workplace"),
    ]
}


@dataclass
class RegisterRow:
    line: int
    email: str
    first_name: str
    last_name: str
    job_title: str
    department: str
    workplace: str
    level: int | None
    manager_email: str
    has_budget_responsibility: bool
    has_staff_responsibility: bool
    role: str
    # Capacity -> True/False from the file; missing when the file has no such column.
    capacities: dict[str, bool]
    start_date: datetime.date | None
    end_date: datetime.date | None
    predecessor_email: str


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ParsedFile:
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class RegisterFileError(Exception):
    """The file as a whole cannot be read (encoding, format, header)."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def read_table(content: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """Return (line number, {column: text}) for every non-empty data row."""
    if filename.lower().endswith(".xlsx"):
        lines = _xlsx_lines(content)
    elif filename.lower().endswith(".csv"):
        lines = _csv_lines(content)
    else:
        raise RegisterFileError([RowError(1, _("The file must be a CSV or XLSX file."))])
    if not lines:
        raise RegisterFileError([RowError(1, _("The file is empty."))])
    header_line, header = lines[0]
    columns = [str(cell or "").strip().lower() for cell in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise RegisterFileError(
            [
                RowError(
                    header_line,
                    _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)},
                )
            ]
        )
    rows = []
    for number, cells in lines[1:]:
        values = {
            column: _cell_text(cells[i]) if i < len(cells) else ""
            for i, column in enumerate(columns)
            if column
        }
        if any(values.values()):
            rows.append((number, values))
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_lines(content: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise RegisterFileError(
            [
                RowError(
                    line,
                    _(
                        "The file is not saved as UTF-8. In Excel, choose "
                        "'CSV UTF-8 (kommasepareret)' when you save it."
                    ),
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    # Danish Excel separates with semicolons; other exports with commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]


def _xlsx_lines(content: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise RegisterFileError(
            [RowError(1, _("The file cannot be read as an Excel workbook (XLSX)."))]
        ) from None
    sheet = workbook.worksheets[0]
    lines = [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), 1)]
    workbook.close()
    return lines


def parse_register(content: bytes, filename: str) -> ParsedFile:
    """Check every row on its own and against the other rows of the file."""
    parsed = ParsedFile()
    try:
        table = read_table(content, filename)
    except RegisterFileError as exc:
        parsed.errors = exc.errors
        return parsed

    first_line_of: dict[str, int] = {}
    for line, values in table:
        row, errors = _parse_row(line, values)
        parsed.errors.extend(errors)
        if row is None:
            continue
        if row.email in first_line_of:
            parsed.errors.append(
                RowError(
                    line,
                    _("The e-mail %(email)s is also on line %(other)s.")
                    % {"email": row.email, "other": first_line_of[row.email]},
                )
            )
            continue
        first_line_of[row.email] = line
        parsed.rows.append(row)
    return parsed


def _parse_row(line: int, values: dict[str, str]) -> tuple[RegisterRow | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(message: str) -> None:
        errors.append(RowError(line, message))

    email = _email(values.get("email", ""), "email", fail, required=True)
    manager_email = _email(values.get("leder_email", ""), "leder_email", fail)
    predecessor_email = _email(values.get("forgaenger_email", ""), "forgaenger_email", fail)
    first_name = values.get("fornavn", "")
    last_name = values.get("efternavn", "")
    if not first_name or not last_name:
        fail(_("First name and last name must be filled in."))
    if not values.get("afdeling"):
        fail(_("The column '%s' must be filled in.") % "afdeling")
    for column, limit in TEXT_LIMITS.items():
        if len(values.get(column, "")) > limit:
            fail(
                _("The column '%(column)s' holds more than %(limit)s characters.")
                % {"column": column, "limit": limit}
            )
    if email and email == manager_email:
        fail(_("A leader cannot be their own manager."))

    level = None
    if values.get("niveau"):
        try:
            level = int(values["niveau"])
        except ValueError:
            level = 0
        if not 1 <= level <= 9:
            fail(_("The level must be a whole number from 1 to 9, not '%s'.") % values["niveau"])
            level = None

    role_word = values.get("rolle", "").lower()
    role = ROLE_WORDS.get(role_word)
    if "rolle" not in values:
        role = None
    elif role_word in CAPACITY_COLUMNS or role_word in {"admin", "administrator", "hr"}:
        fail(
            _(
                "'%s' is not a role but a capacity: write leder, chef or direktør in the column "
                "'rolle' and ja in the column 'hr' or 'administrator'."
            )
            % values["rolle"]
        )
    elif role is None:
        fail(_("Unknown role '%s' (use leder, chef or direktør).") % values["rolle"])
    capacities = {
        capacity: _yes_no(values[column], column, fail)
        for column, capacity in CAPACITY_COLUMNS.items()
        if column in values
    }

    budget = _yes_no(values.get("budgetansvar", ""), "budgetansvar", fail)
    staff = _yes_no(values.get("personaleansvar", ""), "personaleansvar", fail)
    start_date = _date(values.get("startdato", ""), "startdato", fail)
    end_date = _date(values.get("slutdato", ""), "slutdato", fail)
    if start_date and end_date and end_date < start_date:
        fail(_("The end date is before the start date."))

    if errors:
        return None, errors
    return (
        RegisterRow(
            line=line,
            email=email,
            first_name=first_name,
            last_name=last_name,
            job_title=values.get("stilling", ""),
            department=values.get("afdeling", ""),
            workplace=values.get("arbejdssted", ""),
            level=level,
            manager_email=manager_email,
            has_budget_responsibility=budget,
            has_staff_responsibility=staff,
            role=role,
            capacities=capacities,
            start_date=start_date,
            end_date=end_date,
            predecessor_email=predecessor_email,
        ),
        [],
    )


def _email(value: str, column: str, fail, *, required: bool = False) -> str:
    value = value.strip().lower()
    if not value:
        if required:
            fail(_("The column '%s' must be filled in.") % column)
        return ""
    try:
        validate_email(value)
    except ValidationError:
        fail(
            _("'%(value)s' in the column '%(column)s' is not an e-mail address.")
            % {
                "value": value,
                "column": column,
            }
        )
        return ""
    return value


def _yes_no(value: str, column: str, fail) -> bool:
    word = value.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    fail(
        _("'%(value)s' in the column '%(column)s' must be ja or nej.")
        % {
            "value": value,
            "column": column,
        }
    )
    return False


def _date(value: str, column: str, fail) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    fail(
        _("'%(value)s' in the column '%(column)s' is not a date (use YYYY-MM-DD).")
        % {
            "value": value,
            "column": column,
        }
    )
    return None
