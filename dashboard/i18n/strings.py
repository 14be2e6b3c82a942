"""User-facing strings. Czech is what the app shows; English stands beside it for translators."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Síť sociálních služeb Libereckého kraje", "Social-services network of Liberecký kraj"),
    "app.brand": ("socmap", "socmap"),
    "nav.label": ("Hlavní navigace", "Main navigation"),
    "nav.menu": ("Menu", "Menu"),
    "footer.accessibility": ("Prohlášení o přístupnosti", "Accessibility statement"),
    "footer.data": ("Data: registr poskytovatelů sociálních služeb (MPSV), ČSÚ, ČÚZK; zdroj každého údaje je u něj.",
                    "Data: registry of social-service providers (MPSV), ČSÚ, ČÚZK; each figure names its source."),
    "page.overview": ("Přehled", "Overview"),
    "page.directory": ("Adresář", "Directory"),
    "page.service": ("Služba", "Service"),
    "page.occupancy": ("Obsazenost", "Occupancy"),
    "page.funnels": ("Žádosti", "Applications"),
    "page.plan": ("Plán", "Plan"),
    "directory.lead": (
        "Všechny služby z registru a nástroje obcí mimo registr (sociální a krizové byty). Filtry se ukládají do "
        "adresy stránky: odkaz otevře stejný výběr. Kapacita je registrované maximum, ne volná místa.",
        "All registry services and municipal instruments. Filters live in the address; capacity is the "
        "registered maximum, not free places.",
    ),
    "page.not_found": ("Stránka nenalezena", "Page not found"),
    "overview.lead": (
        "Obce, ORP a počty obyvatel Libereckého kraje, sociální byty a známé údaje o službách. "
        "Každé číslo má svůj zdroj; co nikdo nespočítal, je uvedeno jako „nezjištěno“.",
        "Municipalities, ORPs and population of the kraj, social flats and known facts about services. "
        "Every figure has its source; what nobody counted is shown as unknown.",
    ),
    "kpi.population": ("Obyvatel", "Inhabitants"),
    "kpi.municipalities": ("Obcí", "Municipalities"),
    "kpi.orp": ("ORP", "ORPs"),
    "kpi.social_flats": ("Sociálních bytů v provozu", "Social flats in use"),
    "kpi.sources": ("Zdrojů", "Sources"),
    "map.title": ("Obyvatelé podle území", "Population by area"),
    "map.level": ("Zobrazit území", "Show areas"),
    "map.level.orp": ("ORP", "ORP"),
    "map.level.obec": ("obce", "municipalities"),
    "map.colour": ("Počet obyvatel", "Population"),
    "map.credits": (
        "Hranice: ČÚZK/RÚIAN (obce zjednodušeně, ORP po roce 2021); obyvatelé: ČSÚ k 1. 1. 2021; "
        "středy obcí: ArcČR 500. Mapa bez podkladové dlaždicové vrstvy.",
        "Boundaries: ČÚZK/RÚIAN; population: ČSÚ 1 Jan 2021; centres: ArcČR 500. No tile layer.",
    ),
    "table.values": ("Tabulka hodnot", "Table of values"),
    "funnel.title": ("Sociální byty Žitavská: od žádostí k bytům", "Žitavská social flats: from applications to flats"),
    "funnel.unknown": ("nezjištěno", "not counted"),
    "funnel.stage": ("Fáze", "Stage"),
    "funnel.count": ("Počet", "Count"),
    "funnel.unit": ("Jednotka", "Unit"),
    "funnel.conversion": ("Podíl z předchozí spočítané fáze", "Share of the previous counted stage"),
    "funnel.note": ("Poznámka a důvody odpadnutí", "Note and drop-off reasons"),
    "housing.title": ("Sociální a krizové bydlení obcí", "Municipal social and crisis housing"),
    "facts.title": ("Kapacity služeb podle veřejných zdrojů", "Capacities of services in public sources"),
    "facts.note": (
        "Údaje ze zpráv a webů poskytovatelů, nikoli registrovaná kapacita. Rozporné údaje jsou uvedeny "
        "všechny, každý se svým zdrojem a datem.",
        "Figures from news and providers' pages, not registered capacity. Conflicting figures are all "
        "shown, each with its source and date.",
    ),
    "source.prefix": ("Zdroj", "Source"),
    "not_found.text": ("Adresa neexistuje. Pokračujte na přehled.", "This address does not exist."),
    "invalid.title": ("Neplatný odkaz", "Invalid link"),
    "invalid.text": (
        "Odkaz je poškozený nebo vede na údaje, které v načtených datech nejsou. Začněte znovu z adresáře "
        "nebo z přehledu.",
        "The link is damaged or points to data that is not loaded. Start again from the directory or the overview.",
    ),
    "illustrative.banner": (
        "Pozor: část dat je ilustrativní.",
        "Note: some of the data is illustrative.",
    ),
    "illustrative.registry": (
        "Načtený registr je výtah sestavený z veřejných zdrojů: u {n} z {total} služeb je některý údaj "
        "(identifikátor nebo kapacita) vymyšlený. Skutečný registr MPSV načte příkaz „socmap fetch registry“.",
        "The loaded registry is an extract compiled from public sources: {n} of {total} services have a made-up "
        "field (identifier or capacity). `socmap fetch registry` loads the real MPSV registry.",
    ),
    "places.title": ("Místa poskytování služeb", "Places of provision"),
    "places.note": (
        "Místa s přesnou adresou jsou body; místa známá jen podle obce jsou sloučena do bledšího kruhu ve "
        "středu obce. Služby podle druhu a počet míst podle přesnosti polohy ukazují tabulky.",
        "Exact addresses are points; places known only by municipality are merged into a paler circle at "
        "its centre.",
    ),
    "places.credits": (
        "Registr poskytovatelů sociálních služeb (MPSV); polohy: adresy z geokódování (© OpenStreetMap "
        "contributors), kde jsou, jinak střed obce (ArcČR 500); hranice ORP ČÚZK/RÚIAN.",
        "Registry extract; points © OpenStreetMap contributors or municipality centres; boundaries ČÚZK.",
    ),
    "kpi.registry": ("Služeb v registru", "Services in the registry"),
    "kpi.registry.note": ("z toho ilustrativních: {n}", "of which illustrative: {n}"),
}


def t(key: str, lang: str = "cs") -> str:
    cs, en = STRINGS[key]
    return en if lang == "en" else cs
