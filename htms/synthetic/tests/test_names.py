"""The hand-written name tables: big enough, in both scripts, with the real spelling variants."""

import re

from htms.synthetic import names as N

URDU = re.compile(r"^[\u0600-\u06FF ]+$")


def test_it_has_enough_names_of_each_kind() -> None:
    assert len(N.MALE) >= 80
    assert len(N.FEMALE) >= 50
    assert len(N.FAMILY) >= 30


def test_it_writes_every_name_in_urdu_script() -> None:
    for name in (N.MUHAMMAD, *N.MALE, *N.FEMALE, *N.FAMILY, *N.FEMALE_SUFFIXES):
        assert URDU.match(name.urdu), name


def test_it_keeps_each_spelling_once() -> None:
    for table in (N.MALE, N.FEMALE, N.FAMILY, N.FEMALE_SUFFIXES):
        latin = [n.latin for n in table]
        assert len(latin) == len(set(latin))
        for name in table:
            assert len(set(name.spellings)) == len(name.spellings), name


def test_it_knows_the_spellings_officers_write() -> None:
    assert {"Mohammad", "Mohd", "Muhammed"} <= set(N.MUHAMMAD.spellings)
    by_latin = {n.latin: n for n in (*N.MALE, *N.FEMALE, *N.FAMILY)}
    assert {"Yusuf", "Yousuf"} <= set(by_latin["Yousaf"].spellings)
    assert "Ahmad" in by_latin["Ahmed"].spellings
    assert "Fatimah" in by_latin["Fatima"].spellings
    assert {"Choudhry", "Ch."} <= set(by_latin["Chaudhry"].spellings)
    assert by_latin["Chaudhry"].urdu == "چوہدری"
    assert "Jatt" in by_latin["Jutt"].spellings
