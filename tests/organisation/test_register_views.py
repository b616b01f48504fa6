import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nyborg_ledelse.organisation.models import Leader, RegisterImport
from tests.factories import DepartmentFactory
from tests.organisation.test_register_import import CHEF, HEAD, csv_file

pytestmark = pytest.mark.django_db

IN_FILE = ["jens.toft@nyborg.test", "marianne.dahl@nyborg.test"]


@pytest.fixture
def hr_client(client, hr):
    DepartmentFactory(name="Børn og Unge")
    client.force_login(hr)
    return client


def upload(client, content: bytes, name: str = "register.csv"):
    return client.post(
        reverse("organisation:register_upload"), {"file": SimpleUploadedFile(name, content)}
    )


def test_hr_previews_a_file_and_then_applies_it(hr_client):
    response = upload(hr_client, csv_file(CHEF, HEAD))
    register_import = RegisterImport.objects.get()
    assert response.url == reverse("organisation:register_preview", args=[register_import.pk])

    preview = hr_client.get(response.url).text
    assert "2 nye" in preview
    assert "marianne.dahl@nyborg.test" in preview
    assert Leader.objects.filter(email="marianne.dahl@nyborg.test").count() == 0

    hr_client.post(reverse("organisation:register_apply", args=[register_import.pk]))
    assert Leader.objects.filter(email__in=IN_FILE).count() == 2
    page = hr_client.get(reverse("organisation:leader_list")).text
    assert "Registeret er opdateret: 2 nye, 0 ændrede, 0 fratrædende." in page


def test_applying_the_same_upload_twice_is_refused(hr_client):
    upload(hr_client, csv_file(CHEF, HEAD))
    register_import = RegisterImport.objects.get()
    apply_url = reverse("organisation:register_apply", args=[register_import.pk])
    hr_client.post(apply_url)

    response = hr_client.post(apply_url, follow=True)

    assert "allerede gennemført" in response.text
    assert Leader.objects.filter(email__in=IN_FILE).count() == 2


def test_a_bad_file_is_refused_with_every_problem_and_nothing_is_kept(hr_client):
    response = upload(hr_client, csv_file(HEAD.replace("Børn og Unge", "Ukendt")))

    assert response.status_code == 200
    assert "Filen blev afvist; intet er gemt" in response.text
    assert "Linje 2: Ukendt afdeling &#x27;Ukendt&#x27;." in response.text
    assert not RegisterImport.objects.exists()


def test_a_file_of_the_wrong_type_is_refused_by_the_form(hr_client):
    response = upload(hr_client, b"%PDF", name="register.pdf")

    assert "Filen skal være en CSV- eller XLSX-fil." in response.text
    assert not RegisterImport.objects.exists()


def test_an_oversized_file_is_refused(hr_client, settings):
    settings.REGISTER_IMPORT_MAX_BYTES = 100

    response = upload(hr_client, csv_file(CHEF, HEAD))

    assert "Filen er større end" in response.text
    assert not RegisterImport.objects.exists()
