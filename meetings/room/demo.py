"""Demo records of the confidential room: summaries, released feedback and evaluations for every
held group meeting, Edmondson's statements answered on the latest held round, and the workshop's
three exercises run and closed at one meeting of that round, so a host sees their results."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from meetings.models import Attendance, Kind, Meeting, Round

from .disclosure import MINIMUM_RESPONDENTS
from .exercises import RESISTANCE_SOURCES, TENSION_FIELDS
from .models import (
    Commitment,
    EvaluationAnswer,
    EvaluationReceipt,
    Exercise,
    ExerciseAnswer,
    ExerciseReceipt,
    Feedback,
    Summary,
    Survey,
    SurveyReceipt,
    SurveyResponse,
)


@transaction.atomic
def build_demo_room(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    held = [
        round_
        for round_ in Round.objects.filter(kind=Kind.GROUPS, published_at__isnull=False).order_by(
            "week_start"
        )
        if round_.meetings.filter(attendance__isnull=False).exists()
    ]
    for round_ in held:
        _records(round_, rng)
    if held:
        _survey(held[-1], rng)
        _exercises(held[-1], rng)
    for seminar in Meeting.objects.filter(
        round__kind=Kind.SEMINAR, attendance__isnull=False
    ).distinct():
        _seminar_evaluations(seminar, random.Random(seed + 1))


TALKED_ABOUT = [
    "Vi talte om, hvordan vi klæder vores chefer på i budgetprocessen, og om hvor tidligt vi bliver inddraget.",
    "Vi drøftede rekruttering og fastholdelse på tværs af områderne, og hvad vi kan låne af hinanden.",
    "Vi talte om psykologisk tryghed i vores egne ledergrupper og om, hvornår vi selv holder igen.",
    "Vi drøftede, hvordan vi sikrer fælles forståelse af opgaven, når flere forvaltninger skal levere.",
]
WHY = [
    "Fordi flere af os oplever, at beslutninger træffes, før konsekvenserne er belyst.",
    "Fordi det er en fælles udfordring, som ingen af os kan løse alene i eget område.",
    "Fordi trygheden i ledergruppen smitter af på, hvordan vi leder vores medarbejdere.",
]
WHAT_WE_DO = [
    "Vi afprøver brief og backbrief i en konkret opgave og følger op på næste møde.",
    "Vi deler materialer om onboarding på tværs og inviterer hinanden til at se, hvad der virker.",
    "Vi tager hver især spørgsmålene med hjem til egen ledergruppe og fortæller om erfaringerne.",
]
# Not drawn at random: the demo's other choices stay as they were.
FOLLOWED_UP = [
    "Afprøvet i to teams; vi fortsætter med det i egne ledergrupper.",
    "Gjort: materialerne ligger nu i fælles mappe.",
    "Alle har taget det med hjem; erfaringerne blev delt på mødet.",
]
DOS = [
    "Belyse økonomiske og faglige konsekvenser, også når det er politisk svært.",
    "Komme med alternative forslag, når vi kan se andre muligheder.",
    "Inddrage hinanden tidligt og sige det højt, når noget ikke hænger sammen.",
    "Give hinanden et rum, hvor man kan ytre sig, før der træffes beslutning.",
    "Dele viden og løsninger på tværs, også dem der ikke lykkedes.",
]
DONTS = [
    "Holde relevante oplysninger tilbage for at beskytte eget område.",
    "Spørge om, hvordan opgaven skal løses, i stedet for at komme med et forslag.",
    "Lade uenigheder ligge til næste møde.",
    "Tale om hinanden i stedet for med hinanden.",
]
FEEDBACK = [
    "Gruppen ønsker, at chefgruppen ser på, hvordan vi bliver inddraget tidligere i budgetprocessen.",
    "Gruppen oplever et behov for fælles retningslinjer for onboarding af nye ledere.",
    "Gruppen foreslår, at chefgruppen prioriterer færre indsatser ad gangen.",
]
GOOD = [
    "God stemning og ærlige drøftelser.",
    "Oplægget gav stof til eftertanke.",
    "Det var godt at høre, hvordan andre områder gør.",
    "Konkrete ideer jeg kan bruge med det samme.",
    "Trygt rum at dele det svære i.",
]
MISSED = [
    "Mere tid til punkt 5.",
    "At vi følger bedre op på sidste møde.",
    "",
    "Flere konkrete eksempler.",
]


def _records(round_: Round, rng: random.Random) -> None:
    """Summaries, released feedback and evaluations as the groups would have left them."""
    questions = list(round_.questions.all())
    for meeting in round_.meetings.select_related("host", "group"):
        summary = Summary.objects.create(
            meeting=meeting,
            talked_about=rng.choice(TALKED_ABOUT),
            why=rng.choice(WHY),
            status=Summary.Status.PUBLISHED,
            published_at=timezone.now(),
            updated_by=meeting.host,
        )
        # The host followed up the group's promise from the meeting before under item 2.
        for earlier in Commitment.objects.of_group(meeting.group).open():
            earlier.outcome = Commitment.Outcome.DONE
            earlier.outcome_note = FOLLOWED_UP[meeting.group.number % len(FOLLOWED_UP)]
            earlier.followed_up_in = summary
            earlier.save()
        Commitment.objects.create(summary=summary, text=rng.choice(WHAT_WE_DO))
        Feedback.objects.create(
            meeting=meeting,
            text=rng.choice(FEEDBACK),
            answers={
                str(q.pk): {"dos": " ".join(rng.sample(DOS, 2)), "donts": rng.choice(DONTS)}
                for q in questions
            },
            agreed_by=meeting.host,
            released_at=timezone.now(),
            updated_by=meeting.host,
        )
        present = Attendance.objects.filter(meeting=meeting, present=True).select_related("leader")
        for record in present:
            if rng.random() < 0.75:
                EvaluationReceipt.objects.create(meeting=meeting, leader=record.leader)
                EvaluationAnswer.objects.create(
                    meeting=meeting,
                    good=rng.choice(GOOD),
                    missed=rng.choice(MISSED),
                    rating=rng.choice([3, 4, 4, 4, 5, 5]),
                )


def _survey(round_: Round, rng: random.Random) -> None:
    """Edmondson's statements attached to the latest held round, answered by most members."""
    # Opened at the round, so it has closed (ANSWERS_CLOSE_DAYS) and the demo shows its results.
    opened = datetime.datetime.combine(
        round_.day_dates[-1], round_.ends, tzinfo=timezone.get_current_timezone()
    )
    survey = Survey.objects.create(kind="psychological_safety", round=round_, opened_at=opened)
    for meeting in round_.meetings.select_related("group"):
        for leader in meeting.group.members_on(meeting.day):
            if rng.random() < 0.7:
                SurveyReceipt.objects.create(survey=survey, leader=leader)
                scores = [
                    rng.choice([1, 2, 2, 3]) if i in (0, 2, 4) else rng.choice([3, 4, 4, 5])
                    for i in range(7)
                ]
                SurveyResponse.objects.create(survey=survey, group=meeting.group, scores=scores)


