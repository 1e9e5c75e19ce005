"""Invented Dutch text material for the demo articles: themes, phrases and sentences.

Written with variation on purpose (inflections, compounds, synonyms, abbreviations)
so that search has real work to do. Each title phrase carries a subtopic key, which
the relevance judgements in bench/data/search_judgements.json refer to.
"""

# slug: (name, [(subtopic, title phrase)], [sentences], [FAQ questions])
THEMES: dict[str, tuple[str, list[tuple[str, str]], list[str], list[str]]] = {
    "voorlezen": (
        "Voorlezen",
        [
            ("voorleesuurtje", "voorleesuurtjes voor peuters en kleuters"),
            ("voorleesuurtje", "een wekelijks voorleesuurtje op woensdagnamiddag"),
            ("voorlezers", "vrijwillige voorlezers opleiden"),
            ("voorlezen-thuis", "voorlezen aan huis bij gezinnen"),
            ("voorleesweek", "de Voorleesweek in de bib"),
        ],
        [
            "Kinderen die vaak worden voorgelezen, bouwen spelenderwijs een grotere woordenschat op.",
            "De voorleesmomenten vinden plaats in de jeugdafdeling, tussen de prentenboeken.",
            "Voorlezers krijgen een korte vorming over stemgebruik en het kiezen van verhalen.",
            "Ouders lezen thuis vaker voor wanneer ze zelf een voorleesuurtje hebben bijgewoond.",
            "Het voorleesproject loopt samen met de kinderopvang en het consultatiebureau.",
            "We lazen verhalen in verschillende talen voor, zodat elk kind zich herkent.",
            "Na elk voorleesuurtje mogen de kinderen een boek meenemen naar huis.",
        ],
        ["kan ik vrijwilligers inzetten als voorlezer", "organiseer je een voorleesuurtje voor peuters"],
    ),
    "leesbevordering": (
        "Leesbevordering",
        [
            ("leesplezier", "leesplezier bij tieners aanwakkeren"),
            ("leesbevorderingsproject", "een leesbevorderingsproject met basisscholen"),
            ("leesclub", "leesclubs voor jongeren en volwassenen"),
            ("leesmotivatie", "leesmotivatie van jongens verhogen"),
            ("boekenpakket", "boekenpakketten voor de klas"),
        ],
        [
            "Leesbevordering werkt het best wanneer school, bibliotheek en gezin samen optrekken.",
            "De leescoaches begeleiden leerlingen die weinig graag lezen.",
            "Jongeren kiezen zelf hun boeken uit een ruime collectie strips, graphic novels en young adult.",
            "De leesmeter toont dat de leerlingen na een jaar meer en langer lazen.",
            "De leesclub komt maandelijks samen om besproken boeken te vergelijken.",
            "Leesplezier staat voorop: er zijn geen verplichte boekverslagen.",
            "Het leesbevorderingsbeleid van de gemeente legt doelen voor vijf jaar vast.",
        ],
        ["motiveer je jongeren om meer te lezen", "meet je het effect van leesbevordering"],
    ),
    "e-boeken": (
        "E-boeken en digitale collectie",
        [
            ("e-boek-uitlenen", "e-boeken uitlenen via het bibliotheekplatform"),
            ("e-reader", "e-readers in de collectie"),
            ("luisterboek", "luisterboeken en digitale tijdschriften"),
            ("e-boek-licentie", "licenties voor e-boeken onderhandelen"),
        ],
        [
            "Leden lenen e-boeken met hun lidkaart en lezen ze op een tablet of e-reader.",
            "Het aantal digitale uitleningen steeg sterk sinds de lockdowns.",
            "De uitleentermijn voor een e-book bedraagt drie weken, net als voor een papieren boek.",
            "Licenties voor digitale boeken zijn vaak beperkt in tijd of in aantal uitleningen.",
            "Medewerkers helpen leden op weg bij het downloaden van hun eerste e-boek.",
            "Luisterboeken blijken populair bij pendelaars en bij mensen met een leesbeperking.",
        ],
        ["kunnen leden ebooks lenen", "werkt het uitlenen van e-boeken"],
    ),
    "nt2": (
        "Nederlands als tweede taal",
        [
            ("nt2-collectie", "een NT2-collectie uitbouwen"),
            ("taalcafe", "taalcafés voor anderstaligen"),
            ("oefenkansen", "oefenkansen Nederlands in de bibliotheek"),
            ("makkelijk-lezen", "makkelijk-lezen-boeken voor nieuwkomers"),
        ],
        [
            "Anderstaligen oefenen hun Nederlands tijdens het wekelijkse taalcafé.",
            "De collectie Nederlands als tweede taal bevat leerboeken, woordenboeken en makkelijke romans.",
            "Cursisten van het centrum voor basiseducatie bezoeken de bib met hun klas.",
            "Taalvrijwilligers praten met nieuwkomers over alledaagse onderwerpen.",
            "Boeken in eenvoudige taal helpen volwassenen die Nederlands leren om te blijven lezen.",
            "Het agentschap Integratie en Inburgering verwijst cursisten door naar de taalcafés.",
        ],
        ["help ik anderstaligen Nederlands te oefenen", "vind ik boeken voor NT2-cursisten"],
    ),
    "digitale-inclusie": (
        "Digitale inclusie",
        [
            ("digitaal-helpdesk", "een digitale helpdesk voor burgers"),
            ("digitale-vaardigheden", "digitale vaardigheden van senioren versterken"),
            ("e-loket", "hulp bij e-loketten en online formulieren"),
            ("digibank", "digibanken en computerlessen"),
        ],
        [
            "Digibeten krijgen persoonlijke hulp bij het gebruik van hun smartphone of computer.",
            "Steeds meer overheidsdiensten verlopen digitaal, wat een digitale kloof veroorzaakt.",
            "De bibliotheek biedt vrije computers, wifi en een printer aan.",
            "Vrijwilligers begeleiden bezoekers bij itsme, e-mail en online bankieren.",
            "Senioren volgen in kleine groepen een reeks computerlessen.",
            "Het digitaal hulppunt werkt samen met het OCMW en het sociaal huis.",
        ],
        ["help ik bezoekers met hun smartphone", "organiseer je computerlessen voor ouderen"],
    ),
    "makerspace": (
        "Makerspaces",
        [
            ("makerspace", "een makerspace in de bibliotheek"),
            ("fablab", "3D-printers en een fablab"),
            ("stem", "STEM-workshops voor kinderen"),
            ("repair-cafe", "repaircafés en herstelworkshops"),
        ],
        [
            "In de makerspace experimenteren jongeren met 3D-printers, lasersnijders en naaimachines.",
            "Tijdens de STEM-workshops programmeren kinderen kleine robots.",
            "Het repaircafé herstelt maandelijks toestellen, kleding en fietsen.",
            "De maakplaats is vrij toegankelijk tijdens de openingsuren.",
            "Vrijwillige makers delen hun kennis over elektronica en houtbewerking.",
        ],
        ["start je een makerspace", "kies je materiaal voor een fablab"],
    ),
    "schoolbibliotheek": (
        "Schoolbibliotheek",
        [
            ("schoolbib", "de schoolbibliotheek vernieuwen"),
            ("klasbezoek", "klasbezoeken aan de openbare bibliotheek"),
            ("school-samenwerking", "samenwerking tussen school en bib"),
            ("mediawijsheid", "mediawijsheid in de klas"),
        ],
        [
            "Elke klas bezoekt minstens twee keer per schooljaar de openbare bibliotheek.",
            "De schoolbib wordt beheerd door leerkrachten en een bibliothecaris van de gemeente.",
            "Leerlingen leren er informatie zoeken en bronnen beoordelen.",
            "De samenwerkingsovereenkomst met de scholen beschrijft taken en budget.",
            "Schoolbibliotheken krijgen wisselcollecties uit de openbare bibliotheek.",
        ],
        ["werk je samen met scholen", "richt je een schoolbibliotheek in"],
    ),
    "openingsuren": (
        "Openingsuren",
        [
            ("meer-uren-open", "meer uren open met zelfbediening"),
            ("openingsuren-afstemmen", "openingsuren afstemmen op gebruikers"),
            ("zondag-open", "op zondag open"),
            ("onbemand", "onbemande openingsuren met toegangscontrole"),
        ],
        [
            "Met een toegangssysteem is de bibliotheek ook open buiten de bemande uren.",
            "Bezoekers lenen en brengen boeken terug aan de zelfbedieningsautomaat.",
            "Uit de bevraging bleek dat werkende gezinnen vooral 's avonds en op zaterdag komen.",
            "De ruimere openingstijden leidden tot meer bezoekers en studenten.",
            "Camerabewaking en een duidelijk huisreglement maken onbemande uren veilig.",
            "De bib opent voortaan ook op zondagnamiddag.",
        ],
        ["kan de bib langer open zonder extra personeel", "bepaal je de beste openingstijden"],
    ),
    "vrijwilligers": (
        "Vrijwilligers",
        [
            ("vrijwilligersbeleid", "een vrijwilligersbeleid uitwerken"),
            ("vrijwilligers-werven", "vrijwilligers werven en behouden"),
            ("vrijwilligersverzekering", "verzekering en vergoeding van vrijwilligers"),
        ],
        [
            "Vrijwilligers helpen bij het voorlezen, het boeken aan huis brengen en het taalcafé.",
            "Een vrijwilligerscoördinator is het vaste aanspreekpunt.",
            "De gemeente verzekert alle vrijwilligers voor burgerlijke aansprakelijkheid.",
            "Vrijwilligerswerk mag het werk van betaalde medewerkers niet vervangen.",
            "Een jaarlijkse bedankingsavond houdt de vrijwilligers betrokken.",
        ],
        ["vind ik vrijwilligers voor de bib", "zit het met de verzekering van vrijwilligers"],
    ),
    "collectiebeleid": (
        "Collectiebeleid",
        [
            ("collectieplan", "een collectieplan opstellen"),
            ("wieden", "wieden en afvoeren van verouderde boeken"),
            ("collectie-analyse", "collectieanalyse met uitleencijfers"),
            ("diverse-collectie", "een diverse en inclusieve collectie"),
        ],
        [
            "Het collectieplan legt vast welke genres en doelgroepen prioriteit krijgen.",
            "Boeken die vijf jaar niet werden uitgeleend, komen in aanmerking om te wieden.",
            "Uitleencijfers per afdeling tonen waar de collectie te groot of te klein is.",
            "Aankopers letten op diversiteit in auteurs, personages en talen.",
            "Afgevoerde boeken worden verkocht op de boekenverkoop of geschonken.",
        ],
        ["beslis je welke boeken weg mogen", "maak je een collectieplan"],
    ),
    "bibliotheekgebouw": (
        "Bibliotheekgebouw",
        [
            ("nieuwbouw", "nieuwbouw van een bibliotheek"),
            ("derde-plek", "de bibliotheek als derde plek"),
            ("inrichting", "inrichting en meubilair van de leeszaal"),
            ("toegankelijk-gebouw", "een toegankelijk bibliotheekgebouw"),
        ],
        [
            "Het nieuwe bibliotheekgebouw combineert een leeszaal, studieplekken en een cafetaria.",
            "Architecten werkten samen met gebruikers aan het ontwerp.",
            "Verplaatsbare boekenkasten maken ruimte vrij voor activiteiten.",
            "Het gebouw is volledig toegankelijk voor rolstoelgebruikers.",
            "Als derde plek is de bib een ontmoetingsruimte tussen thuis en werk.",
        ],
        ["pak je een verbouwing van de bibliotheek aan", "richt je de bib in als ontmoetingsplek"],
    ),
    "samenwerking": (
        "Samenwerking en bovenlokaal",
        [
            ("intergemeentelijk", "intergemeentelijke samenwerking tussen bibliotheken"),
            ("cooperatie", "een coöperatie van bibliotheken"),
            ("gedeelde-catalogus", "een gedeelde catalogus en reservaties"),
            ("regionale-werking", "regionale werking binnen de referentieregio"),
        ],
        [
            "Acht gemeenten bundelen hun bibliotheken in een samenwerkingsverband.",
            "Een coöperatieve vennootschap beheert de gezamenlijke aankoop van materialen.",
            "Leden lenen en reserveren in alle bibliotheken van de regio met één lidkaart.",
            "De samenwerkende bibliotheken delen een coördinator en een communicatiebudget.",
            "Bovenlokale samenwerking volgt de grenzen van de referentieregio's.",
            "Een intergemeentelijke overeenkomst regelt de verdeling van de kosten.",
        ],
        ["werk je samen met buurgemeenten", "richt je een cooperatie van bibliotheken op"],
    ),
    "armoede": (
        "Armoede en toegankelijkheid",
        [
            ("gratis-lidmaatschap", "gratis lidmaatschap en geen boetes"),
            ("uitpas", "de UiTPAS met kansentarief"),
            ("kwetsbare-gezinnen", "kwetsbare gezinnen bereiken"),
        ],
        [
            "De bibliotheek schafte de boetes voor te laat ingeleverde boeken af.",
            "Met de UiTPAS aan kansentarief betalen mensen in armoede minder.",
            "Samenwerking met het OCMW en de voedselbank helpt kwetsbare gezinnen bereiken.",
            "Drempels verlagen begint bij een vriendelijk onthaal zonder formulieren.",
            "Gezinnen in armoede ontvangen een boekenpakket bij de geboorte van een kind.",
        ],
        ["bereik je mensen in armoede", "schaf je boetes af in de bibliotheek"],
    ),
    "participatie": (
        "Participatie",
        [
            ("gebruikersraad", "een gebruikersraad oprichten"),
            ("burgerparticipatie", "burgerparticipatie bij de nieuwe bib"),
            ("cocreatie", "cocreatie met jongeren"),
        ],
        [
            "Gebruikers denken mee over de programmering in de gebruikersraad.",
            "Buurtbewoners kozen mee het meubilair en de openingsuren.",
            "Jongeren organiseerden zelf een reeks activiteiten in cocreatie met de bibliotheek.",
            "De participatietrajecten werden geëvalueerd met een korte bevraging.",
            "Inspraak vergroot het draagvlak voor veranderingen.",
        ],
        ["betrek je gebruikers bij beslissingen", "start je een participatietraject"],
    ),
    "duurzaamheid": (
        "Duurzaamheid",
        [
            ("groene-bib", "een groene bibliotheek"),
            ("bibliotheek-der-dingen", "een bibliotheek der dingen"),
            ("energie", "energie besparen in het bibliotheekgebouw"),
            ("zadenbib", "een zadenbibliotheek"),
        ],
        [
            "In de bibliotheek der dingen lenen bewoners gereedschap, spelletjes en keukentoestellen.",
            "Zonnepanelen en ledverlichting verlaagden het energieverbruik met een derde.",
            "De zadenbib laat tuiniers zaden ruilen en lenen.",
            "Duurzame aankopen en hergebruik van materialen staan in het actieplan.",
            "Lenen in plaats van kopen is de kern van een circulaire economie.",
        ],
        ["maak je de bibliotheek duurzamer", "start je een uitleendienst voor gereedschap"],
    ),
    "personeel": (
        "Personeel en competenties",
        [
            ("competenties", "competenties van bibliotheekmedewerkers"),
            ("vorming", "vorming en bijscholing voor bibliothecarissen"),
            ("teamwerking", "teamwerking en leiderschap"),
        ],
        [
            "Bibliotheekmedewerkers volgen jaarlijks minstens twee vormingen.",
            "Het competentieprofiel beschrijft kennis, vaardigheden en attitudes.",
            "Leidinggevenden voeren functioneringsgesprekken met elke medewerker.",
            "Nieuwe collega's krijgen een peter of meter tijdens hun inwerkperiode.",
        ],
        ["houd je medewerkers bij met nieuwe vaardigheden", "plan je vorming voor het team"],
    ),
}

