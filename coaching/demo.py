"""Demo support offers: coaches, this year's sessions and requests, a pool with applications,
volunteers for sparring."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from nyborg_ledelse.notifications.services import held_for_the_sweep
from nyborg_ledelse.organisation.models import Leader

from .models import Coach, Phase, Pool, SparringRequest, Volunteer
from .services.coaching_hours import approval_decide, approval_request, booking_create
from .services.pool import (
    default_shares,
    pool_apply,
    pool_grant,
    pool_move,
    pool_share_confirm,
)
from .services.psychologist import psychologist_book

COACHES = [
    ("Birgitte Holt", "Holt Coaching", "ICF PCC", "1650.00"),
    ("Jens Kragh", "Kragh & Co.", "ICF ACC, erhvervspsykolog", "1800.00"),
    ("Lise Vinter", "Lederrum ApS", "EMCC Senior Practitioner", "1550.00"),
    ("Mads Ebbesen", "Ebbesen Udvikling", "ICF PCC", "1700.00"),
]
APPLICATIONS = [
    (
        "Plejecentret Egebo",
        "Højt sygefravær og konflikter i aftenvagten.",
        "Erhvervspsykolog",
        "84000",
        Phase.COURSE,
    ),
    (
        "Dagtilbud Nord",
        "Ny sammenlægning af to huse; personalet oplever uklare roller.",
        "Organisationskonsulent",
        "66000",
        Phase.GRANTED,
    ),
    (
        "Jobcentret, Ungeteamet",
        "Stort pres efter omlægning; ønske om et forløb om arbejdsfællesskab.",
        "Erhvervspsykolog",
        "48000",
        Phase.CLARIFICATION,
    ),
    (
        "Teknisk Service",
        "Afprøvning af et nyt værktøj til trivselsmålinger i små teams.",
        "Konsulent",
        "30000",
        Phase.RECEIVED,
    ),
]


@transaction.atomic
def build_demo_support(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    coaches = [
        Coach.objects.create(
            name=n,
            firm=f,
            certification=c,
            email=f"{n.split()[0].lower()}@coach.example",
            hourly_rate=Decimal(r),
        )
        for n, f, c, r in COACHES
    ]
    today = timezone.localdate()
    start = datetime.date(today.year, 1, 10)
    leaders = list(Leader.objects.store_ledergruppe().order_by("pk"))
    hr = Leader.objects.hr().filter(has_staff_responsibility=False).first()
    with held_for_the_sweep():
        for k, leader in enumerate(leaders[::4]):
            day = start + datetime.timedelta(days=rng.randrange(0, max(1, (today - start).days)))
            coach, hours = rng.choice(coaches), Decimal(rng.choice([2, 3, 5]))
            # Five hours are two sessions a week apart: a session lasts at most three.
            for n, session in enumerate([hours] if hours <= 3 else [Decimal(3), hours - 3]):
                booking_create(
                    leader=leader,
                    coach=coach,
                    day=min(day + datetime.timedelta(days=7 * n), today),
                    hours=session,
                )
            if k % 5 == 0 and leader.reports_to:
                approval = approval_request(leader=leader, year=today.year, hours=Decimal(5))
                if k % 10 == 0:
                    approval_decide(approval=approval, by=leader.reports_to, approve=True)
                    booking_create(
                        leader=leader,
                        coach=rng.choice(coaches),
                        day=min(day + datetime.timedelta(days=30), today),
                        hours=Decimal(3),
                    )
            if k % 7 == 0:
                psychologist_book(leader=leader, day=day, hours=Decimal(2))
        Pool.objects.create(year=today.year, amount=Decimal("250000.00"))
        for (workplace, challenge, provider, cost, phase), applicant in zip(
            APPLICATIONS, leaders[1::9], strict=False
        ):
            application = pool_apply(
                applicant=applicant,
                workplace=workplace,
                year=today.year,
                challenge=challenge,
                provider=provider,
                estimated_cost=Decimal(cost),
                pilot=workplace == "Teknisk Service",
            )
            if phase in (Phase.GRANTED, Phase.COURSE):
                pool_grant(
                    application=application,
                    by=hr,
                    shares=default_shares(application.estimated_cost),
                )
            if phase == Phase.COURSE:
                if application.area_chef:
                    pool_share_confirm(application=application, by=application.area_chef)
                pool_move(
                    application=application, by=hr, phase=Phase.COURSE, spent=Decimal("14000")
                )
            if phase == Phase.CLARIFICATION:
                pool_move(
                    application=application,
                    by=hr,
                    phase=Phase.CLARIFICATION,
                    note="Møde aftalt med leder og områdechef",
                )
        for leader in leaders[2::11]:
            Volunteer.objects.create(
                leader=leader,
                capacity=rng.choice([1, 2]),
                areas=leader.department.name if leader.department else "",
            )
        newcomer = next(
            (p for p in leaders if p.start_date and (today - p.start_date).days < 365), leaders[-1]
        )
        SparringRequest.objects.create(
            leader=newcomer,
            why=SparringRequest.Why.NEW_LEADER,
            wishes="At lede tidligere kolleger.",
        )