def _exercises(round_: Round, rng: random.Random) -> None:
    """The three exercises at one held meeting, closed on its day. Written directly: the
    services accept answers only on the meeting's day, and this meeting is past."""
    present_at = {
        meeting: [
            a.leader
            for a in Attendance.objects.filter(meeting=meeting, present=True).select_related(
                "leader"
            )
        ]
        for meeting in round_.meetings.select_related("host").order_by("day", "pk")
    }
    # A meeting with enough present for the ratings to be shown (fewer could be told apart).
    meeting = next(
        (m for m, present in present_at.items() if len(present) >= MINIMUM_RESPONDENTS), None
    )
    item = round_.agenda_items.order_by("number").first()
    if meeting is None or item is None:
        return
    closed = timezone.make_aware(datetime.datetime.combine(meeting.day, datetime.time(15)))

    def exercise(kind: str, **fields) -> Exercise:
        return Exercise.objects.create(
            meeting=meeting,
            agenda_item=item,
            kind=kind,
            opened_by=meeting.host,
            opened_at=closed - datetime.timedelta(minutes=30),
            closed_at=closed,
            **fields,
        )

    resistance = exercise(
        Exercise.Kind.RESISTANCE, task="Fælles indsats for unge uden uddannelse eller job"
    )
    for leader in present_at[meeting]:
        ExerciseReceipt.objects.create(exercise=resistance, leader=leader)
        ExerciseAnswer.objects.create(
            exercise=resistance,
            scores=[rng.choice([1, 2, 3, 3, 4, 5]) for _source in RESISTANCE_SOURCES],
        )
    exercise(
        Exercise.Kind.TENSION,
        task="Fælles indsats for unge uden uddannelse eller job",
        marks={str(i): rng.choice([1, 2, 2, 3]) for i in range(len(TENSION_FIELDS))},
        note="Mest spænding om økonomien i søjlerne og om, hvem der gør hvad.",
    )
    exercise(
        Exercise.Kind.PROBLEM,
        task="Fælles indsats for unge uden uddannelse eller job",
        problem_type=Exercise.ProblemType.WICKED,
        note="Vi kender ikke svaret; vi må lede ved at stille spørgsmål sammen.",
    )


def _seminar_evaluations(seminar: Meeting, rng: random.Random) -> None:
    """Some of those who came evaluated the seminar: enough to pass the minimum."""
    came = Attendance.objects.filter(meeting=seminar, present=True).select_related("leader")
    for record in came:
        if rng.random() < 0.4:
            EvaluationReceipt.objects.create(meeting=seminar, leader=record.leader)
            EvaluationAnswer.objects.create(
                meeting=seminar,
                good=rng.choice(SEMINAR_GOOD),
                missed=rng.choice(SEMINAR_MISSED),
                rating=rng.choice([3, 4, 4, 5, 5]),
            )


SEMINAR_GOOD = [
    "At møde ledere fra hele kommunen på én dag.",
    "Workshoppen i grupperne gav ny energi.",
    "Oplægget om psykologisk tryghed ramte plet.",
]
SEMINAR_MISSED = ["Mere tid i grupperne.", "", "En pause mere om eftermiddagen."]
