import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from nyborg_ledelse.organisation.models import Leader, Role
from nyborg_ledelse.organisation.services import register_apply, register_plan
from tests.factories import DepartmentFactory, LeaderFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "email;fornavn;efternavn;stilling;afdeling;arbejdssted;niveau;leder_email;"
    "budgetansvar;personaleansvar;rolle;startdato;slutdato;forgaenger_email"
)
CHEF = "jens.toft@nyborg.test;Jens;Toft;Skolechef;Børn og Unge;Rådhuset;2;;ja;ja;chef;2018-08-01;;"
HEAD = (
    "marianne.dahl@nyborg.test;Marianne;Dahl;Skoleleder;Børn og Unge;Skole Øst;3;"
    "jens.toft@nyborg.test;ja;ja;leder;2012-01-01;;"
)
DEPUTY = (
    "soeren.bach@nyborg.test;Søren;Bach;Afdelingsleder;Ældre og Sundhed;Skole Øst;4;"
    "marianne.dahl@nyborg.test;ja;nej;;01-02-2020;;"
)


@pytest.fixture(autouse=True)
def departments():
    DepartmentFactory(name="Børn og Unge")
    DepartmentFactory(name="Ældre og Sundhed")


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode("utf-8")


def plan_of(*rows: str, header: str = HEADER):
    return register_plan(content=csv_file(*rows, header=header), filename="register.csv")


def messages(plan) -> list[str]:
    return [str(error) for error in plan.errors]


def test_a_good_file_shows_new_leaders_and_saves_nothing():
    plan = plan_of(CHEF, HEAD, DEPUTY)

    assert plan.is_valid
    assert [c.row.email for c in plan.new] == [
        "jens.toft@nyborg.test",
        "marianne.dahl@nyborg.test",
        "soeren.bach@nyborg.test",
    ]
    assert not Leader.objects.exists()


def test_applying_creates_leaders_with_their_manager_line_and_roles():
    register_apply(content=csv_file(CHEF, HEAD, DEPUTY), filename="register.csv")

    deputy = Leader.objects.get(email="soeren.bach@nyborg.test")
    assert deputy.reports_to.email == "marianne.dahl@nyborg.test"
    assert deputy.reports_to.reports_to.role == Role.CHEF
    assert deputy.department.name == "Ældre og Sundhed"
    assert deputy.start_date == datetime.date(2020, 2, 1)
    assert deputy.has_budget_responsibility and not deputy.has_staff_responsibility
    assert not deputy.in_store_ledergruppe
    assert Leader.objects.get(email="marianne.dahl@nyborg.test").in_store_ledergruppe
    assert not deputy.has_usable_password()


def test_importing_the_same_file_twice_changes_nothing():
    content = csv_file(CHEF, HEAD, DEPUTY)
    register_apply(content=content, filename="register.csv")
    before = list(Leader.objects.order_by("pk").values())

    plan = register_apply(content=content, filename="register.csv")

    assert plan.summary() == {"new": 0, "changed": 0, "leaving": 0, "unchanged": 3}
    assert list(Leader.objects.order_by("pk").values()) == before


def test_a_changed_row_names_the_fields_that_change():
    register_apply(content=csv_file(CHEF, HEAD), filename="register.csv")

    plan = plan_of(CHEF, HEAD.replace("Skoleleder;Børn og Unge", "Centerleder;Ældre og Sundhed"))

    [change] = plan.changed
    assert change.leader.email == "marianne.dahl@nyborg.test"
    assert set(change.changed_fields) == {"job_title", "department_id"}


def test_a_leader_missing_from_the_file_is_shown_as_leaving_and_gets_an_end_date():
    register_apply(content=csv_file(CHEF, HEAD, DEPUTY), filename="register.csv")

    plan = plan_of(CHEF, HEAD)
    assert [leader.email for leader in plan.leaving] == ["soeren.bach@nyborg.test"]

    register_apply(content=csv_file(CHEF, HEAD), filename="register.csv")
    deputy = Leader.objects.get(email="soeren.bach@nyborg.test")
    assert deputy.end_date == datetime.date.today()
    assert plan_of(CHEF, HEAD).summary()["leaving"] == 0


