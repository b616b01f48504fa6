"""The questionnaires: statements rated 1–5, some scored in reverse (agreeing is the bad answer)."""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SurveyKind:
    # Texts are lazy: each reader sees them in their own language. The Danish wordings are the
    # seeds' own (000: the concept's purposes; 003: Edmondson's statements, "Kurs, koordinering og
    # commitment"), kept verbatim as the Danish translations in locale/da.
    key: str
    title: str | Promise
    intro: str | Promise
    statements: list[str | Promise]
    reverse: set[int] = field(default_factory=set)  # 0-based positions scored 6 − answer
    per_round: bool = True  # False: opened per group (the concept after 6 meetings)

    def scored(self, answers: list[int]) -> list[int]:
        return [6 - a if i in self.reverse else a for i, a in enumerate(answers)]


CONCEPT = SurveyKind(
    key="concept",
    title=_("Evaluation of the cross-cutting leadership groups after 6 meetings"),
    intro=_(
        "How well do the groups strengthen what they are there for? 1 = not at all, 5 = to a great extent."
    ),
    statements=[
        _("Wholeness and cohesion, “the great we” in a strong working community"),
        _("Leadership focused on the core task"),
        _("Well-coordinated work and commitment in the organisation"),
        _("Leadership as a profession"),
        _("A culture oriented towards trust and results"),
        _("Qualifying and giving input to the making and carrying out of policy"),
        _("Better use of the leaders' combined power to innovate"),
        _("Social belonging and psychological safety among the leaders"),
    ],
    per_round=False,
)

PSYCHOLOGICAL_SAFETY = SurveyKind(
    key="psychological_safety",
    title=_("Psychological safety in the group (Amy Edmondson)"),
    intro=_("How much do you agree? 1 = strongly disagree, 5 = strongly agree."),
    statements=[
        _("If you make a mistake on this team, it is often held against you"),
        _("Members of this team are able to bring up problems and tough issues"),
        _("People on this team sometimes reject others for being different"),
        _("It is safe to take a risk on this team"),
        _("It is difficult to ask other members of this team for help"),
        _("No one on this team would deliberately act in a way that undermines my efforts"),
        _(
            "Working with members of this team, my unique skills and talents are valued and "
            "utilised"
        ),
    ],
    reverse={0, 2, 4},
)

COURSE = SurveyKind(
    key="course",
    title=_("Direction, coordination and commitment"),
    intro=_("How much do you agree? 1 = strongly disagree, 5 = strongly agree."),
    statements=[
        _("Direction: We share an ambition and priorities"),
        _("Direction: We can easily explain why what we try to achieve together is worthwhile"),
        _("Coordination: We have the right organisation and structure around our joint efforts"),
        _("Coordination: Our efforts fit together and pull in the same direction"),
        _("Commitment: We take shared obligation and responsibility for the efforts we agreed"),
        _("Commitment: We put what we share first, even when it costs our own area"),
    ],
)

SURVEYS = {kind.key: kind for kind in (CONCEPT, PSYCHOLOGICAL_SAFETY, COURSE)}
ROUND_TEMPLATES = [kind for kind in SURVEYS.values() if kind.per_round]
