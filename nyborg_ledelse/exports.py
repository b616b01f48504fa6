"""One rule for user text in every export (CSV, XLSX, DOCX, PDF): it never becomes a formula.

A spreadsheet treats a cell that starts with =, +, - or @ (and, in some programs, a tab or a
carriage return) as a formula: `=HYPERLINK("https://…","Klik")` in a cost centre would become a
live link in the finance department's sheet. Following OWASP's CSV injection guidance, such text
gets a leading apostrophe, which every spreadsheet shows as plain text. The CSV writer's quoting
takes care of separators and quotes; numbers and dates are not text and are left alone.
DOCX and PDF go through the same helper, since their tables are copied into spreadsheets too.
"""

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would read as a formula, made plain text; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: Iterable) -> list:
    return [neutralise(value) for value in row]
