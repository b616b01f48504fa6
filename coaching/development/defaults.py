"""The municipality's introduction template and LUS questions as HR starts from them (seed 001
section 1 and seed 002's five focus areas). HR edits both afterwards; they are data, in Danish.

Shown unsaved while HR has stored none (models.DefaultedQuerySet.listed); stored with HR's first
change (services.hr_text_save) and by the demo."""

TEMPLATE = [
    (
        "Velkomstmøde med kommunaldirektøren",
        "Et møde med kommunaldirektøren i de første uger.",
        "",
        21,
    ),
    ("Velkomstmøde med din fagchef", "Et tilsvarende møde med din fagchef.", "", 14),
    (
        "Velkomstmøde for nyansatte",
        "Du bliver indbudt til et velkomstmøde sammen med øvrige nyansatte.",
        "",
        60,
    ),
    (
        "Individuelt tilrettelagt introduktionsforløb",
        "Din leder tilrettelægger dit introduktionsforløb, fx succeskriterier, "
        "forventningsafstemning, lokale politikker og regler, igangværende større projekter, "
        "igangværende konflikter eller udfordringer, mødefora, netværk og mentorforløb, møde med "
        "konsulenter og nøglepersoner, rutiner og introduktion til IT-systemer.",
        "",
        7,
    ),
    (
        "Tidlig og opsøgende sparring med egen leder",
        "I opstartsfasen har du jævnlige møder med din leder, hvor du kan blive guidet og drøfte "
        "ledelsesmæssige udfordringer.",
        "",
        14,
    ),
    (
        "”Lettere vej for ledere”",
        "Pjecen giver en hurtig introduktion til dine administrative opgaver og den interne "
        "konsulentstøtte fra kommunens stabsfunktioner.",
        "https://intranet.nyborg.dk/da/til-dig-som-leder/dig-som-leder/"
        "konsulentstotte-fra-stabsfunktioner-1/generelt-overblik/",
        30,
    ),
    (
        "Kommunens ledelsesgrundlag og dit personlige ledelsesgrundlag",
        "Læs ledelsesgrundlaget og formulér dit eget personlige ledelsesgrundlag inden for det.",
        "",
        90,
    ),
    (
        "Tilbud om en sparringspartner",
        "En erfaren lederkollega, gerne med en anden baggrund end din, at spille bold op ad.",
        "",
        30,
    ),
    (
        "Din plads i en tværgående ledelsesgruppe",
        "Alle ledere med økonomisk ansvar og personaleansvar er med i en tværgående "
        "ledelsesgruppe; du mødes med den 3 gange om året og til det fælles lederseminar.",
        "",
        30,
    ),
]

QUESTIONS = [
    "Kerneopgaven er vores kompas: Hvordan leder du på kerneopgaven, og ved dine medarbejdere, "
    "hvad der forventes?",
    "Lederudvikling styrker den fælles retning: Hvad vil du udvikle i dit lederskab det kommende "
    "år?",
    "Det personlige lederskab er relationelt: Hvordan lever dit personlige ledelsesgrundlag i "
    "hverdagen, og hvad vil du justere?",
    "Samarbejde baner vejen for godt følgeskab: Hvordan skaber du følgeskab og samarbejde på "
    "tværs?",
    "Fælles om det gode arbejdsmiljø: Hvad gør du for arbejdsmiljøet, og hvad har du selv brug "
    "for?",
    "Hvilken støtte vil hjælpe dig: coaching, en sparringspartner, uddannelse eller kurser?",
]


def defaults_for(model) -> list:
    """The defaults as unsaved rows of `model` (TemplateItem or TalkQuestion)."""
    from .models import TalkQuestion, TemplateItem

    if model is TemplateItem:
        return [
            TemplateItem(
                title=title,
                description=description,
                link=link,
                days_after_start=days,
                position=position * 10,
            )
            for position, (title, description, link, days) in enumerate(TEMPLATE, start=1)
        ]
    if model is TalkQuestion:
        return [
            TalkQuestion(text=text, position=position * 10)
            for position, text in enumerate(QUESTIONS, start=1)
        ]
    return []


def create_defaults(template_item_model, talk_question_model) -> None:
    """Only into empty tables, so HR's own edits are never overwritten."""
    for model in (template_item_model, talk_question_model):
        if not model.objects.exists():
            model.objects.bulk_create(defaults_for(model))
