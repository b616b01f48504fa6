"""Demo leader development: the leadership foundation of seed 002, a new leader halfway through
the introduction, a personal foundation, this year's development talks with goals, a leader
evaluation and DIL/DOL agreements."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from nyborg_ledelse.notifications.services import held_for_the_sweep
from nyborg_ledelse.organisation.demo import demo_logins
from nyborg_ledelse.organisation.models import Leader, Role

from .defaults import create_defaults
from .models import (
    PLAN_TOPICS,
    Agreement,
    Education,
    FoundationText,
    Offer,
    Status,
    TalkQuestion,
    TemplateItem,
)
from .services import (
    evaluation_record,
    foundation_save,
    goal_add,
    item_add,
    item_mark,
    programme_create,
    talk_book,
    talk_mark_held,
    talk_prepare,
)

# Seed 002: "Grundlag for ledelse i Nyborg Kommune" and the codes for good leadership.
FOUNDATION = [
    (
        "Grundlag for ledelse i Nyborg Kommune",
        "Vi er stolte over at være ledere i Nyborg Kommune. Vi er båret af engagement, "
        "involvering, tillid og ordentlighed.\n\n"
        "Vi udfører og understøtter de politisk valgte prioriteringer og kerneopgaver. Ud fra "
        "disse leverer vi den bedst mulige service til borgere, virksomheder og andre "
        "interessenter.\n\n"
        "Vi er stolte over at arbejde i Nyborg Kommune, fordi:\n"
        "• Vi er tæt på politikere og den øvrige ledelse\n"
        "• Vi arbejder sammen og tænker i helheder – i samarbejde med borgerne\n"
        "• Vi bringer det bedste frem i vores medarbejdere, inddrager og sikrer ejerskab\n"
        "• Vi har frihed under ansvar",
    ),
    (
        "Ledelsesgrundlaget sætter retning og binder organisationen sammen",
        "Ledelsesgrundlaget skal leve; det skal udvikles gennem dialog, opfølgning og evaluering "
        "af ledelse. Det skal derfor bruges aktivt i hverdagen i dialog med egen chef, "
        "medarbejdere og ledelseskollegaer.\n\n"
        "Et ledelsesgrundlag er den bedste måde at formidle, hvem du er som leder, og hvad du "
        "gør i dit arbejde, til dine ledere og medarbejdere og de borgere, som du skaber værdi "
        "for. Alle ledere opfordres derfor til at formulere deres eget personlige "
        "ledelsesgrundlag inden for organisationens ledelsesgrundlag.\n\n"
        "Vi forpligter os sammen til, at værdierne skal leve og mærkes ude på alle kommunens "
        "arbejdspladser.",
    ),
    (
        "Kodeks for god ledelse",
        "Vi er båret af engagement, involvering, tillid og ordentlighed, og vi drager omsorg, vi "
        "er troværdige, vi viser respekt og vi har høj kvalitet i alt.\n\n"
        "Vi bidrager til at opfylde borgernes, medarbejdernes og samarbejdspartnernes "
        "forventninger om, at:\n"
        "» Vi sikrer en attraktiv og udfordrende arbejdsplads\n"
        "» Vi kommunikerer tydeligt og har klare forventninger til medarbejderne\n"
        "» Vi involverer, samarbejder og er omstillingsparate\n"
        "» Vi udvikler og skaber nye løsninger\n"
        "» Vi overholder de politiske budgetter og beslutninger\n\n"
        "I vores arbejdsfællesskab forpligter vi hinanden på at:\n"
        "» have fokus på kerneopgaven\n"
        "» sætte helheden over egne interesser\n"
        "» gøre os umage hver dag\n"
        "» møde andre som professionelle, kompetente og engagerede",
    ),
    (
        "Fem særlige fokusområder for god ledelse",
        "1. Kerneopgaven er vores kompas\n"
        "2. Lederudvikling styrker den fælles retning\n"
        "3. Det personlige lederskab er relationelt\n"
        "4. Samarbejde baner vejen for godt følgeskab\n"
        "5. Fælles om det gode arbejdsmiljø",
    ),
]

PERSONAL_FOUNDATION = [
    "Jeg leder på kerneopgaven og er tydelig om retning og rammer.",
    "Jeg leder på kerneopgaven og er tydelig om retning og rammer. Jeg er synlig og "
    "tilstedeværende, viser tillid og giver mine medarbejdere frihed under ansvar.\n\n"
    "Jeg tænker i helheder og sætter helheden over mit eget område, også når det koster.",
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def build_demo_development(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    today = timezone.localdate()
    create_defaults(TemplateItem, TalkQuestion)
    for position, (title, body) in enumerate(FOUNDATION, start=1):
        FoundationText.objects.create(title=title, body=body, position=position * 10)
    logins = demo_logins()
    leader, chef = logins[Role.LEADER], logins[Role.CHEF]
    with held_for_the_sweep():
        _new_leader(chef, today)
        for number, text in enumerate(PERSONAL_FOUNDATION):
            foundation_save(
                leader=leader, text=text, share_with_manager=number > 0, share_with_group=False
            )
        _talks(rng, today)
        evaluation = evaluation_record(
            leader=leader, manager=chef, held_on=today - datetime.timedelta(days=400)
        )
        goal_add(
            evaluation=evaluation,
            text="Mere tydelig kommunikation om prioriteringer til teamlederne.",
            offer=Offer.COURSE,
        )
        _education(rng, leader, chef, today)


def _new_leader(chef: Leader, today: datetime.date) -> None:
    """A leader who started six weeks ago, about halfway through the introduction."""
    newcomer = (
        Leader.objects.filter(reports_to=chef, role=Role.LEADER, level=3).order_by("pk")[1:2].get()
    )
    newcomer.start_date = today - datetime.timedelta(days=42)
    newcomer.save(update_fields=["start_date"])
    programme = programme_create(leader=newcomer)
    item_add(
        programme=programme,
        title=str(PLAN_TOPICS[0]),
        description="Succeskriterier for det første år aftales med din chef.",
        due_date=newcomer.start_date + datetime.timedelta(days=21),
    )
    item_add(
        programme=programme,
        title=str(PLAN_TOPICS[9]),
        description="KMD Opus, ESDH og vagtplan med IT-konsulenten.",
        due_date=today + datetime.timedelta(days=10),
    )
    items = list(programme.items.all())
    for item in items[: len(items) // 2]:
        item_mark(item=item, by=chef, done=True)


def _talks(rng: random.Random, today: datetime.date) -> None:
    """This year's talks: about two in three held, the demo leader's with goals."""
    logins = demo_logins()
    leader = logins[Role.LEADER]
    first_talk_day = datetime.date(today.year, 1, 15)
    span = max(1, (today - first_talk_day).days)
    leaders = Leader.objects.store_ledergruppe().filter(reports_to__isnull=False).order_by("pk")
    for candidate in leaders:
        if candidate != leader and rng.random() > 0.65:
            continue
        day = first_talk_day + datetime.timedelta(days=rng.randrange(span))
        talk = talk_book(leader=candidate, manager=candidate.reports_to, booked_for=_at(day, 10))
        if day <= today:
            talk_mark_held(talk=talk, held_on=day)
        if candidate == leader:
            rows = list(talk.preparation.all())
            talk_prepare(
                talk=talk,
                answers={
                    rows[0].pk: "Vi taler om kerneopgaven på hvert personalemøde.",
                    rows[1].pk: "Jeg vil blive bedre til at lede på tværs af skolerne.",
                },
            )
            goal_add(
                talk=talk,
                text="Lede på tværs: tage initiativ til et fælles projekt med Dagtilbud Nord.",
                offer=Offer.SPARRING,
            )
            goal_add(
                talk=talk,
                text="Styrke det strategiske lederskab gennem DIL-modulet Strategisk ledelse.",
                offer=Offer.EDUCATION,
            )


def _education(rng: random.Random, leader: Leader, chef: Leader, today: datetime.date) -> None:
    Agreement.objects.create(
        leader=leader,
        agreed_by=chef,
        education=Education.DIL,
        title="Strategisk ledelse",
        provider="UCL Erhvervsakademi og Professionshøjskole",
        ects=Decimal(5),
        starts_on=datetime.date(today.year, 2, 1),
        ends_on=datetime.date(today.year, 6, 30),
        financing="Afdelingen betaler deltagergebyret; tid aftales i lederteamet.",
        status=Status.ONGOING,
    )
    others = list(
        Leader.objects.store_ledergruppe().filter(reports_to__isnull=False).order_by("pk")[5:40:7]
    )
    for number, other in enumerate(others):
        education = [Education.DOL, Education.DIL, Education.MPG][number % 3]
        completed = number % 2 == 0
        Agreement.objects.create(
            leader=other,
            agreed_by=other.reports_to,
            education=education,
            provider="Syddansk Universitet" if education == Education.MPG else "UC Lillebælt",
            ects=Decimal(rng.choice([5, 10, 15])),
            starts_on=datetime.date(today.year - 1, 8, 1),
            financing="Aftalt med chefen: 1/2 afdelingen, 1/2 lokalt budget.",
            status=Status.COMPLETED if completed else Status.ONGOING,
            completed_on=datetime.date(today.year - 1, 12, 15) if completed else None,
        )