FILLER = [
    "De cel bovenlokaal bibliotheekbeleid volgt de resultaten op en deelt ze met andere bibliotheken.",
    "Het initiatief sluit aan bij het lokale cultuurbeleidsplan.",
    "De evaluatie na één jaar was positief, al vroeg de opvolging meer tijd dan gepland.",
    "Het budget kwam deels uit eigen middelen en deels uit een projectsubsidie.",
    "Andere gemeenten kunnen de aanpak overnemen mits kleine aanpassingen.",
    "De communicatie verliep via de website, sociale media en affiches.",
    "Een werkgroep met medewerkers en partners stuurde het project bij.",
    "De resultaten werden voorgesteld op het regionaal overleg.",
]

KIND_TITLES = {
    "good_practice": [
        "{place}: {phrase}",
        "Goede praktijk uit {place}: {phrase}",
        "Zo pakte {place} het aan: {phrase}",
    ],
    "trend_note": ["Trendnota: {phrase}", "Trends in {theme_lower}: {phrase}"],
    "organisation_model": ["Organisatiemodel voor {phrase}", "Zo organiseer je {phrase}"],
    "faq": ["Hoe {question}?"],
    "publication": ["Handleiding: {phrase}", "Publicatie over {phrase}"],
}

PLACES = [
    "Aalst", "Beveren", "Bree", "Diest", "Eeklo", "Genk", "Geel", "Ieper", "Lier", "Lommel", "Maaseik",
    "Mol", "Ninove", "Oudenaarde", "Poperinge", "Roeselare", "Tielt", "Tienen", "Torhout", "Turnhout",
    "Veurne", "Waregem", "Zottegem", "Herentals", "Halle", "Maldegem",
]  # fmt: skip

