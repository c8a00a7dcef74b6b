"""Pairs a high probability must not link alone: siblings sharing a household, a CNIC one digit
apart; and records without any number that still link on name, father, birth and place.

Each case is a pair of records; the untrained reference parameters score them (fewer than
1,000 records), as ``htms resolve`` does for a small file."""

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.resolution import guards
from htms.resolution.features import INPUT_COLUMNS
from htms.resolution.pipeline import LINK, REVIEW, Resolution, resolve

IMRAN = {
    "full_name": "Imran Butt",
    "father_name": "Haji Ghulam Rasool Butt",
    "dob": "1984-03-12",
    "sex": "M",
    "cnic": "35202-1234567-1",
    "passport": "",
    "phone": "0300-1234567",
    "nationality": "PK",
    "district": "PB-LAHORE",
}


def _resolve(*records: dict[str, str]) -> Resolution:
    rows = [{"record_id": str(i), **record} for i, record in enumerate(records)]
    return resolve(pd.DataFrame(rows, columns=list(INPUT_COLUMNS)))


def _decision(result: Resolution) -> str:
    assert len(result.pairs) == 1, result.pairs
    return str(result.pairs["decision"].iloc[0])


def _rule(result: Resolution) -> str:
    return guards.RULES[int(result.pairs["review_rule"].iloc[0])]


def test_it_never_links_a_brother_on_a_shared_household_phone() -> None:
    """Same father (once with a title), family name, district and phone; a given name alike
    in spelling only (Imran, Irfan), born a year later, no CNIC recorded for him."""
    elder = {**IMRAN, "full_name": "Muhammad Imran Butt"}
    brother = {
        **IMRAN,
        "full_name": "Muhammad Irfan Butt",
        "father_name": "Ghulam Rasool Butt",
        "dob": "1985-06-01",
        "cnic": "",
    }
    result = _resolve(elder, brother)
    assert result.pairs["probability"].iloc[0] > 0.99  # the household outweighs the names
    assert _decision(result) == REVIEW
    assert _rule(result) == guards.FAMILY
    assert result.labels.tolist() == [0, 1]


def test_it_never_links_a_namesake_born_years_apart() -> None:
    """Same name and father's name in one joint family (one phone), no CNIC, born six years
    apart: a cousin named after the same grandfather."""
    cousin = {**IMRAN, "dob": "1990", "cnic": ""}
    result = _resolve({**IMRAN, "cnic": ""}, cousin)
    assert result.pairs["probability"].iloc[0] > 0.99
    assert _decision(result) == REVIEW
    assert _rule(result) == guards.APART
    assert result.labels.tolist() == [0, 1]


def test_it_sends_a_cnic_one_digit_apart_to_review() -> None:
    """Everything else equal: a typo or another person, a supervisor decides; not split
    silently, not linked alone."""
    result = _resolve(IMRAN, {**IMRAN, "cnic": "35202-1234568-1"})
    assert _decision(result) == REVIEW
    assert _rule(result) == guards.ONE_DIGIT
    assert result.labels.tolist() == [0, 1]


def test_it_links_records_without_any_number_on_name_father_birth_and_place() -> None:
    bare = {**IMRAN, "cnic": "", "phone": "", "passport": ""}
    again = {**bare, "full_name": "Imraan Butt", "father_name": "غلام رسول بٹ"}
    result = _resolve(bare, again)
    assert _decision(result) == LINK
    assert result.pairs["review_rule"].iloc[0] == 0
    assert result.labels.tolist() == [0, 0]


def test_it_links_the_same_cnic_whatever_the_household() -> None:
    """A CNIC in common is not household evidence: the birth year keyed ten years off still
    links (the brother rule waits only when no document agrees)."""
    result = _resolve(IMRAN, {**IMRAN, "dob": "1994-03-12"})
    assert _decision(result) == LINK


def test_it_sends_a_link_the_clustering_refuses_to_review() -> None:
    """The record without a CNIC is linked to both, but two CNICs far apart never share a
    cluster: the link left out waits for a person instead of vanishing."""
    result = _resolve(IMRAN, {**IMRAN, "cnic": ""}, {**IMRAN, "cnic": "35202-9999999-1"})
    labels, pairs = result.labels, result.pairs
    assert labels[0] != labels[2]
    links = pairs[pairs["decision"] == LINK]
    assert (labels[links["left"]] == labels[links["right"]]).all()
    assert (pairs["decision"] == REVIEW).sum() >= 2
    assert guards.RULES.index(guards.REFUSED) in pairs["review_rule"].tolist()


def test_it_links_a_given_name_replaced_on_the_same_passport() -> None:
    """One person's passport, the family name kept, the given name keyed as another (Imran
    Aslam, Zubair Aslam), no father's name and only the birth year on the second record."""
    first = {**IMRAN, "full_name": "Imran Aslam", "cnic": "", "passport": "AB1234567"}
    again = {**first, "full_name": "Zubair Aslam", "father_name": "", "dob": "1984", "phone": ""}
    result = _resolve(first, again)
    assert _decision(result) == LINK
    assert result.labels.tolist() == [0, 0]


def test_it_never_links_a_parents_cnic_on_a_childs_record() -> None:
    """The same CNIC and one name part in common, but the child's father is the parent
    himself: another person, whom the same number does not make the same."""
    parent = {**IMRAN, "full_name": "Imran Aslam", "father_name": "Muhammad Yousaf"}
    child = {**parent, "full_name": "Zubair Aslam", "father_name": "Imran Aslam", "dob": "2010"}
    result = _resolve(parent, child)
    assert _decision(result) == REVIEW
    assert _rule(result) == guards.UNLIKE
    assert result.labels.tolist() == [0, 1]
