"""The feature table: one row per record, the same under pandas 2 and pandas 3."""

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.resolution.features import INPUT_COLUMNS, prepare


def _records(*rows: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{c: row.get(c, "") for c in INPUT_COLUMNS} for row in rows])


def test_it_gives_none_for_what_is_not_given() -> None:
    """Not NaN: pandas 3 stores missing text as NaN, a float the clustering rules would take
    for a CNIC."""
    table = prepare(
        _records(
            {"record_id": "1", "full_name": "Ali Raza", "cnic": "35202-1234567-1"},
            {"record_id": "2", "full_name": "Ali Raza"},
        )
    )
    assert table["cnic"].tolist() == ["3520212345671", None]
    assert table["passport"].tolist() == [None, None]
    assert table["name_strong"].tolist() == [["li", "rza"], ["li", "rza"]]


def test_it_reads_numbers_typed_in_urdu_digits() -> None:
    table = prepare(
        _records({"record_id": "1", "cnic": "۳۵۲۰۲-۱۲۳۴۵۶۷-۱"}, {"record_id": "2", "cnic": "۳۵۲۰۲"})
    )
    assert table["cnic"].tolist() == ["3520212345671", None]
    assert table["cnic5"].tolist() == ["35202", "35202"]
