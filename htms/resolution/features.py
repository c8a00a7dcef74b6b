"""From raw person records to the columns the model compares and blocks on.

Input: a DataFrame with the columns of :data:`INPUT_COLUMNS` (any may be empty; ``full_name_ur``
and ``father_name_ur`` may add the Urdu form when the Latin one is there too). Output: one row
per record, ``unique_id`` its position, with canonical names, skeletons, date parts and
identifier keys. Each distinct value is normalised once, so a register full of repeated names
costs little.
"""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.identity import normalize
from htms.resolution import keys

INPUT_COLUMNS = (
    "record_id",
    "full_name",
    "father_name",
    "dob",
    "sex",
    "cnic",
    "passport",
    "phone",
    "nationality",
    "district",
)
# Columns of the feature table that hold lists (of skeletons, of address words).
LIST_COLUMNS = ("name_strong", "father_strong", "address_words")
# Read when present: the Urdu forms next to Latin names (the register has both), an address.
OPTIONAL_COLUMNS = ("full_name_ur", "father_name_ur", "address")
ADDRESS_WORD = re.compile(r"[0-9a-z\u0600-\u06ff]+")
# Words that every address has and that tell nothing apart.
ADDRESS_FILLER = frozenset(
    {"house", "h", "no", "street", "st", "road", "rd", "mohalla", "district", "tehsil", "village"}
)
SEXES = {"m": "M", "male": "M", "f": "F", "female": "F", "x": "X", "t": "X", "other": "X"}
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
EARLIEST_YEAR = 1900

DateParts = tuple[int | None, int | None, int | None]


def birth_parts(text: str) -> DateParts:
    """Year, month and day of a date of birth as written, the parts not given None. Reads what
    ``normalize.parse_partial_date`` reads (1984, 1984-03, 03/1984, 1984-03-12, 12/03/1984)
    and the compact 19840312; a date that cannot be read, or lies before 1900 or in the
    future, counts as not given."""
    text = (text or "").strip()
    compact = COMPACT_DATE.match(text)
    if compact:
        text = "-".join(compact.groups())
    parsed = normalize.parse_partial_date(text)
    if parsed is None:
        return None, None, None
    born, precision = parsed
    if not EARLIEST_YEAR <= born.year <= datetime.now(tz=UTC).year:
        return None, None, None
    if precision == "year":
        return born.year, None, None
    if precision == "month":
        return born.year, born.month, None
    return born.year, born.month, born.day


def _per_value(column: pd.Series, fn: Callable[[str], tuple[Any, ...]]) -> list[np.ndarray]:
    """``fn`` (returning a tuple of derived values) applied once per distinct value of
    ``column``; one array per derived value, in row order. Empty results become None."""
    codes, uniques = pd.factorize(column, sort=False)
    derived = [fn(value) for value in uniques]
    width = len(fn(""))
    out = []
    for i in range(width):
        values = np.empty(len(uniques), dtype=object)
        values[:] = [d[i] if d[i] or d[i] == 0 else None for d in derived]
        out.append(values[codes])
    return out


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].fillna("").astype(str).str.strip()
    return pd.Series("", index=frame.index, dtype=object)


def _name_features(text: str) -> tuple[Any, ...]:
    """Canonical text, order-free key, skeleton key, strong-part key, skeletons run together,
    and the list of strong skeletons (not Muhammad, not a caste name) of one name."""
    tokens = keys.name_tokens(text)
    every = [s for s in (keys.skeleton(t) for t in tokens) if s]
    strong = sorted({s for t in tokens if not keys.is_weak(t) and (s := keys.skeleton(t))})
    return (
        " ".join(tokens),
        keys.name_key(tokens),
        " ".join(sorted(every)),
        " ".join(strong),
        "".join(every),
        strong,
    )


