"""The fixed agenda from the concept paper ("DAGSORDEN-skabelon"); the chef group edits it.

The one definition of the agenda's items: their numbers, their default texts, and which of them
carry a topic from the topic bank (those the topic bank's AgendaItem offers).
"""

from topicbank.models import AgendaItem as TopicItem

DEFAULT_ITEMS = [
    (1, "Kort velkomstrunde", "Værten byder velkommen og skitserer kort planen for mødet."),
    (
        2,
        "Hvad er der sket siden sidst!",
        "Kort opfølgning på cases eller målsætninger fra forrige møde. – Det er en måde både at "
        "'følge' hinanden på og samtidig holde hinanden lidt op på det, I sætter jer for i gruppen.",
    ),
    (
        3,
        "Fælles ledelsesfokus – en konkret og aktuel opgave",
        "Drøftelse af en eller flere konkrete og aktuelle opgaver, udfordringer eller dilemmaer, "
        "der vedrører hele organisationen og kræver en sammenhængende ledelsesindsats og "
        "-kommunikation.",
    ),
    (
        4,
        "Lokal vejrmelding - videndeling",
        "En runde, hvor I videndeler og ajourfører hinanden om, hvad I er optaget af. Et rum, hvor "
        "den enkelte leder kan dele succeshistorier, fiaskoer, nyeste påfund, tips og tricks mv. om "
        "ledelse.",
    ),
    (
        5,
        "God ledelse – udvikling af ledelse som fag",
        "Emnerne vil understøtte dialog og videndeling om ledelse og ledelse som fag. Ofte med "
        "temaer fra vores fælles ledelsesgrundlag 'SAMMEN om ledelse'. Vi finder ledelsesartikler, "
        "videoklip m.m. frem om nyeste trends og forskning indenfor ledelse, teser og "
        "(provokerende) ledelsesdilemmaer m.m. som I sammen kan reflektere over. Gruppen kan også "
        "selv bringe aktuelle emner om ledelse ind. Eneste krav, alle skal kunne være med!",
    ),
    (
        6,
        "Opsamling – og evt. tilbagemelding til chefgruppen",
        "I en kort form noterer I sammen de væsentligste budskaber ned fra dagens drøftelser: Hvad "
        "har vi talt om, hvorfor har vi talt om det og hvad vil vi gøre med det. Og er der evt. "
        "noget af dette som mødelederen skal tage med tilbage til chefgruppen.",
    ),
    (
        7,
        "Evaluering af dagens møde",
        "Netværkets fremdrift evalueres løbende. Er I på rette spor og holder fokus. Er der et klart "
        "udbytte af netværket. Der afsluttes med en kort evaluering hvor I vurderer: hvad har været "
        "godt i dag? hvad savnede vi i dag?",
    ),
]

ITEM_NUMBERS = tuple(number for number, _title, _text in DEFAULT_ITEMS)
# "Hvad er der sket siden sidst!": where a meeting follows up what came before it (the group's
# commitments and the chef group's answer).
FOLLOW_UP_ITEM = 2
assert FOLLOW_UP_ITEM in ITEM_NUMBERS
# Items 3 and 5 carry the round's topics from the topic bank.
TOPIC_ITEMS = tuple(TopicItem.values)
