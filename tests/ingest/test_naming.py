"""Name resolution rules on invented names: one line of input each."""

from __future__ import annotations

import time

import pytest

from ingest.naming import (
    Index,
    OrgName,
    fold,
    group_organisation,
    org_key,
    parse_organisation,
    person_key,
)


def test_fold_strips_case_accents_dashes_and_punctuation() -> None:
    assert fold("Météo–France  (MF)") == "meteo france mf"
    assert fold("Derechos Humanos México") == fold("DERECHOS HUMANOS MEXICO")


@pytest.mark.parametrize(
    "written",
    [
        "Prof. Jean-Pierre Dupont",
        "Dr Jean Pierre Dupont",
        "Mr. JEAN–PIERRE DUPONT",
        "Cllr Jean-Pierre Dupont",
        "Sir Jean Pierre Dupont",
        "Messrs Jean Pierre Dupont",
    ],
)
def test_person_key_drops_honorifics_and_joins_dashed_names(written: str) -> None:
    assert person_key(written) == "jean pierre dupont"


def test_org_key_drops_a_leading_article() -> None:
    assert org_key("The Lighthouse Trust") == org_key("lighthouse trust")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Harbour Watchers Without Frontiers (HWWF)",
            [OrgName("Harbour Watchers Without Frontiers", "HWWF")],
        ),
        (
            "ISWP – International Society of Water Professionals",
            [OrgName("International Society of Water Professionals", "ISWP")],
        ),
        (
            "CRDI - Centre for Rural Development Initiatives",
            [OrgName("Centre for Rural Development Initiatives", "CRDI")],
        ),
        ("Météo France [MF]", [OrgName("Météo France", "MF")]),
        ("KRA, BMX", [OrgName("KRA", "KRA"), OrgName("BMX", "BMX")]),
        (
            "Voices for Peace, Development and Human Rights",
            [OrgName("Voices for Peace, Development and Human Rights")],
        ),
        ("Met Office (Hong Kong)", [OrgName("Met Office (Hong Kong)")]),
    ],
)
def test_parse_organisation(written: str, expected: list[OrgName]) -> None:
    assert parse_organisation(written) == expected


def test_parse_organisation_splits_on_known_names_only() -> None:
    known = {"Lighthouse"}.__contains__
    assert [o.name for o in parse_organisation("YPN / Lighthouse", is_known=known)] == [
        "YPN",
        "Lighthouse",
    ]
    assert len(parse_organisation("YPN / Lighthouse")) == 1


@pytest.mark.parametrize(
    ("group", "organisation"),
    [
        ("UNEP MEMBERS", "UNEP"),
        ("Lighthouse", "Lighthouse"),
        ("Present", None),
        ("Attendees:", None),
        ("Apologies", None),
        (None, None),
        ("TSC Attendees", "TSC"),
        ("current Board members", None),
        ("Board members in attendance", None),
        ("Other attendees", None),
        ("Also in attendance", None),
    ],
)
def test_group_organisation(group: str | None, organisation: str | None) -> None:
    assert group_organisation(group) == organisation


def _orgs(*names: tuple[str, str | None]) -> Index:
    index = Index()
    for n, (name, acronym) in enumerate(names):
        index.add_organisation(f"o{n}", name, acronym)
    return index


@pytest.mark.parametrize(
    ("known", "written", "method"),
    [
        ("Pan Initiative Against Maritime Piracy", "PI-MP", "acronym"),
        ("PI-MP", "Pan Initiative against Maritime Piracy", "acronym"),
        ("Riverside Union of Tenants and Landlords", "RUTL", "acronym"),
        ("Watchers Without Walls", "WWW", "acronym"),
        ("Friends Against Long-Range Torpedoes", "Friends against LRT", "acronym"),
        ("Friends against LRT", "Friends Against Long-Range Torpedoes", "acronym"),
        ("Pan Initiative Against Maritime Piracy", "Pan Initiative", "prefix"),
        ("Lighthouse", "Lighthouse of Fishers on the Northern Coast", "prefix"),
        ("Lighthouse", "The Lighthouse", "exact"),
        ("OCHR", "OCHR Civil Society Unit", "unit"),
        ("OCHR", "Civil Society Unit of the OCHR", "unit"),
        (
            "Harbour Watchers Without Frontiers",
            "Harbor Watchers Without Frontiers",
            "fuzzy",
        ),
        ("Derechos Sociales Peru", "DERECHOS SOCIALES PERÚ", "exact"),
    ],
)
def test_organisation_rules(known: str, written: str, method: str) -> None:
    result = _orgs((known, None)).resolve_organisation(written)
    assert (result.id, result.method) == ("o0", method)