def test_accounts_made_by_hand_are_never_marked_as_leaving(hr):
    register_apply(content=csv_file(CHEF), filename="register.csv")

    hr.refresh_from_db()
    assert hr.end_date is None


def test_the_file_sets_the_position_and_keeps_an_administrator_given_by_hand():
    admin = LeaderFactory(email="jens.toft@nyborg.test", administers_product=True)

    register_apply(content=csv_file(CHEF), filename="register.csv")

    admin.refresh_from_db()
    assert (admin.role, admin.is_administrator) == (Role.CHEF, True)


def test_a_successor_points_at_the_leader_whose_position_they_took():
    leaver = HEAD.replace(";2012-01-01;;", ";2012-01-01;2026-12-31;")
    successor = (
        "hanne.riis@nyborg.test;Hanne;Riis;Skoleleder;Børn og Unge;Skole Øst;3;"
        "jens.toft@nyborg.test;ja;ja;leder;2027-01-01;;marianne.dahl@nyborg.test"
    )
    register_apply(content=csv_file(CHEF, leaver, successor), filename="register.csv")

    hanne = Leader.objects.get(email="hanne.riis@nyborg.test")
    assert hanne.predecessor.email == "marianne.dahl@nyborg.test"


def test_semicolons_commas_and_a_byte_order_mark_are_all_read():
    comma = "\ufeff" + "\n".join(line.replace(";", ",") for line in [HEADER, CHEF, HEAD])
    plan = register_plan(content=comma.encode("utf-8"), filename="register.csv")

    assert plan.is_valid
    assert len(plan.new) == 2


def test_an_xlsx_export_with_real_date_cells_is_read():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    for row in (CHEF, HEAD):
        cells = row.split(";")
        cells[6] = int(cells[6])
        cells[11] = datetime.datetime.fromisoformat(cells[11])
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)

    register_apply(content=buffer.getvalue(), filename="Ledere.XLSX")

    head = Leader.objects.get(email="marianne.dahl@nyborg.test")
    assert head.level == 3
    assert head.start_date == datetime.date(2012, 1, 1)


def test_the_sample_file_in_the_repository_imports_cleanly():
    DepartmentFactory(name="Direktionen")
    sample = Path(__file__).parents[2] / "docs" / "register-sample.csv"

    plan = register_plan(content=sample.read_bytes(), filename=sample.name)

    assert plan.is_valid, messages(plan)
    assert len(plan.new) == 9
    register_apply(content=sample.read_bytes(), filename=sample.name)
    hr_chef = Leader.objects.get(email="mette.vang@nyborg-demo.example")
    assert (hr_chef.is_chef_group, hr_chef.is_hr) == (True, True)
    assert [leader.email for leader in Leader.objects.hr().filter(role=Role.LEADER)] == [
        "ole.krog@nyborg-demo.example"
    ]


# Bad files: each refused with a Danish message naming the line, and nothing saved.


def assert_refused(plan, *expected: str) -> None:
    assert not plan.is_valid
    text = " | ".join(messages(plan))
    for fragment in expected:
        assert fragment in text, text


def test_a_missing_column_is_refused():
    header = HEADER.replace("afdeling;", "")
    plan = plan_of(CHEF.replace("Børn og Unge;", ""), header=header)

    assert_refused(plan, "Linje 1", "Manglende kolonne(r): afdeling")


def test_an_unknown_department_is_refused_with_its_line():
    plan = plan_of(CHEF, HEAD.replace("Børn og Unge", "Børn & Unge"))

    assert_refused(plan, "Linje 3", "Ukendt afdeling 'Børn & Unge'")


def test_the_same_email_twice_is_refused():
    plan = plan_of(CHEF, HEAD, HEAD.upper().replace("JA", "ja").replace("LEDER;", "leder;"))

    assert_refused(plan, "Linje 4", "marianne.dahl@nyborg.test står også på linje 3")


def test_a_manager_who_does_not_exist_is_refused():
    plan = plan_of(HEAD)

    assert_refused(plan, "Linje 2", "jens.toft@nyborg.test findes hverken i filen eller")


