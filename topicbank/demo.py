"""Demo topics in the spirit of the concept: budgets, psychological safety, brief/backbrief…"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from nyborg_ledelse.organisation.models import Leader

from .models import AgendaItem, State, Support, Tag, Theme, Topic, TopicEvent, TopicLink

F, L = AgendaItem.SHARED_FOCUS, AgendaItem.GOOD_LEADERSHIP
OPS, DEV = Theme.OPERATIONS, Theme.DEVELOPMENT
TAGS = [
    "SAMMEN om ledelse", "Psykologisk tryghed", "Ledelse opad", "Ledelse på tværs",
    "Økonomi og budget", "Rekruttering og fastholdelse", "Arbejdsmiljø", "Forandringsledelse",
    "Digitalisering", "Strategi og retning",
]  # fmt: skip

# (title, description, item, theme, tags, state). A planned or discussed topic gets its round
# from the meetings' demo, which puts it on that round's agenda (meetings/demo.py: _topics).
TOPICS = [
    ("Ledelse opad i budgetprocessen", "Hvordan klæder vi vores chefer på med data og konsekvenser, når der skal prioriteres i budget 2028?", F, OPS, ["Ledelse opad", "Økonomi og budget"], State.DISCUSSED),
    ("Psykologisk tryghed i egen ledergruppe", "Edmondsons syv udsagn som spejl: tør vi sige det svære til hinanden, og hvad gør vi, når vi ikke gør?", L, DEV, ["Psykologisk tryghed", "SAMMEN om ledelse"], State.DISCUSSED),
    ("Brief og backbrief når opgaven går på tværs", "Bungays model for at sikre, at vi har forstået opgaven ens, før vi sætter i gang – også når flere forvaltninger skal levere.", L, DEV, ["Ledelse på tværs", "Strategi og retning"], State.DISCUSSED),
    ("Retning, koordinering og commitment", "Tre tegn på god fælles ledelse: hvor står vi selv, og hvor halter det?", L, DEV, ["SAMMEN om ledelse", "Ledelse på tværs"], State.DISCUSSED),
    ("Rekruttering af pædagoger og sosu-assistenter", "Hvad virker lokalt, og hvad kan vi kun løse sammen på tværs af områderne?", F, OPS, ["Rekruttering og fastholdelse"], State.DISCUSSED),
    ("Sygefravær: fra tal til samtale", "Hvordan bruger vi fraværsstatistikken uden at den bliver kontrol – og hvad siger vi til medarbejderen?", F, OPS, ["Arbejdsmiljø"], State.DISCUSSED),
    ("Implementering af den nye kvalitetsstandard", "Politisk vedtaget – hvordan oversætter vi den til hverdag i alle enheder på samme tid?", F, OPS, ["Forandringsledelse"], State.PLANNED),
    ("At lede ledere", "Hvad er anderledes, når dine medarbejdere selv er ledere? Dilemmaer fra hverdagen.", L, DEV, ["SAMMEN om ledelse"], State.PLANNED),
    ("Kunstig intelligens i sagsbehandlingen", "Hvor giver det mening, hvor er risikoen, og hvem tager stilling?", F, DEV, ["Digitalisering"], State.SHORTLISTED),
    ("Lederens eget arbejdsmiljø", "Hvem passer på lederen? Om belastning, netværk og at bede om hjælp.", L, DEV, ["Arbejdsmiljø", "Psykologisk tryghed"], State.SHORTLISTED),
    ("Fælles sprog om prioritering", "Når alt er vigtigt: hvordan siger vi fra og til på en måde, der holder på tværs?", F, OPS, ["Strategi og retning", "Ledelse opad"], State.SHORTLISTED),
    ("Ledelse i forandring: nedlæggelse af en enhed", "Erfaringer med at lede medarbejdere gennem en lukning – og de ledere, der bliver tilbage.", L, DEV, ["Forandringsledelse"], State.PROPOSED),
    ("Tillidsbaseret ledelse i praksis", "Hvad giver vi slip på, og hvad følger vi stadig op på?", L, DEV, ["SAMMEN om ledelse"], State.PROPOSED),
    ("Borgerhenvendelser der går på tværs", "Borgeren med sager i tre forvaltninger: hvem tager ejerskabet?", F, OPS, ["Ledelse på tværs"], State.PROPOSED),
    ("Onboarding af nye ledere", "Hvad har du selv manglet de første tre måneder som ny leder i kommunen?", F, DEV, ["Rekruttering og fastholdelse"], State.PROPOSED),
    ("Mødekultur: færre og bedre møder", "Et eksperiment med mødefri formiddage – hvad lærte vi?", F, OPS, ["Arbejdsmiljø"], State.PROPOSED),
    ("Den svære samtale om trivsel", "Når en medarbejder mistrives: hvor går grænsen for lederens rolle?", L, DEV, ["Arbejdsmiljø", "Psykologisk tryghed"], State.PROPOSED),
    ("Data i ledelse: hvilke tal bruger vi?", "Et kig på de ledelsesinformationer, vi får – og dem vi savner.", F, OPS, ["Digitalisering", "Økonomi og budget"], State.PROPOSED),
    ("Klimatilpasning som fælles opgave", "Teknik og Miljø kan ikke løse det alene: hvad betyder det for de andre områder?", F, DEV, ["Ledelse på tværs", "Strategi og retning"], State.PROPOSED),
    ("Fra dilemma til beslutning", "En model for at træffe beslutninger i gråzoner – afprøvet på tre cases fra hverdagen.", L, DEV, ["SAMMEN om ledelse"], State.PROPOSED),
    ("Samarbejde med MED-udvalget", "Hvordan bruger vi MED som sparring i stedet for som høringsinstans?", F, OPS, ["Arbejdsmiljø"], State.PROPOSED),
    ("Ledelse af specialister", "Når medarbejderne ved mere end lederen om fagligheden: autoritet og rolle.", L, DEV, ["SAMMEN om ledelse"], State.PROPOSED),
    ("Vikarforbrug og planlægning", "Hvordan får vi vikarbudgettet til at holde uden at slide på de faste?", F, OPS, ["Økonomi og budget"], State.PROPOSED),
    ("Fejlkultur: at lære af det, der gik galt", "Hvordan deler vi fejl åbent i ledergruppen uden at nogen står alene?", L, DEV, ["Psykologisk tryghed"], State.PROPOSED),
    ("Strategi 2030 i egen enhed", "Hvordan gør vi kommunens strategi meningsfuld for den enkelte medarbejder?", F, DEV, ["Strategi og retning"], State.PROPOSED),
    ("Fastholdelse af seniorer", "Seniorordninger, fleksibilitet og viden, der ikke må gå tabt.", F, OPS, ["Rekruttering og fastholdelse"], State.PROPOSED),
    ("Ledelse på distancen", "Hjemmearbejde og spredte matrikler: hvordan holder vi fællesskabet?", L, DEV, ["Arbejdsmiljø"], State.PROPOSED),
    ("Beredskab og krisekommunikation", "Hvad lærte vi af den seneste hændelse, og er vi klar til den næste?", F, OPS, ["Ledelse på tværs"], State.PROPOSED),
    ("Innovation i en driftsorganisation", "Hvordan får vi plads til at afprøve nyt, når driften fylder det hele?", L, DEV, ["Forandringsledelse"], State.PROPOSED),
    ("Lederens kalender", "Hvor går tiden? Et fælles eksperiment med at registrere en uge.", L, OPS, ["SAMMEN om ledelse"], State.PROPOSED),
    ("Økonomistyring for ikke-økonomer", "Et oplæg fra Økonomi om de vigtigste begreber og faldgruber.", F, OPS, ["Økonomi og budget"], State.DECLINED),
    ("Teambuilding-tur for alle ledere", "En fælles tur ud af huset for hele Store Ledergruppe.", L, DEV, [], State.DECLINED),
    ("Ny intranetplatform", "Gennemgang af funktionerne i det nye intranet.", F, OPS, ["Digitalisering"], State.ARCHIVED),
    ("Ledelsesgrundlaget ti år efter", "Gælder 'SAMMEN om ledelse' stadig? Hvad skal justeres?", L, DEV, ["SAMMEN om ledelse", "Strategi og retning"], State.PROPOSED),
]  # fmt: skip
DECLINE_REASONS = {
    "Økonomistyring for ikke-økonomer": "Tilbydes som kursus af Økonomi; se kursuskataloget.",
    "Teambuilding-tur for alle ledere": "Det fælles lederseminar dækker behovet.",
}


@transaction.atomic
def build_demo_topics(*, seed: int = 2026) -> None:
    rng = random.Random(seed)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TAGS}
    leaders = list(Leader.objects.store_ledergruppe().order_by("pk"))
    chef = Leader.objects.chef_group().order_by("pk").first()
    now = timezone.now()
    for number, (title, description, item, theme, tag_names, state) in enumerate(TOPICS):
        proposed_at = now - datetime.timedelta(days=400 - number * 11)
        topic = Topic.objects.create(
            title=title,
            description=description,
            agenda_item=item,
            theme=theme,
            proposed_by=rng.choice(leaders),
            anonymous=rng.random() < 0.2,
            state=state,
            decline_reason=DECLINE_REASONS.get(title, ""),
            created_at=proposed_at,
            speaker="Amy Edmondson (video)" if "tryghed" in title.lower() else "",
        )
        topic.tags.set([tags[name] for name in tag_names])
        if number % 4 == 0:
            TopicLink.objects.create(topic=topic, url="https://www.kl.dk/", title="Baggrund fra KL")
        Support.objects.bulk_create(
            Support(topic=topic, leader=leader)
            for leader in rng.sample(leaders, rng.choice([0, 1, 2, 3, 5, 8, 13, 21]))
        )
        _history(topic, chef, state, proposed_at)


def _history(topic: Topic, chef, state: str, start: datetime.datetime) -> None:
    steps = {
        State.SHORTLISTED: [State.SHORTLISTED],
        State.PLANNED: [State.SHORTLISTED, State.PLANNED],
        State.DISCUSSED: [State.SHORTLISTED, State.PLANNED, State.DISCUSSED],
        State.DECLINED: [State.DECLINED],
        State.ARCHIVED: [State.ARCHIVED],
    }.get(state, [])
    previous = State.PROPOSED
    for offset, step in enumerate(steps, start=1):
        TopicEvent.objects.create(
            topic=topic,
            from_state=previous,
            to_state=step,
            reason=topic.decline_reason if step == State.DECLINED else "",
            by=chef,
            at=start + datetime.timedelta(days=14 * offset),
        )
        previous = step