def _name_columns(frame: pd.DataFrame, prefix: str, latin: str, urdu: str) -> dict[str, Any]:
    primary, alternative = _text(frame, latin), _text(frame, urdu)
    primary = primary.where(primary != "", alternative)
    text, key, skel_key, strong_key, compact, strong = _per_value(primary, _name_features)
    if (alternative != "").any():
        other = _per_value(alternative, _name_features)[5]
        strong = np.array([_union(a, b) for a, b in zip(strong, other, strict=True)], dtype=object)
    return {
        f"{prefix}_text": text,
        f"{prefix}_key": key,
        f"{prefix}_skel_key": skel_key,
        f"{prefix}_strong_key": strong_key,
        f"{prefix}_compact": compact,
        f"{prefix}_strong": strong,
    }


def _union(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    if not b or a == b:
        return a
    return sorted(set(a or ()) | set(b))


def _date_features(text: str) -> tuple[Any, ...]:
    year, month, day = birth_parts(text)
    full = f"{year:04d}-{month:02d}-{day:02d}" if year and month and day else ""
    return year or "", month or "", day or "", full


def _date_columns(frame: pd.DataFrame) -> dict[str, Any]:
    year, month, day, full = _per_value(_text(frame, "dob"), _date_features)
    return {
        "birth_year": pd.array(year, dtype="Int64"),
        "birth_month": pd.array(month, dtype="Int64"),
        "birth_day": pd.array(day, dtype="Int64"),
        "dob_full": full,
    }


def _cnic_features(text: str) -> tuple[str, ...]:
    cnic = keys.cnic_digits(text)
    partial = "" if cnic else keys.cnic_prefix(text)
    return cnic, partial, (cnic or partial)[:5], cnic[:6], cnic[6:]


def _id_columns(frame: pd.DataFrame) -> dict[str, Any]:
    cnic, partial, cnic5, head, tail = _per_value(_text(frame, "cnic"), _cnic_features)
    (passport,) = _per_value(_text(frame, "passport"), lambda v: (keys.passport_key(v),))
    (phone,) = _per_value(_text(frame, "phone"), lambda v: (keys.phone_key(v),))
    return {
        "cnic": cnic,
        "cnic_partial": partial,
        "cnic5": cnic5,
        "cnic_head": head,
        "cnic_tail": tail,
        "passport": passport,
        "phone": phone,
    }


def _address_features(text: str) -> tuple[Any, ...]:
    words = [w for w in ADDRESS_WORD.findall(text.casefold()) if w not in ADDRESS_FILLER]
    return " ".join(words), sorted(set(words))


def _address_columns(frame: pd.DataFrame) -> dict[str, Any]:
    text, words = _per_value(_text(frame, "address"), _address_features)
    return {"address_text": text, "address_words": words}


def _plain_columns(frame: pd.DataFrame) -> dict[str, Any]:
    (sex,) = _per_value(_text(frame, "sex"), lambda v: (SEXES.get(v.lower(), ""),))
    (nationality,) = _per_value(_text(frame, "nationality"), lambda v: (v.upper(),))
    (district,) = _per_value(_text(frame, "district"), lambda v: (v.upper(),))
    return {"sex": sex, "nationality": nationality, "district": district}


def prepare(records: pd.DataFrame) -> pd.DataFrame:
    """The feature table; ``unique_id`` is the row's position in ``records``."""
    frame = records.reset_index(drop=True)
    columns: dict[str, Any] = {"unique_id": np.arange(len(frame), dtype=np.int64)}
    columns.update(_name_columns(frame, "name", "full_name", "full_name_ur"))
    columns.update(_name_columns(frame, "father", "father_name", "father_name_ur"))
    columns.update(_date_columns(frame))
    columns.update(_id_columns(frame))
    columns.update(_plain_columns(frame))
    columns.update(_address_columns(frame))
    return pd.DataFrame({name: _as_column(values) for name, values in columns.items()})


def _as_column(values: Any) -> Any:
    """Text and list columns stay Python objects, None where not given, under pandas 2 and 3
    alike: pandas 3 would make a text column its string type, whose missing value is NaN, a
    float that would reach the clustering rules as if it were a CNIC."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return pd.Series(values, dtype=object)
    return values