def test_a_stated_acronym_resolves_and_learning_keeps_new_forms() -> None:
    index = _orgs(("Harbour Watchers Without Frontiers", "HWWF"))
    assert index.resolve_organisation("HWWF").method == "acronym"
    index.organisations.learn("o0", OrgName("HWWF Lagos"))
    assert index.resolve_organisation("hwwf lagos").id == "o0"


def test_ambiguous_organisations_stay_unresolved() -> None:
    index = _orgs(("Centre for Water Bonds", None), ("Council of Wise Boatmen", None))
    result = index.resolve_organisation("CWB")
    assert result.id is None
    assert set(result.ambiguous_ids) == {"o0", "o1"}
    prefix = _orgs(("Lake Guardians North", None), ("Lake Guardians South", None))
    assert set(prefix.resolve_organisation("Lake Guardians").ambiguous_ids) == {
        "o0",
        "o1",
    }


@pytest.mark.parametrize(
    "written",
    ["International", "National Association", "Centre for", "The secretariat"],
)
def test_generic_words_name_no_organisation(written: str) -> None:
    index = _orgs(("International Association of Lighthouse Keepers", None))
    assert index.resolve_organisation(written).id is None


def test_a_longer_name_that_disagrees_with_the_known_one_is_another_organisation() -> (
    None
):
    index = _orgs(("Lighthouse of Fishers", None))
    index.organisations.add_alias("o0", "Lighthouse")
    assert index.resolve_organisation("Lighthouse for Peace").id is None


def test_composite_strings_resolve_part_by_part() -> None:
    index = _orgs(("Young Poets Network", "YPN"), ("Lighthouse", None))
    parts = index.resolve_organisations("YPN / Lighthouse")
    assert [r.id for _, r in parts] == ["o0", "o1"]


def _people(*names: str, orgs: dict[str, set[str]] | None = None) -> Index:
    index = Index()
    for n, name in enumerate(names):
        index.add_person(f"p{n}", name, organisation_ids=(orgs or {}).get(f"p{n}", ()))
    return index


@pytest.mark.parametrize(
    ("written", "method"),
    [
        ("Hildegard Voss", "exact"),
        ("HILDEGARD VOSS", "exact"),
        ("Dr. Hildegard Voss", "exact"),
        ("H. Voss", "initials"),
        ("Prof. H. Voss", "initials"),
        ("Prof. Voss", "surname"),
        ("Hildegard", "first_name"),
        ("Hildegrad Voss", "fuzzy"),
    ],
)
def test_person_rules(written: str, method: str) -> None:
    result = _people("Hildegard Voss", "Tomás Brandt").resolve_person(written)
    assert (result.id, result.method) == ("p0", method)


@pytest.mark.parametrize(
    ("known", "written"),
    [
        ("Tomás Brandt", "Tomas"),
        ("Jean-Luc Ombe", "Jean Luc Ombe"),
        ("Liam O’Dowd", "Liam O'Dowd"),
        ("Liam O'Dowd", "L. ODowd"),
        ("Ana María Ruiz del Campo", "A. Ruiz del Campo"),
        ("Kofi Mensah", "Kofi A. Mensah"),
        ("Kofi Mensah", "Dr Kofi Mensah PhD"),
        ("Kofi Mensah Jr", "K. Mensah"),
    ],
)
def test_accents_dashes_apostrophes_and_middle_names(known: str, written: str) -> None:
    assert _people(known).resolve_person(written).id == "p0"


def test_two_sarahs_stay_unresolved_with_both_ids() -> None:
    index = _people("Sarah Lind", "Sarah Okoro")
    result = index.resolve_person("Sarah")
    assert (result.id, set(result.ambiguous_ids)) == (None, {"p0", "p1"})
    assert index.resolve_person("Sarah", context_ids={"p1"}).id == "p1"


def test_initials_shared_by_two_people_stay_unresolved() -> None:
    index = _people("Jon Halvorsen", "Jana Halvorsen")
    assert set(index.resolve_person("J. Halvorsen").ambiguous_ids) == {"p0", "p1"}
    orgs = _people("Jon Halvorsen", "Jana Halvorsen", orgs={"p1": {"o9"}})
    assert orgs.resolve_person("J. Halvorsen", organisation_ids={"o9"}).id == "p1"


def test_a_bare_first_name_only_resolves_inside_the_context() -> None:
    index = _people("Sarah Lind")
    assert index.resolve_person("Sarah", context_ids={"p7"}).id is None
    assert index.resolve_person("Sarah", context_ids={"p0"}).id == "p0"


