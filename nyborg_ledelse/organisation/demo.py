"""A believable demo municipality: departments of unequal size, a manager tree, Danish names."""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from .models import Capacity, CapacityChange, Department, Leader, Role

DEMO_EMAIL_DOMAIN = "nyborg-demo.example"
DEMO_PASSWORD = "demo-ledelsesrum"

FIRST_NAMES = (
    "Anne Birgitte Camilla Dorthe Eva Gitte Hanne Helle Inge Jette Karen Lene Lise Louise "
    "Maria Marianne Mette Pia Rikke Susanne Tina Trine Ulla Vibeke Charlotte Signe Sara Line "
    "Malene Anja Anders Bjarne Carsten Christian Erik Frank Henrik Jakob Jens Jesper Jørgen "
    "Kasper Lars Martin Michael Morten Niels Ole Peter Poul Rasmus Søren Thomas Torben Ulrik "
    "Claus Kim Allan Bo Mads"
).split()
LAST_NAMES = (
    "Andersen Christensen Dahl Eriksen Frederiksen Hansen Holm Jakobsen Jensen Johansen "
    "Jørgensen Kjær Knudsen Kristensen Larsen Lund Madsen Mikkelsen Mortensen Møller Nielsen "
    "Olsen Pedersen Petersen Poulsen Rasmussen Schmidt Sørensen Thomsen Vestergaard "
    "Østergaard Bach Bruun Clausen Dam Enevoldsen Falk Gregersen Hald Iversen Juhl Kirkegaard "
    "Lauridsen Nissen Overgaard Riis Skov Toft Winther Aagaard"
).split()


@dataclass(frozen=True)
class DepartmentPlan:
    name: str
    director: int  # index into DIRECTORS
    chefs: tuple[str, ...]
    leaders: int
    workplaces: tuple[str, ...]
    titles: tuple[str, str, str]  # level 3, 4 and 5


DIRECTORS = ("Kommunaldirektør", "Direktør for Børn, Unge og Kultur", "Direktør for Velfærd")
DEPARTMENTS = (
    DepartmentPlan(
        "Børn og Unge",
        1,
        ("Skolechef", "Dagtilbudschef"),
        40,
        (
            "Skole Øst",
            "Skole Vest",
            "Ullerslev Skole",
            "Vindinge Skole",
            "Hjallelse Skole",
            "Dagtilbud Nord",
            "Dagtilbud Syd",
            "Dagtilbud Land",
            "PPR",
            "Familieafdelingen",
            "Ungdomsskolen",
            "Sundhedsplejen",
        ),
        ("Skoleleder", "Afdelingsleder", "Teamleder"),
    ),
    DepartmentPlan(
        "Ældre og Sundhed",
        2,
        ("Chef for Ældre og Sundhed",),
        27,
        (
            "Plejecenter Svanedammen",
            "Plejecenter Egevang",
            "Hjemmeplejen Nord",
            "Hjemmeplejen Syd",
            "Sygeplejen",
            "Træning og Rehabilitering",
            "Visitationen",
        ),
        ("Centerleder", "Afdelingsleder", "Teamleder"),
    ),
    DepartmentPlan(
        "Teknik og Miljø",
        0,
        ("Teknisk chef",),
        15,
        ("Vej og Park", "Byg og Plan", "Natur og Miljø", "Ejendomsservice"),
        ("Afdelingschef", "Afdelingsleder", "Driftsleder"),
    ),
    DepartmentPlan(
        "Job og Arbejdsmarked",
        2,
        ("Arbejdsmarkedschef",),
        14,
        ("Jobcenter", "Ungeindsatsen", "Ydelsesafdelingen", "Integration"),
        ("Områdeleder", "Afdelingsleder", "Teamleder"),
    ),
    DepartmentPlan(
        "Handicap og Psykiatri",
        2,
        ("Socialchef",),
        12,
        ("Bostedet Kløverhuset", "Socialpsykiatrien", "Myndighed voksne", "Værkstedet"),
        ("Forstander", "Afdelingsleder", "Teamleder"),
    ),
    DepartmentPlan(
        "Kultur, Fritid og Borgerservice",
        1,
        ("Kulturchef",),
        11,
        ("Biblioteket", "Borgerservice", "Nyborg Slot og Museum", "Fritid og Idræt"),
        ("Leder", "Afdelingsleder", "Teamleder"),
    ),
    DepartmentPlan(
        "Økonomi, HR og Digitalisering",
        0,
        ("Økonomi- og personalechef",),
        11,
        ("Økonomi", "HR og Personale", "Digitalisering og IT", "Indkøb"),
        ("Afdelingschef", "Afdelingsleder", "Teamleder"),
    ),
)
# Share of each department's leaders at levels 3, 4 and 5 of the hierarchy.
LEVEL_SHARES = (0.35, 0.45, 0.20)


