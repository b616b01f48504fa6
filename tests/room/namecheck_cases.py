"""A labelled set of Danish sentences for the confidentiality check: each with what must be found."""

from meetings.room.namecheck import Person

REGISTER = [
    Person("Hanne", "Jensen"),
    Person("Lars", "Nielsen"),
    Person("Mette", "Holm"),
    Person("Bo", "Andersen"),
    Person("Kim", "Larsen"),
    Person("Anne Marie", "Skov"),
    Person("Per", "Hansen"),
    Person("Hans", "Madsen"),
    Person("Susanne", "Strand"),
]
GROUP = REGISTER[:8]

CASES = [
    ("Hanne sagde, at budgettet er for stramt.", ["Hanne"]),
    ("Ifølge Lars mangler vi pædagoger.", ["Lars"]),
    ("Som Mette nævnte, er fraværet steget.", ["Mette"]),
    ("Vi talte om boligsociale indsatser.", []),
    ("Bo-fællesskabet på Vestergade blev nævnt som eksempel.", []),
    ("Bo fortalte om sin afdeling.", ["Bo"]),
    ("Kim og resten af gruppen var enige.", ["Kim"]),
    ("Lars Nielsen har ansvaret for projektet.", ["Lars Nielsen"]),
    ("Vi aftalte at følge op næste gang.", []),
    ("Skolelederen sagde, at det ikke kunne lade sig gøre.", ["Skolelederen sagde"]),
    ("Hun fortalte om en svær sag med en borger.", ["Hun fortalte"]),
    ("Ledergruppen mener, at vi skal prioritere.", []),
    ("Chefgruppen bør se på rekruttering.", []),
    ("Vi oplever, at borgerne har flere sager på tværs.", []),
    ("Det blev nævnt, at Mettes team har gode erfaringer.", ["Mettes"]),
    ("Hannes forslag om mødefri formiddage blev vel modtaget.", ["Hannes"]),
    ("I Nyborg har vi tradition for samarbejde.", []),
    ("Ullerslev Skole og Nyborg Gymnasium deltog i forløbet.", []),
    ("Per time bruger vi for meget på dokumentation.", []),
    ("Hans forslag blev taget op igen.", []),
    ("Anne Marie Skov sagde, at hun var enig.", ["Anne Marie Skov"]),
    ("Direktøren påpegede, at økonomien er presset.", ["Direktøren påpegede"]),
    ("Vi tager det med til chefgruppen, sagde Lars.", ["Lars"]),
    ("Vi drøftede ledelse opad og psykologisk tryghed.", []),
    ("Amy Edmondsons syv udsagn blev brugt som afsæt.", []),
    ("Gruppen foreslog at invitere en oplægsholder udefra.", []),
    ("Lederen fra jobcentret fortalte om sine erfaringer.", ["Lederen fra jobcentret fortalte"]),
    ("Som Bo nævnte, kan vi lære meget af hinanden.", ["Bo"]),
    ("Vi bor i forskellige dele af kommunen, men deler opgaven.", []),
    ("Mette Holm og Kim Larsen var ikke med i dag.", ["Mette Holm", "Kim Larsen"]),
    ("Kimen til et nyt samarbejde blev lagt.", []),
    ("Det var en god dag, mente Hanne.", ["Hanne"]),
    ("Han sagde, at det var svært at sige fra.", ["Han sagde"]),
    ("Ifølge budgettet er der ikke råd til flere stillinger.", []),
    ("Som ledere nævnte vi flere eksempler fra hverdagen.", []),
    ("Lars' team har prøvet det af med succes.", ["Lars"]),
    ("Holm og Skov er gode steder at holde møde.", []),
    ("Strand-møderne blev aflyst i sommer.", []),
    ("Susanne påpegede, at rekrutteringen halter.", ["Susanne"]),
    ("En kollega fra Børn og Unge delte en svær oplevelse.", ["En kollega fra Børn og Unge delte"]),
    ("Vi skal turde sige fra over for hinanden.", []),
    ("Per Hansen og Hans Madsen har byttet opgaver.", ["Per Hansen", "Hans Madsen"]),
]

# Written after the checker was tuned on CASES and not tuned on since: its figures are reported
# as they came out.
HELD_OUT = [
    ("Mette foreslog, at vi mødes oftere i mindre grupper.", ["Mette"]),
    ("Vi blev enige om at Hanne tager det med videre.", ["Hanne"]),
    ("Socialchefen erkendte, at sagsbehandlingstiden er for lang.", ["Socialchefen erkendte"]),
    ("Gruppen var optaget af trivsel og fravær.", []),
    ("Per uge bruger lederne to timer på møder.", []),
    ("Susanne Strand og Bo Andersen tager kontakt til HR.", ["Susanne Strand", "Bo Andersen"]),
    ("Hun synes, det var et godt møde.", ["Hun synes"]),
    ("Nyborg Kommunes ledelsesgrundlag SAMMEN om ledelse var afsættet.", []),
    ("Der blev talt om Kims erfaringer med nye medarbejdere.", ["Kims"]),
    ("Et medlem af gruppen oplevede at blive overhørt.", ["Et medlem af gruppen oplevede"]),
    ("Vi bruger Teams til at holde kontakten mellem møderne.", []),
    ("Lars og Anne Marie vil gerne fortsætte drøftelsen.", ["Lars", "Anne Marie"]),
]
