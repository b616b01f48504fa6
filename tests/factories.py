"""A factory for every model the tests build, with valid defaults for the required fields only.

Optional fields keep the model's own defaults, so `ModelFactory(**fields)` makes the same row as
`Model.objects.create(**fields)` did; tests/test_factories.py keeps tests from building rows by hand.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from coaching.development.models import TemplateItem
from coaching.models import (
    Approval,
    Booking,
    ClosedYear,
    Coach,
    CrisisRequest,
    GroupCoaching,
    GroupCoachingShare,
    Pool,
    PoolApplication,
    SparringRequest,
    Volunteer,
)
from groups.models import (
    ContractVersion,
    Group,
    Hosting,
    HostRole,
    Membership,
    Proposal,
    Reason,
)
from meetings.models import AgendaItem as RoundAgendaItem
from meetings.models import (
    Apology,
    Attendance,
    CalendarFeed,
    Meeting,
    Room,
    Round,
    SeminarSession,
    SummaryQuestion,
)
from meetings.room.models import (
    ChefGroupAnswer,
    Commitment,
    Exercise,
    ExerciseReceipt,
    Feedback,
    MentionAgreement,
    Summary,
    Survey,
)
from nyborg_ledelse.notifications.models import Delivery, Message, Preference
from nyborg_ledelse.organisation.models import (
    Capacity,
    CapacityChange,
    Department,
    Leader,
    RegisterImport,
    Role,
    RoleChange,
)
from topicbank.models import AgendaItem, Support, Tag, Theme, Topic, TopicFile

# A kind every message test can use: HR's notice that the register changed.
MESSAGE_KIND = "register_changed"


def _next_monday() -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(weeks=3)
    return day - datetime.timedelta(days=day.weekday())


def _this_year() -> int:
    return timezone.localdate().year


# --- the organisation -----------------------------------------------------------------------------


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


class ChefFactory(LeaderFactory):
    role = Role.CHEF
    job_title = "Skolechef"
    level = 2


class HRFactory(LeaderFactory):
    works_in_hr = True
    job_title = "HR-konsulent"
    has_budget_responsibility = False
    has_staff_responsibility = False


class RegisterImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegisterImport

    file_name = "register.csv"
    content = b""
    uploaded_by = factory.SubFactory(HRFactory)


class RoleChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleChange

    leader = factory.SubFactory(ChefFactory)
    role_before = Role.LEADER
    role = Role.CHEF


class CapacityChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapacityChange

    leader = factory.SubFactory(HRFactory)
    capacity = Capacity.HR
    granted = True
    source = CapacityChange.Source.BY_HAND


# --- groups ---------------------------------------------------------------------------------------


class GroupFactory(factory.django.DjangoModelFactory):
    # Far from the small numbers tests give their groups by hand.
    number = factory.Sequence(lambda n: 100 + n)
    host = factory.SubFactory(ChefFactory)

    @factory.post_generation
    def appointments(group, create, extracted, **kwargs):
        """Hosts are dated appointments that decide who reads a meeting's records: by default the
        host (and a co-host, if given) has hosted since long before any meeting of a test."""
        if not create:
            return
        since = kwargs.get("since") or datetime.date(2000, 1, 1)
        Hosting.objects.create(group=group, leader=group.host, role=HostRole.HOST, starts_on=since)
        if group.co_host_id:
            Hosting.objects.create(
                group=group, leader_id=group.co_host_id, role=HostRole.CO_HOST, starts_on=since
            )

    class Meta:
        model = Group
        skip_postgeneration_save = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    leader = factory.SubFactory(LeaderFactory)
    joined_reason = Reason.COMPOSED


class ContractVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractVersion

    group = factory.SubFactory(GroupFactory)
    text = "Vi taler ordentligt, og det, der siges i rummet, bliver i rummet."
    author = factory.SelfAttribute("group.host")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    created_by = factory.SubFactory(LeaderFactory, administers_product=True)
    min_size = 10
    max_size = 12
    tolerance_percent = 5
    before = factory.Dict({})
    assignment = factory.Dict({})
    moves = factory.List([])
    result = factory.Dict(
        {"D": 0, "lower_bound": 0, "gap": 0, "violations": {}, "proven_optimal": True}
    )


# --- meetings -------------------------------------------------------------------------------------


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Mødelokale {n}")
    building = "Rådhuset"
    seats = 14


class RoundFactory(factory.django.DjangoModelFactory):
    """A round row as it is stored; round_create (with its agenda) is the service's business."""

    class Meta:
        model = Round

    title = "Forår 2027"
    week_start = factory.LazyFunction(_next_monday)
    days = factory.LazyAttribute(
        lambda o: [(o.week_start + datetime.timedelta(days=k)).isoformat() for k in (1, 2, 3)]
    )
    starts = datetime.time(12, 30)
    ends = datetime.time(15, 30)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    round = factory.SubFactory(RoundFactory)
    group = factory.SubFactory(GroupFactory)
    host = factory.LazyAttribute(lambda o: o.group.host if o.group else None)
    day = factory.LazyAttribute(
        lambda o: (
            datetime.date.fromisoformat(o.round.days[0]) if o.round.days else o.round.week_start
        )
    )


class SeminarSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeminarSession

    round = factory.SubFactory(RoundFactory, kind="seminar", title="Lederseminar")
    starts = datetime.time(9, 30)
    title = "SAMMEN om ledelse – hvor står vi?"


def _host_or_chef(meeting: Meeting) -> Leader:
    return meeting.host or ChefFactory()


class ApologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Apology

    meeting = factory.SubFactory(MeetingFactory)
    leader = factory.SubFactory(LeaderFactory)
    reason = "Ferie"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    leader = factory.SubFactory(LeaderFactory)
    present = True
    recorded_by = factory.LazyAttribute(lambda o: _host_or_chef(o.meeting))


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    leader = factory.SubFactory(LeaderFactory)


class SummaryQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SummaryQuestion

    round = factory.SubFactory(RoundFactory)
    theme = "LEDELSE OPAD"


# --- the confidential room ------------------------------------------------------------------------


class SummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summary

    meeting = factory.SubFactory(MeetingFactory)
    updated_by = factory.LazyAttribute(lambda o: _host_or_chef(o.meeting))


class CommitmentFactory(factory.django.DjangoModelFactory):
    """What a group said at a meeting it would do, not yet followed up."""

    class Meta:
        model = Commitment

    summary = factory.SubFactory(SummaryFactory)
    text = "Vi afprøver fælles onboarding af nye ledere."


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    meeting = factory.SubFactory(MeetingFactory)
    updated_by = factory.LazyAttribute(lambda o: _host_or_chef(o.meeting))


class ChefGroupAnswerFactory(factory.django.DjangoModelFactory):
    """The chef group's draft answer to a round's report (published: pass published_at and _by)."""

    class Meta:
        model = ChefGroupAnswer

    round = factory.SubFactory(RoundFactory)
    text = "Vi tager tilbagemeldingerne med i budgetprocessen."
    updated_by = factory.SubFactory(ChefFactory)


class MentionAgreementFactory(factory.django.DjangoModelFactory):
    """A host's question to a named person, not yet answered."""

    class Meta:
        model = MentionAgreement

    meeting = factory.SubFactory(MeetingFactory)
    document = MentionAgreement.Document.SUMMARY
    person = factory.SubFactory(LeaderFactory)
    text = factory.LazyAttribute(lambda o: o.person.first_name)
    sentence = factory.LazyAttribute(lambda o: f"{o.person.first_name} fortalte om budgettet.")
    asked_by = factory.LazyAttribute(lambda o: _host_or_chef(o.meeting))


class SurveyFactory(factory.django.DjangoModelFactory):
    """Attached to a round, unless given a group (the concept survey, opened per group)."""

    class Meta:
        model = Survey

    kind = factory.Maybe("group", "concept", "psychological_safety")
    round = factory.Maybe("group", None, factory.SubFactory(RoundFactory))


