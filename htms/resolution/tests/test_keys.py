"""The adapter's fast paths give exactly what ``htms.identity.normalize`` gives."""

import pytest

from htms.identity import normalize
from htms.resolution import keys
from htms.resolution.noise import noisy_register


@pytest.fixture(scope="module")
def register() -> dict[str, list[str]]:
    frame = noisy_register(records=4000, seed=21)
    names = sorted(set(frame["full_name"]) | set(frame["father_name"]))
    names += ["Mr Khan", "Ali s/o Akram", "Sajida Bi Bi", "عبد الرحمن", "Ch. Aslam", "M Ali"]
    return {
        "names": names,
        "phones": sorted(set(frame["phone"])),
        "cnics": sorted(set(frame["cnic"])),
    }


def test_it_reads_names_word_by_word_as_normalize_reads_them_whole(
    register: dict[str, list[str]],
) -> None:
    differ = [n for n in register["names"] if keys._tokens(n) != tuple(normalize.name_tokens(n))]
    assert differ == []


def test_it_reads_phones_and_cnics_as_normalize_does(register: dict[str, list[str]]) -> None:
    assert [
        p for p in register["phones"] if keys.phone_key(p) != (normalize.phone_key(p) or "")
    ] == []
    assert [
        c for c in register["cnics"] if keys.cnic_digits(c) != (normalize.cnic_digits(c) or "")
    ] == []


def test_it_keeps_the_known_digits_of_a_partial_cnic() -> None:
    assert keys.cnic_prefix("35202") == "35202"
    assert keys.cnic_prefix("35202-1234567-1") == ""
    assert keys.cnic_prefix("352") == ""


def test_it_reads_a_cnic_typed_in_urdu_digits() -> None:
    assert keys.cnic_digits("۳۵۲۰۲-۱۲۳۴۵۶۷-۱") == "3520212345671"
    assert keys.cnic_prefix("۳۵۲۰۲") == "35202"