def test_a_cycle_in_the_manager_line_is_refused():
    chef_reporting_to_deputy = CHEF.replace(";2;;", ";2;soeren.bach@nyborg.test;")
    plan = plan_of(chef_reporting_to_deputy, HEAD, DEPUTY)

    assert_refused(plan, "Linje 2", "Linje 3", "Linje 4", "ring af ledere")


def test_a_cycle_through_leaders_already_in_the_register_is_refused():
    register_apply(content=csv_file(CHEF, HEAD), filename="register.csv")
    # The chef now reports to the head, who (in the register) reports to the chef.
    plan = plan_of(CHEF.replace(";2;;", ";2;marianne.dahl@nyborg.test;"), HEAD)

    assert_refused(plan, "ring af ledere")


@pytest.mark.parametrize(
    ("bad_row", "fragment"),
    [
        (
            CHEF.replace("2018-08-01", "2018-13-45"),
            "'2018-13-45' i kolonnen 'startdato' er ikke en dato",
        ),
        (
            CHEF.replace("2018-08-01;;", "2018-08-01;31.02.2019;"),
            "'31.02.2019' i kolonnen 'slutdato'",
        ),
        (
            CHEF.replace("2018-08-01;;", "2018-08-01;2017-01-01;"),
            "Slutdatoen ligger før startdatoen",
        ),
        (CHEF.replace(";ja;ja;", ";måske;ja;"), "'måske' i kolonnen 'budgetansvar'"),
        (CHEF.replace(";2;", ";tre;"), "Niveauet skal være et helt tal fra 1 til 9"),
        (CHEF.replace(";chef;", ";borgmester;"), "Ukendt rolle 'borgmester'"),
        (CHEF.replace("jens.toft@", "jens toft@"), "er ikke en e-mailadresse"),
        (CHEF.replace("Jens;Toft", ";Toft"), "Fornavn og efternavn skal udfyldes"),
        (CHEF.replace(";2;;", ";2;jens.toft@nyborg.test;"), "kan ikke være sin egen leder"),
        (CHEF.replace("Skolechef", "S" * 151), "'stilling' indeholder mere end 150 tegn"),
    ],
)
def test_a_bad_value_is_refused_with_its_line(bad_row, fragment):
    plan = plan_of(bad_row)

    assert_refused(plan, "Linje 2", fragment)


def test_a_file_not_saved_as_utf8_is_refused_at_the_line_of_the_first_bad_byte():
    content = "\n".join([HEADER, CHEF, HEAD]).encode("cp1252")

    plan = register_plan(content=content, filename="register.csv")

    # Line 2 is the first with a letter outside ASCII (the "ø" of "Børn").
    assert_refused(plan, "Linje 2", "UTF-8")


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused():
    plan = register_plan(content=b"%PDF-1.7", filename="register.pdf")

    assert_refused(plan, "CSV- eller XLSX-fil")


def test_a_broken_xlsx_is_refused():
    plan = register_plan(content=b"not a workbook", filename="register.xlsx")

    assert_refused(plan, "Excel")


def test_applying_a_file_with_one_bad_row_saves_nothing():
    plan = register_apply(
        content=csv_file(CHEF, HEAD, DEPUTY.replace("Ældre og Sundhed", "Ukendt")),
        filename="register.csv",
    )

    assert not plan.is_valid
    assert not Leader.objects.exists()


# The management command


def test_the_command_previews_by_default_and_applies_when_asked(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_file(CHEF, HEAD))

    call_command("import_register", str(path))
    assert not Leader.objects.exists()
    assert "+ jens.toft@nyborg.test" in capsys.readouterr().out

    call_command("import_register", str(path), "--apply")
    assert Leader.objects.count() == 2


def test_the_command_reports_every_bad_line_and_fails(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_file(HEAD.replace("Børn og Unge", "Ukendt")))

    with pytest.raises(CommandError, match="Filen blev afvist"):
        call_command("import_register", str(path), "--apply")
    assert "Linje 2: Ukendt afdeling 'Ukendt'" in capsys.readouterr().err
    assert not Leader.objects.exists()