def demo_exists() -> bool:
    return Leader.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists()


def real_data_exists() -> bool:
    return Leader.objects.exclude(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists()


class _People:
    def __init__(self, rng: random.Random, password_hash: str):
        self.rng = rng
        self.password_hash = password_hash
        self.used_emails: set[str] = set()

    def make(self, *, from_register: bool = True, **fields) -> Leader:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        email, n = f"{local}@{DEMO_EMAIL_DOMAIN}", 2
        while email in self.used_emails:
            email, n = f"{local}{n}@{DEMO_EMAIL_DOMAIN}", n + 1
        self.used_emails.add(email)
        start = datetime.date(self.rng.randint(2005, 2024), self.rng.randint(1, 12), 1)
        return Leader.objects.create(
            email=email,
            first_name=first,
            last_name=last,
            password=self.password_hash,
            start_date=start,
            from_register=from_register,
            **fields,
        )


@transaction.atomic
def build_demo_organisation(*, seed: int = 2026) -> None:
    """Create the demo register: departments, the manager tree, HR and an administrator."""
    from django.contrib.auth.hashers import make_password

    rng = random.Random(seed)
    people = _People(rng, make_password(DEMO_PASSWORD))
    management = Department.objects.create(name="Direktionen")
    departments = {plan.name: Department.objects.create(name=plan.name) for plan in DEPARTMENTS}

    directors = []
    for index, title in enumerate(DIRECTORS):
        directors.append(
            people.make(
                role=Role.DIRECTOR,
                job_title=title,
                department=management,
                level=1,
                workplace="Rådhuset",
                has_budget_responsibility=True,
                has_staff_responsibility=True,
                reports_to=directors[0] if index else None,
            )
        )

    for plan in DEPARTMENTS:
        department = departments[plan.name]
        chefs = [
            people.make(
                role=Role.CHEF,
                job_title=title,
                department=department,
                level=2,
                workplace="Rådhuset",
                has_budget_responsibility=True,
                has_staff_responsibility=True,
                reports_to=directors[plan.director],
            )
            for title in plan.chefs
        ]
        counts = [round(plan.leaders * share) for share in LEVEL_SHARES]
        counts[1] += plan.leaders - sum(counts)
        previous_level: list[Leader] = chefs
        for offset, count in enumerate(counts):
            level = 3 + offset
            current = []
            for i in range(count):
                if level == 3:
                    manager = chefs[i % len(chefs)]
                    workplace = plan.workplaces[i % len(plan.workplaces)]
                else:
                    manager = previous_level[i % len(previous_level)]
                    workplace = manager.workplace
                current.append(
                    people.make(
                        role=Role.LEADER,
                        job_title=plan.titles[offset],
                        department=department,
                        level=level,
                        workplace=workplace,
                        reports_to=manager,
                        has_budget_responsibility=True,
                        has_staff_responsibility=True,
                    )
                )
            previous_level = current
        # Coordinators lead people but hold no budget: outside the Store Ledergruppe.
        people.make(
            role=Role.LEADER,
            job_title="Koordinator",
            department=department,
            level=5,
            workplace=previous_level[0].workplace,
            reports_to=previous_level[0],
            has_budget_responsibility=False,
            has_staff_responsibility=True,
        )

    hr_department = departments["Økonomi, HR og Digitalisering"]
    hr_chef = Leader.objects.get(department=hr_department, role=Role.CHEF)
    # People hold capacities besides their position: the chef for HR og Personale sits in the
    # chef group (and so hosts a group) and works with HR's support offers.
    hr_chef.works_in_hr = True
    hr_chef.save(update_fields=["works_in_hr"])
    # An HR consultant with budget and staff responsibility: in the Store Ledergruppe, so in a
    # group. One of the department's leaders, so the groups' sizes stay as they were.
    consultant = (
        Leader.objects.filter(department=hr_department, role=Role.LEADER, level=3)
        .order_by("pk")
        .first()
    )
    consultant.works_in_hr = True
    consultant.job_title = "HR-chefkonsulent"
    consultant.workplace = "HR og Personale"
    consultant.save(update_fields=["works_in_hr", "job_title", "workplace"])
    # HR and IT accounts are made by hand, not by the payroll export.
    for _ in range(2):
        people.make(
            role=Role.LEADER,
            job_title="HR-konsulent",
            department=hr_department,
            level=5,
            workplace="HR og Personale",
            reports_to=hr_chef,
            from_register=False,
            works_in_hr=True,
        )
    people.make(
        role=Role.LEADER,
        administers_product=True,
        job_title="Systemadministrator",
        department=hr_department,
        level=5,
        workplace="Digitalisering og IT",
        reports_to=hr_chef,
        from_register=False,
    )
    administrator = Leader.objects.filter(administers_product=True).first()
    CapacityChange.objects.bulk_create(
        CapacityChange(
            leader=person,
            capacity=capacity,
            granted=True,
            source=CapacityChange.Source.BY_HAND,
            by=administrator,
        )
        for person in Leader.objects.filter(
            Q(works_in_hr=True) | Q(administers_product=True)
        ).order_by("pk")
        for capacity in person.capacities
    )


def demo_logins() -> dict[str, Leader]:
    """One demo login per role and capacity, the same each time the demo is loaded. Each shows
    its own pages: the leader, chef and director logins hold no capacity, HR and the
    administrator no seat in a group (the HR chef and the HR consultant in a group are extra)."""
    demo = Leader.objects.filter(
        email__endswith="@" + DEMO_EMAIL_DOMAIN, works_in_hr=False, administers_product=False
    ).order_by("pk")
    queries = {role: demo.filter(role=role) for role in Role}
    queries[Role.LEADER] = queries[Role.LEADER].filter(level=3)
    people = Leader.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).order_by("pk")
    queries[Capacity.HR] = people.filter(works_in_hr=True, has_staff_responsibility=False)
    queries[Capacity.ADMINISTRATOR] = people.filter(administers_product=True)
    logins = {}
    for key, queryset in queries.items():
        leader = queryset.first()
        if leader:
            logins[key] = leader
    return logins


def demo_login_label(key: str) -> str:
    return Role(key).label if key in Role.values else Capacity(key).label


def demo_second_factors() -> dict[Leader, str]:
    """An authenticator (with recovery codes) for each demo login that needs a second factor.

    The secret is random for each database, never in the code; it is made only for the demo's
    own accounts, which exist only in a database without real people (load_demo refuses one).
    Returns each such login's secret, for an authenticator app or `manage.py demo_code`.
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    secrets = {}
    for leader in demo_logins().values():
        if not leader.needs_second_factor:
            continue
        totp = Authenticator.objects.filter(user=leader, type=Authenticator.Type.TOTP).first()
        if totp is None:
            totp = TOTP.activate(leader, generate_totp_secret()).instance
            RecoveryCodes.activate(leader)
        secrets[leader] = decrypt(totp.data["secret"])
    return secrets


def demo_code(secret: str) -> str:
    """The code an authenticator app shows now for the secret."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
