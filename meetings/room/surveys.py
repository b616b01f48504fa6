"""The questionnaires: statements rated 1–5, some scored in reverse (agreeing is the bad answer)."""

from dataclasses import dataclass, field

# Results for fewer respondents than this are not shown: they could point at someone.
MINIMUM_RESPONDENTS = 3


@dataclass(frozen=True)
class SurveyKind:
    key: str
    title: str
    intro: str
    statements: list[str]
    reverse: set[int] = field(default_factory=set)  # 0-based positions scored 6 − answer
    per_round: bool = True  # False: opened per group (the concept after 6 meetings)

    def scored(self, answers: list[int]) -> list[int]:
        return [6 - a if i in self.reverse else a for i, a in enumerate(answers)]


CONCEPT = SurveyKind(
    key="concept",
    title="Evaluering af de tværgående ledelsesgrupper efter 6 møder",
    intro="Hvor godt styrker grupperne det, de er sat i verden for? 1 = slet ikke, 5 = i høj grad.",
    statements=[
        "Helhed og sammenhængskraft, ”det store vi” i et stærkt arbejdsfællesskab",
        "Ledelse med kerneopgavefokus",
        "Velkoordineret opgaveløsning og commitment i organisationen",
        "Ledelse som profession",
        "En tillids- og resultatorienteret kultur",
        "Kvalificering og input til politikudvikling og -implementering",
        "En bedre udnyttelse af ledernes samlede innovationskraft",
        "Et socialt tilhørsforhold og psykologisk tryghed blandt ledelsen",
    ],
    per_round=False,
)

PSYCHOLOGICAL_SAFETY = SurveyKind(
    key="psychological_safety",
    title="Psykologisk tryghed i gruppen (Amy Edmondson)",
    intro="Hvor enig er du? 1 = helt uenig, 5 = helt enig.",
    statements=[
        "Hvis du laver en fejl, holdes det ofte imod dig",
        "Medlemmer af dette team er i stand til at tage problemer og hårde spørgsmål op",
        "Folk på dette team afviser nogle gange andre for at være forskellige",
        "Det er sikkert at tage en risiko på dette team",
        "Det er svært at bede andre medlemmer af dette team om hjælp",
        "Ingen på dette team ville bevidst handle på en måde, der underminerer min indsats",
        "Når jeg arbejder med medlemmer af dette team, bliver mine unikke færdigheder og "
        "talenter værdsat og udnyttet",
    ],
    reverse={0, 2, 4},
)

COURSE = SurveyKind(
    key="course",
    title="Kurs, koordinering og commitment",
    intro="Hvor enig er du? 1 = helt uenig, 5 = helt enig.",
    statements=[
        "Kurs: Vi har en fælles ambition og fælles prioriteter",
        "Kurs: Vi kan let forklare, hvorfor det, vi prøver at opnå sammen, er værdifuldt",
        "Koordinering: Vi har den rette organisering og struktur omkring vores fælles indsatser",
        "Koordinering: Vores indsatser passer sammen og trækker i samme retning",
        "Commitment: Vi tager fælles forpligtelse og ansvar for vores aftalte indsatser",
        "Commitment: Vi prioriterer det fælles, også når det koster i eget område",
    ],
)

SURVEYS = {kind.key: kind for kind in (CONCEPT, PSYCHOLOGICAL_SAFETY, COURSE)}
ROUND_TEMPLATES = [kind for kind in SURVEYS.values() if kind.per_round]