DEFAULT_SYNONYMS = [
    ("bib, bibliotheek, openbare bibliotheek", "Afkorting"),
    ("NT2, Nederlands als tweede taal", "Afkorting"),
    ("ebook, e-boek, e-book, digitaal boek", "Schrijfwijzen"),
    ("luisterboek, audioboek", "Synoniem"),
    ("openingsuren, openingstijden", "Synoniem"),
    ("coöperatie, samenwerkingsverband", "Verwante begrippen"),
    ("OCMW, sociaal huis", "Afkorting"),
    ("digibeet, digitaal kwetsbaar", "Synoniem"),
    ("fablab, makerspace, maakplaats", "Synoniem"),
    ("anderstalige, nieuwkomer", "Verwante begrippen"),
    ("senior, oudere", "Synoniem"),
    ("gereedschap, bibliotheek der dingen", "Verwante begrippen"),
    ("wieden, afvoeren, boeken weg, weggooien, collectie opschonen, afschrijven", "Vakterm en gewone taal"),
    ("armoede, weinig geld, kansarmoede, financieel kwetsbaar", "Gewone taal"),
    ("participatie, inspraak, betrekken, meedenken, meebeslissen", "Verwante begrippen"),
    ("langer open, meer uren open, ruimere openingsuren", "Gewone taal"),
    ("leesbevordering, leespromotie", "Synoniem"),
    ("leesclub, leeskring, boekenclub", "Synoniem"),
    ("nieuwbouw, nieuw gebouw, verbouwing", "Verwante begrippen"),
    ("mediawijsheid, mediageletterdheid", "Synoniem"),
    ("repaircafé, herstelcafé", "Synoniem"),
    ("derde plek, ontmoetingsplek", "Verwante begrippen"),
    ("kansentarief, sociaal tarief", "Synoniem"),
    ("computerles, computercursus", "Synoniem"),
    ("vorming, bijscholing, opleiding", "Verwante begrippen"),
]
