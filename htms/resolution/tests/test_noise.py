"""The labelled register is deterministic and carries the noise it promises."""

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from htms.identity.normalize import is_urdu
from htms.resolution.features import INPUT_COLUMNS, prepare
from htms.resolution.noise import UNTUNED_RATES, noisy_register


def test_it_makes_the_same_register_from_the_same_seed() -> None:
    first, again = noisy_register(records=3000, seed=4), noisy_register(records=3000, seed=4)
    assert first.equals(again)
    assert not first.equals(noisy_register(records=3000, seed=5))


def test_it_enters_persons_more_than_once_with_noise() -> None:
    frame = noisy_register(records=5000, seed=4)
    assert list(frame.columns) == [*INPUT_COLUMNS, "true_id"]
    assert len(frame) == 5000 and frame["record_id"].is_unique
    sizes = frame.groupby("true_id").size()
    assert 0.2 < (sizes > 1).mean() < 0.7
    assert frame["full_name"].map(is_urdu).mean() > 0.03
    assert (frame["cnic"].str.len() == 5).sum() > 20  # partial CNICs
    assert (frame["father_name"] == "").mean() > 0.03


def _namesakes(frame: pd.DataFrame) -> int:
    """Persons whose name and father's name (as skeletons) an earlier person already has."""
    first = prepare(frame.drop_duplicates("true_id"))
    return int((first["name_skel_key"] + "/" + first["father_skel_key"]).duplicated().sum())


def test_it_has_an_untuned_profile_with_titles_and_namesakes() -> None:
    """Other rates, titles before names, and persons of one name and father born years apart
    who are not the same human."""
    tuned = noisy_register(records=5000, seed=4)
    frame = noisy_register(records=5000, seed=4, rates=UNTUNED_RATES)
    assert frame["full_name"].str.match(r"^(Haji|Ch\.|Mr\.|Hafiz|Dr\.|Mst\.|Mrs\.) ").sum() > 100
    assert _namesakes(frame) > 40 > 20 > _namesakes(tuned)