def test_capital_initials_resolve_only_to_people_present() -> None:
    index = _people("Heidi Perrin", "Nils Moe")
    assert index.resolve_person("HP").id is None
    assert index.resolve_person("HP", context_ids={"p0", "p1"}).id == "p0"


def test_a_one_letter_variant_at_another_organisation_is_another_person() -> None:
    index = _people("Michael Obi", orgs={"p0": {"o1"}})
    assert index.resolve_person("Michaela Obi", organisation_ids={"o2"}).id is None
    assert index.resolve_person("Micheal Obi", organisation_ids={"o1"}).id == "p0"


@pytest.mark.parametrize("written", ["Voss", "H. Vogt", "Hilde Voss", "Hans Voss"])
def test_different_people_do_not_match(written: str) -> None:
    index = _people("Hildegard Voss", "Karl Voss")
    assert index.resolve_person(written).id is None


def test_lookups_use_dicts_not_scans() -> None:
    index = Index()
    for n in range(5_000):
        index.add_organisation(n, f"Association {n} of Harbour Keepers Number {n}")
        index.add_person(n, f"Given{n} Family{n}")
    start = time.perf_counter()
    for n in range(0, 5_000, 5):
        assert index.resolve_organisation(f"Association {n} of Harbour Keepers").id == n
        assert index.resolve_person(f"G. Family{n}").id == n
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("HP, NL", ["p0", "p1"]),
        ("Heidi/Nils", ["p0", "p1"]),
        ("HP and Nils Lund", ["p0", "p1"]),
        ("Heidi & Someone Else", [None]),
        ("Lund, Nils", ["p1"]),
    ],
)
def test_resolve_people_splits_only_when_every_part_is_someone(
    written: str, expected: list[str | None]
) -> None:
    index = _people("Heidi Perrin", "Nils Lund")
    found = index.resolve_people(written, context_ids={"p0", "p1"})
    assert [r.id for r in found] == expected


def test_a_word_that_is_a_first_name_elsewhere_can_be_a_surname_here() -> None:
    index = _people("Thomas Berg", "Pat Thomas")
    assert index.resolve_person("Thomas", context_ids={"p1"}).id == "p1"
    assert index.resolve_person("Thomas", context_ids={"p0"}).id == "p0"


@pytest.mark.parametrize(
    ("known", "written"),
    [
        ("International Association of Judges", "International Association of Jurists"),
        ("Harbour Watchers of the North", "Harbour Watchers of the South"),
    ],
)
def test_a_different_word_is_not_a_typo(known: str, written: str) -> None:
    assert _orgs((known, None)).resolve_organisation(written).id is None


@pytest.mark.parametrize(
    ("known", "written", "found"),
    [
        ("Maria Garcia", "Mario Garcia", None),
        ("Daniel Peters", "Daniela Peters", None),
        ("Jon Smith", "John Smith", "p0"),
        ("Michael Obi", "Micheal Obi", "p0"),
        ("Michael Obi", "Micheal Obu", None),
    ],
)
def test_a_given_name_s_ending_makes_another_person(
    known: str, written: str, found: str | None
) -> None:
    assert _people(known).resolve_person(written).id == found


def test_british_and_american_spellings_are_one_name() -> None:
    index = _orgs(("Centre for Coastal Organisation", None))
    assert index.resolve_organisation("Center for Coastal Organization").id == "o0"


def test_a_shared_acronym_with_another_name_is_reported_not_merged() -> None:
    index = _orgs(("Criminologists Without Borders", "CWB"))
    result = index.resolve_organisation("Centre for Water Bonds (CWB)")
    assert (result.id, result.ambiguous_ids) == (None, ("o0",))
    assert index.resolve_organisation("Criminologists without Borders (CWB)").id == "o0"
    only_acronym = _orgs(("CWB", "CWB"))
    assert only_acronym.resolve_organisation("Centre for Water Bonds (CWB)").id == "o0"


def test_forms_that_agree_settle_an_ambiguous_name() -> None:
    index = _orgs(("Lake Guardians North", "LGN"), ("Lake Guardians South", "LGS"))
    assert index.resolve_organisation("Lake Guardians (LGS)").id == "o1"


def test_fold_short_cut_for_ascii_is_the_same_rule() -> None:
    import random
    import string

    from ingest.naming_text import fold_slowly

    rng = random.Random(5)
    texts = [
        "".join(rng.choices(string.printable, k=rng.randrange(0, 40)))
        for _ in range(2000)
    ]
    texts += ["O'Connell", "GI-TOC", "  Jean--Pierre  DUPONT ", "Ä", "\x00a\tb"]
    for text in texts:
        assert fold(text) == fold_slowly(text), text
