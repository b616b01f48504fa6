import pytest
from django.urls import reverse

from coaching.development.models import FoundationText, PersonalFoundation
from coaching.development.services import foundation_save

pytestmark = pytest.mark.django_db


def test_a_new_foundation_is_private(client, leader):
    client.force_login(leader)

    client.post(reverse("development:foundation"), {"text": "Jeg leder på kerneopgaven."})

    foundation = PersonalFoundation.objects.get(leader=leader)
    assert not foundation.share_with_manager
    assert not foundation.share_with_group
    assert foundation.current().text == "Jeg leder på kerneopgaven."


def test_each_changed_text_is_a_new_version_and_the_old_ones_stay(leader):
    for text in ["Første udkast", "Første udkast", "Andet udkast"]:
        foundation_save(leader=leader, text=text, share_with_manager=False, share_with_group=False)

    foundation = PersonalFoundation.objects.get(leader=leader)
    assert [v.text for v in foundation.versions.all()] == ["Andet udkast", "Første udkast"]
    assert foundation.current().number == 2


def test_the_municipalitys_foundation_is_shown_beside_the_leaders_own(client, leader):
    FoundationText.objects.create(
        title="Grundlag for ledelse i Nyborg Kommune", body="Vi er stolte"
    )
    client.force_login(leader)

    page = client.get(reverse("development:foundation")).content.decode()

    assert "Grundlag for ledelse i Nyborg Kommune" in page
    assert "Mit ledelsesgrundlag" in page


def test_the_manager_sees_a_shared_foundation_from_the_leaders_page(client, leader, chef):
    foundation = foundation_save(
        leader=leader, text="Delt tekst", share_with_manager=True, share_with_group=False
    )
    client.force_login(chef)

    page = client.get(reverse("development:leader", args=[leader.pk])).content.decode()
    shared = client.get(reverse("development:foundation_view", args=[foundation.pk]))

    assert reverse("development:foundation_view", args=[foundation.pk]) in page
    assert "Delt tekst" in shared.content.decode()


def test_withdrawing_the_share_hides_it_again(client, leader, chef):
    foundation = foundation_save(
        leader=leader, text="Delt tekst", share_with_manager=True, share_with_group=False
    )
    foundation_save(
        leader=leader, text="Delt tekst", share_with_manager=False, share_with_group=False
    )
    client.force_login(chef)

    response = client.get(reverse("development:foundation_view", args=[foundation.pk]))

    assert response.status_code == 404
