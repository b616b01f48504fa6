"""Mine data (GDPR art. 15 and 20): everything the product stores about one person, grouped by
purpose, for the page and for the download. Read only; each app's records are asked for here so
the page has one list to keep complete."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Leader


@dataclass
class Section:
    key: str
    title: str | Promise
    purpose: str | Promise
    columns: list[str | Promise]
    rows: list[list[str]] = field(default_factory=list)
    note: str | Promise = ""


def _when(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    return date_format(value, "SHORT_DATE_FORMAT")


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _register(leader: Leader) -> Section:
    section = Section(
        "register",
        gettext_lazy("Register data"),
        gettext_lazy(
            "From the municipality's leaders register (the payroll export): who you are, "
            "your position and your manager line, so you get the right group and offers."
        ),
        [gettext_lazy("Field"), gettext_lazy("Value")],
    )
    for label, value in [
        (_("Name"), leader.full_name),
        (_("E-mail"), leader.email),
        (_("Job title"), leader.job_title),
        (_("Department"), str(leader.department or "")),
        (_("Workplace"), leader.workplace),
        (_("Hierarchy level"), str(leader.level or "")),
        (_("Line manager"), leader.reports_to.full_name if leader.reports_to else ""),
        (_("Predecessor"), leader.predecessor.full_name if leader.predecessor else ""),
        (_("Role"), leader.get_role_display()),
        (_("Also"), ", ".join(str(capacity.label) for capacity in leader.capacities)),
        (_("Budget responsibility"), _yes(leader.has_budget_responsibility)),
        (_("Staff responsibility"), _yes(leader.has_staff_responsibility)),
        (_("Start date"), _when(leader.start_date)),
        (_("End date"), _when(leader.end_date)),
        (_("Account created"), _when(leader.date_joined)),
        (_("Last login"), _when(leader.last_login)),
    ]:
        section.rows.append([label, value])
    return section


def _groups(leader: Leader) -> Section:
    from groups.models import Group, Membership
    from meetings.models import Meeting

    section = Section(
        "groups",
        gettext_lazy("Memberships and hosting"),
        gettext_lazy("Which cross-cutting group you sat in when, and why; the groups you host."),
        [
            gettext_lazy("Group"),
            gettext_lazy("From"),
            gettext_lazy("Why"),
            gettext_lazy("Until"),
            gettext_lazy("Why it ended"),
        ],
    )
    for seat in Membership.objects.filter(leader=leader).select_related("group"):
        section.rows.append(
            [
                str(seat.group),
                _when(seat.joined_on),
                seat.get_joined_reason_display(),
                _when(seat.left_on),
                seat.get_left_reason_display() if seat.left_reason else "",
            ]
        )
    for group in Group.objects.filter(host=leader):
        section.rows.append([str(group), "", _("Host"), "", ""])
    for group in Group.objects.filter(co_host=leader):
        section.rows.append([str(group), "", _("Co-host"), "", ""])
    for meeting in Meeting.objects.filter(host=leader).select_related("round", "group"):
        section.rows.append([str(meeting), _when(meeting.day), _("Hosted the meeting"), "", ""])
    return section


def _attendance(leader: Leader) -> Section:
    from meetings.models import Apology, Attendance

    section = Section(
        "attendance",
        gettext_lazy("Attendance and apologies"),
        gettext_lazy(
            "Attendance is mandatory: the host records who came, and apologies are sent with "
            "a reason."
        ),
        [
            gettext_lazy("Meeting"),
            gettext_lazy("Day"),
            gettext_lazy("Record"),
            gettext_lazy("Reason"),
        ],
    )
    for row in Attendance.objects.filter(leader=leader).select_related(
        "meeting__round", "meeting__group"
    ):
        section.rows.append(
            [
                str(row.meeting),
                _when(row.meeting.day),
                _("Present") if row.present else _("Absent"),
                "",
            ]
        )
    for apology in Apology.objects.filter(leader=leader).select_related(
        "meeting__round", "meeting__group"
    ):
        section.rows.append(
            [
                str(apology.meeting),
                _when(apology.meeting.day),
                _("Apologies sent %(when)s") % {"when": _when(apology.sent_at)},
                apology.reason,
            ]
        )
    return section


def _topics(leader: Leader) -> Section:
    from topicbank.models import Support, Topic

    section = Section(
        "topics",
        gettext_lazy("Topics and supports"),
        gettext_lazy("What you proposed for the groups to discuss, and the topics you support."),
        [gettext_lazy("Topic"), gettext_lazy("What"), gettext_lazy("When")],
    )
    for topic in Topic.objects.filter(proposed_by=leader):
        what = _("Proposed, anonymous to other leaders") if topic.anonymous else _("Proposed")
        section.rows.append([topic.title, what, _when(topic.created_at)])
    for support in Support.objects.filter(leader=leader).select_related("topic"):
        section.rows.append([support.topic.title, _("Supported"), _when(support.created_at)])
    return section


def _records(leader: Leader) -> Section:
    from groups.models import ContractVersion
    from meetings.room.models import Feedback, Summary, SummaryComment

    section = Section(
        "records",
        gettext_lazy("Contract, summaries and comments"),
        gettext_lazy("The group's records you wrote or commented on, as the group keeps them."),
        [gettext_lazy("Record"), gettext_lazy("Of"), gettext_lazy("When"), gettext_lazy("Text")],
    )
    for version in ContractVersion.objects.filter(author=leader).select_related("group"):
        section.rows.append(
            [_("Contract version"), str(version.group), _when(version.created_at), ""]
        )
    for summary in Summary.objects.filter(updated_by=leader).select_related(
        "meeting__round", "meeting__group"
    ):
        section.rows.append(
            [_("Summary, last saved by you"), str(summary.meeting), _when(summary.updated_at), ""]
        )
    for feedback in Feedback.objects.filter(updated_by=leader).select_related(
        "meeting__round", "meeting__group"
    ):
        section.rows.append(
            [
                _("Feedback, last saved by you"),
                str(feedback.meeting),
                _when(feedback.updated_at),
                "",
            ]
        )
    for comment in SummaryComment.objects.filter(author=leader).select_related(
        "summary__meeting__round", "summary__meeting__group"
    ):
        section.rows.append(
            [
                _("Comment on a summary"),
                str(comment.summary.meeting),
                _when(comment.created_at),
                comment.text,
            ]
        )
    return section


def _support(leader: Leader) -> Section:
    from coaching.models import (
        Approval,
        Booking,
        GroupCoachingShare,
        PoolApplication,
        PsychologistBooking,
        SparringRequest,
        Volunteer,
    )

    section = Section(
        "support",
        gettext_lazy("Coaching, psychologist, pool and sparring"),
        gettext_lazy(
            "The support offers you used: to book within your quota, to pay the coach and to "
            "keep the accounts."
        ),
        [
            gettext_lazy("What"),
            gettext_lazy("Date or year"),
            gettext_lazy("Hours"),
            gettext_lazy("Detail"),
        ],
    )
    for b in Booking.objects.filter(leader=leader).select_related("coach"):
        section.rows.append(
            [
                _("Coaching session"),
                _when(b.day),
                str(b.hours),
                str(b.coach) + (f" ({_('cancelled')})" if b.cancelled_at else ""),
            ]
        )
    for a in Approval.objects.filter(leader=leader).select_related("manager"):
        section.rows.append(
            [
                _("Request for approved hours"),
                str(a.year),
                str(a.hours),
                f"{a.get_status_display()}, {a.manager.full_name if a.manager else ''}",
            ]
        )
    for share in GroupCoachingShare.objects.filter(leader=leader).select_related("group_coaching"):
        section.rows.append(
            [
                _("Hours given to group coaching"),
                _when(share.group_coaching.day),
                str(share.hours),
                share.group_coaching.team,
            ]
        )
    for p in PsychologistBooking.objects.filter(leader=leader):
        section.rows.append(
            [
                _("Psychologist hours"),
                _when(p.day),
                str(p.hours),
                _("cancelled") if p.cancelled_at else "",
            ]
        )
    for case in PoolApplication.objects.filter(applicant=leader):
        section.rows.append(
            [
                _("Pool application"),
                str(case.year),
                "",
                f"{case.workplace}: {case.get_phase_display()}",
            ]
        )
    for request in SparringRequest.objects.filter(leader=leader):
        section.rows.append(
            [_("Sparring request"), _when(request.created_at), "", request.get_why_display()]
        )
    for volunteer in Volunteer.objects.filter(leader=leader):
        section.rows.append([_("Volunteer as sparring partner"), "", "", volunteer.areas])
    return section


def _messages(leader: Leader) -> Section:
    from meetings.models import CalendarFeed
    from nyborg_ledelse.notifications import kinds
    from nyborg_ledelse.notifications.models import Message, Preference

    section = Section(
        "messages",
        gettext_lazy("Messages and preferences"),
        gettext_lazy(
            "What was sent to you and how you chose to receive it. Texts are removed after a "
            "period (see the retention rules); the record stays."
        ),
        [
            gettext_lazy("What"),
            gettext_lazy("When"),
            gettext_lazy("Subject or setting"),
            gettext_lazy("State"),
        ],
    )

    def label(key):
        try:
            return str(kinds.get(key).label)
        except KeyError:
            return key

    for message in Message.objects.filter(recipient=leader).only(
        "kind", "created_at", "subject", "state"
    ):
        section.rows.append(
            [
                label(message.kind),
                _when(message.created_at),
                message.subject,
                message.get_state_display(),
            ]
        )
    for preference in Preference.objects.filter(user=leader):
        section.rows.append(
            [
                _("Preference: %(kind)s") % {"kind": label(preference.kind)},
                "",
                preference.get_delivery_display(),
                "",
            ]
        )
    if CalendarFeed.objects.filter(leader=leader).exists():
        section.rows.append([_("Private calendar address"), "", _("exists"), ""])
    return section


def _development(leader: Leader) -> Section:
    from coaching.development.models import (
        Agreement,
        Comment,
        Evaluation,
        FoundationVersion,
        Goal,
        Item,
        PersonalFoundation,
        Preparation,
        Programme,
        Talk,
    )

    section = Section(
        "development",
        gettext_lazy("Your leader development"),
        gettext_lazy(
            "Your introduction, your personal leadership foundation, your development talks, "
            "leader evaluations and education agreements: so you and your manager can follow "
            "your development. HR sees only figures for all leaders together."
        ),
        [gettext_lazy("What"), gettext_lazy("Date"), gettext_lazy("Text")],
    )
    rows = section.rows
    for programme in Programme.objects.filter(leader=leader):
        rows.append([_("Introduction programme"), _when(programme.start_date), ""])
    for item in Item.objects.filter(programme__leader=leader):
        done = _("done %(when)s") % {"when": _when(item.done_at)} if item.done_at else ""
        rows.append([_("Introduction item"), _when(item.due_date), f"{item.title} {done}".strip()])
    comments = Comment.objects.filter(Q(item__programme__leader=leader) | Q(author=leader))
    for comment in comments.select_related("item", "author"):
        rows.append(
            [
                _("Comment on '%(item)s' by %(author)s")
                % {"item": comment.item.title, "author": comment.author.full_name},
                _when(comment.created_at),
                comment.text,
            ]
        )
    for foundation in PersonalFoundation.objects.filter(leader=leader):
        rows.append(
            [
                _("Shared with my manager / my cross-cutting group"),
                "",
                f"{_yes(foundation.share_with_manager)} / {_yes(foundation.share_with_group)}",
            ]
        )
    for version in FoundationVersion.objects.filter(foundation__leader=leader):
        rows.append(
            [
                _("My leadership foundation, version %(number)d") % {"number": version.number},
                _when(version.created_at),
                version.text,
            ]
        )
    for talk in Talk.objects.filter(leader=leader).select_related("manager"):
        held = _("held %(when)s") % {"when": _when(talk.held_on)} if talk.held_on else ""
        rows.append(
            [
                _("Development talk %(year)d with %(manager)s")
                % {"year": talk.year, "manager": talk.manager.full_name},
                _when(talk.booked_for),
                f"{talk.place} {held}".strip(),
            ]
        )
    for prep in Preparation.objects.filter(talk__leader=leader).select_related("talk"):
        rows.append(
            [
                _("Preparation for the talk %(year)d: %(question)s")
                % {"year": prep.talk.year, "question": prep.question},
                "",
                prep.answer,
            ]
        )
    for evaluation in Evaluation.objects.filter(leader=leader).select_related("manager"):
        rows.append(
            [
                _("Leader evaluation with %(manager)s") % {"manager": evaluation.manager.full_name},
                _when(evaluation.held_on),
                "",
            ]
        )
    for goal in Goal.objects.filter(leader=leader):
        offer = f" ({goal.get_offer_display()})" if goal.offer else ""
        rows.append([_("Development goal"), _when(goal.created_at), goal.text + offer])
    for agreement in Agreement.objects.filter(leader=leader).select_related("agreed_by"):
        rows.append(
            [
                _("Education agreement: %(education)s")
                % {"education": agreement.get_education_display()},
                _when(agreement.starts_on),
                "; ".join(
                    part
                    for part in (
                        agreement.title,
                        agreement.provider,
                        _("%(ects)s ECTS") % {"ects": agreement.ects},
                        agreement.get_status_display(),
                        agreement.financing,
                    )
                    if part
                ),
            ]
        )
    return section


def _answers(leader: Leader) -> Section:
    from meetings.room.models import EvaluationReceipt, ExerciseReceipt, SurveyReceipt

    section = Section(
        "answers",
        gettext_lazy("Evaluations, surveys and exercises you answered"),
        gettext_lazy("Only that you answered, so you are asked once and reminded until you do."),
        [gettext_lazy("What"), gettext_lazy("Of")],
        note=gettext_lazy(
            "Your answers themselves are stored without your name and cannot be linked to "
            "you, so they are not listed here and cannot be handed out."
        ),
    )
    for r in EvaluationReceipt.objects.filter(leader=leader).select_related(
        "meeting__round", "meeting__group"
    ):
        section.rows.append([_("Evaluation of a meeting"), str(r.meeting)])
    for r in SurveyReceipt.objects.filter(leader=leader).select_related("survey"):
        section.rows.append([_("Survey"), r.survey.title])
    for r in ExerciseReceipt.objects.filter(leader=leader).select_related(
        "exercise__meeting__round", "exercise__meeting__group"
    ):
        section.rows.append(
            [
                _("Exercise: %(kind)s") % {"kind": r.exercise.get_kind_display()},
                str(r.exercise.meeting),
            ]
        )
    return section


def _mentions(leader: Leader) -> Section:
    from meetings.room.models import MentionAgreement

    section = Section(
        "mentions",
        gettext_lazy("Sentences that name a person"),
        gettext_lazy(
            "A summary or feedback may name a person only when that person agrees: the sentences "
            "you were asked about, and those you asked others about as host."
        ),
        [
            gettext_lazy("Meeting"),
            gettext_lazy("Sentence"),
            gettext_lazy("Named person"),
            gettext_lazy("Answer"),
            gettext_lazy("Asked by"),
            gettext_lazy("Answered"),
        ],
    )
    for m in MentionAgreement.objects.filter(Q(person=leader) | Q(asked_by=leader)).select_related(
        "meeting__round", "meeting__group", "person", "asked_by"
    ):
        section.rows.append(
            [
                str(m.meeting),
                m.sentence,
                m.person.full_name,
                m.get_status_display(),
                m.asked_by.full_name,
                _when(m.answered_at),
            ]
        )
    return section


def _reads(leader: Leader) -> Section:
    from coaching.models import RecordRead
    from meetings.room.models import AccessLog

    section = Section(
        "reads",
        gettext_lazy("Who read your records, and what you read"),
        gettext_lazy(
            "Reads of your personal records by others (HR, your manager) are logged so you can "
            "see them; so are your own reads of confidential records."
        ),
        [gettext_lazy("When"), gettext_lazy("Who"), gettext_lazy("What")],
    )
    for read in RecordRead.objects.filter(subject=leader).select_related("reader"):
        section.rows.append([_when(read.at), read.reader.full_name, read.get_what_display()])
    for entry in AccessLog.objects.filter(who=leader).select_related(
        "meeting__round", "meeting__group", "round"
    ):
        about = entry.meeting or entry.round or ""
        section.rows.append([_when(entry.at), _("You"), f"{entry.get_what_display()} {about}"])
    return section


def personal_data(leader: Leader) -> list[Section]:
    return [
        builder(leader)
        for builder in (
            _register,
            _groups,
            _attendance,
            _topics,
            _records,
            _support,
            _development,
            _messages,
            _answers,
            _mentions,
            _reads,
        )
    ]


def personal_data_zip(leader: Leader) -> bytes:
    """The same as the page: one JSON file with everything and one CSV file per purpose."""
    sections = personal_data(leader)
    document = {
        "person": leader.email,
        "made": timezone.now().isoformat(),
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "purpose": str(s.purpose),
                "note": str(s.note),
                "rows": [
                    dict(zip([str(c) for c in s.columns], row, strict=True)) for row in s.rows
                ],
            }
            for s in sections
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mine-data.json", json.dumps(document, ensure_ascii=False, indent=2))
        for s in sections:
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";")
            writer.writerow([str(c) for c in s.columns])
            writer.writerows(s.rows)
            archive.writestr(f"{s.key}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()