# --- the topic bank -------------------------------------------------------------------------------


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Emne {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Ledelse på tværs {n}")
    description = "Hvordan skaber vi et rum, hvor vi tør sige det svære?"
    agenda_item = AgendaItem.GOOD_LEADERSHIP
    theme = Theme.DEVELOPMENT
    proposed_by = factory.SubFactory(LeaderFactory)


class TopicFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicFile

    topic = factory.SubFactory(TopicFactory)
    file = factory.django.FileField(filename="artikel.pdf", data=b"%PDF-1.7 test")


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    topic = factory.SubFactory(TopicFactory)
    leader = factory.SubFactory(LeaderFactory)


# --- support for leaders --------------------------------------------------------------------------


class CoachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coach

    name = factory.Faker("name", locale="da_DK")
    firm = "Coachhuset"
    certification = "ICF PCC"
    hourly_rate = Decimal("1800.00")


class ClosedYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosedYear

    year = factory.Sequence(lambda n: 2000 + n)
    closed_by = factory.SubFactory(HRFactory)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    leader = factory.SubFactory(LeaderFactory)
    coach = factory.SubFactory(CoachFactory)
    day = factory.LazyFunction(timezone.localdate)
    hours = Decimal("1.0")


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approval

    manager = factory.SubFactory(ChefFactory)
    leader = factory.SubFactory(LeaderFactory, reports_to=factory.SelfAttribute("..manager"))
    year = factory.LazyFunction(_this_year)
    hours = Decimal("5.0")


class GroupCoachingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupCoaching

    team = "Skoleledere Øst"
    coach = factory.SubFactory(CoachFactory)
    day = factory.LazyFunction(timezone.localdate)
    hours = Decimal("4.0")
    payment = GroupCoaching.Payment.TEAM_BUDGET
    organiser = factory.SubFactory(LeaderFactory)


class GroupCoachingShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupCoachingShare

    group_coaching = factory.SubFactory(GroupCoachingFactory, payment="converted")
    leader = factory.SubFactory(LeaderFactory)
    hours = Decimal("1.0")


class CrisisRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrisisRequest

    workplace = "Skole Øst"
    description = "En alvorlig ulykke på arbejdspladsen."
    requested_by = factory.SubFactory(LeaderFactory)


class PoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pool

    year = factory.LazyFunction(_this_year)
    amount = Decimal("200000")


class PoolApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoolApplication

    workplace = "Skole Øst"
    applicant = factory.SubFactory(LeaderFactory)
    year = factory.LazyFunction(_this_year)
    challenge = "Konflikter i teamet"
    provider = "Erhvervspsykolog"
    estimated_cost = Decimal("90000")


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer

    leader = factory.SubFactory(LeaderFactory)


class SparringRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SparringRequest

    leader = factory.SubFactory(LeaderFactory)
    why = SparringRequest.Why.NEW_LEADER


# --- messages -------------------------------------------------------------------------------------


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference

    user = factory.SubFactory(LeaderFactory)
    kind = MESSAGE_KIND
    delivery = Delivery.DIGEST


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    recipient = factory.SubFactory(LeaderFactory)
    to_email = factory.LazyAttribute(
        lambda o: o.recipient.email if o.recipient else "ukendt@nyborg.test"
    )
    kind = MESSAGE_KIND
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    subject = "Lederregisteret er opdateret"
    body_text = "…"


class TemplateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateItem

    title = factory.Sequence(lambda n: f"Introduktionspunkt {n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """One item of a round's agenda (round_create copies all seven from the template)."""

    class Meta:
        model = RoundAgendaItem

    round = factory.SubFactory(RoundFactory)
    number = 2
    title = "Hvad er der sket siden sidst!"


def _agenda_item(meeting: Meeting) -> RoundAgendaItem:
    item, _created = RoundAgendaItem.objects.get_or_create(
        round=meeting.round, number=3, defaults={"title": "Fælles ledelsesfokus"}
    )
    return item


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    meeting = factory.SubFactory(MeetingFactory)
    agenda_item = factory.LazyAttribute(lambda o: _agenda_item(o.meeting))
    kind = Exercise.Kind.RESISTANCE
    opened_by = factory.LazyAttribute(lambda o: _host_or_chef(o.meeting))


class ExerciseReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseReceipt

    exercise = factory.SubFactory(ExerciseFactory)
    leader = factory.SubFactory(LeaderFactory)
