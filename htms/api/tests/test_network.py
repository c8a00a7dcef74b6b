"""The network API: the same access, masking and audit as the pages."""

import pytest

from htms.accounts.models import User
from htms.api.tests.conftest import ClientFor
from htms.network.tests.support import two_circles

pytestmark = pytest.mark.django_db


def test_an_analyst_gets_the_path_with_every_hop_explained(
    alice: User, bob: User, hana: User, client_for: ClientFor
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    response = client_for(hana).get(f"/api/network/path/?a={shared.agent_a}&b={shared.agent_b}")
    assert response.status_code == 200
    hops = response.json()["hops"]
    assert [hop["target"]["label"] for hop in hops][-1] == "Shahid Gondal"
    assert any("HWL-SYN-0451" in link["reason"] for hop in hops for link in hop["links"])


def test_a_persons_network_is_masked_for_the_analyst(
    alice: User, bob: User, hana: User, client_for: ClientFor
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    response = client_for(hana).get(f"/api/network/persons/{shared.victim}/?depth=1")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sajida" not in text and "+923001234567" not in text
    assert response.json()["nodes"][0]["hidden"] is True


def test_an_officer_gets_404_and_bad_filters_400(
    alice: User, bob: User, hana: User, client_for: ClientFor
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    assert client_for(bob).get(f"/api/network/cases/{case_a.pk}/").status_code == 404
    response = client_for(hana).get(f"/api/network/cases/{case_a.pk}/?kinds=rumour")
    assert response.status_code == 400
    assert "Unknown kind of link: rumour" in response.content.decode()
