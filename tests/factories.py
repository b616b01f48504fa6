import factory

from nyborg_ledelse.organisation.models import Department, Leader, Role


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Afdeling {n}")


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"leder{n}@nyborg.test")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    job_title = "Afdelingsleder"
    department = factory.SubFactory(DepartmentFactory, name="Børn og Unge")
    workplace = "Skole Øst"
    level = 4
    role = Role.LEADER
    has_budget_responsibility = True
    has_staff_responsibility = True
    password = factory.django.Password("korrekt-hest-batteri")
