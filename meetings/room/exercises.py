"""The workshop's three exercises for the groups (seed 003), in the seed's own words: the nine
sources of resistance to cross-cutting work, the six tension fields of a shared task, and the
problem's type after Grint (2005) with the form of leadership it asks for."""

from dataclasses import dataclass

RESISTANCE_SOURCES = [
    "Manglende tillid til hinandens motiver og dømmekraft",
    "Opfatter ikke det tværgående arbejde som nødvendigt",
    "Opfatter ikke det tværgående som muligt",
    "Opfatter samarbejdet på tværs som forbundet med økonomiske trusler",
    "Opfatter det tværgående samarbejde som en trussel mod egne værdier og idealer",
    "Opfatter de relative omkostninger som større end den mulige gevinst",
    "Frygt for personlig fiasko – rækker kompetencerne?",
    "Frygt for tab af status og indflydelse",
    "Frygt for ydre styring og kontrol",
]
RESISTANCE_INTRO = (
    "Hvor i organisationen er jeres modstand størst mod de tværgående initiativer? Skab et "
    "overblik over modstanden gennem en lille måling fra 1 til 5: 1 er lav grad af modstand og "
    "5 er høj grad af modstand."
)

TENSION_FIELDS = [
    "Uenighed om arbejdsmetoder og principper",
    "Uklar arbejdsdeling",
    "Økonomi knyttet til søjlen",
    "Formelle strukturelle og administrative barrierer",
    "Forskelle i kulturer og processer",
    "Uenighed om mål og vurderingskriterier",
]
TENSION_INTRO = (
    "Identifikation af opgavens spændingsniveau: gennemgå alle seks spændingsfelter sammen. "
    "Hvilket mønster tegner sig?"
)
TENSION_LEVELS = {1: "Lav spænding", 2: "Nogen spænding", 3: "Høj spænding"}


@dataclass(frozen=True)
class ProblemType:
    label: str
    description: str
    leadership: str  # the form of leadership the problem asks for
    power: str


PROBLEM_TYPES = {
    "critical": ProblemType(
        "Kritisk problem",
        "Én her og nu-udfordring.",
        "Kommandere: Giv svar og kommandér.",
        "Tvang (hård magt)",
    ),
    "tame": ProblemType(
        "Tæmmet problem",
        "Et velkendt problem – en udfordring, I kender.",
        "Styre: Organisér og beskriv processen.",
        "Kalkulerende magt",
    ),
    "wicked": ProblemType(
        "Wicked problem",
        "Et komplekst problem – vi kender ikke svaret og har ingen simple løsninger.",
        "Lede: Stil spørgsmål; jeres ledelse er undersøgende.",
        "Normativ (blød magt)",
    ),
}
PROBLEM_INTRO = (
    "Jeres problem eller opgave er bestemmende for jeres ledelse og samarbejdsform (inspireret "
    "af Grint, 2005). Jo større behovet for samarbejde er, jo mere kalder opgaven på ledelse, "
    "der stiller spørgsmål frem for at give svar."
)
