"""htms.urls mounts the API where the API's own tests expect it."""

import pytest
from django.urls import resolve


@pytest.mark.parametrize(
    "path", ["/api/cases/", "/api/cases/7/stage/", "/api/persons/7/", "/api/reference/terms/"]
)
def test_it_routes_the_api_paths_of_the_project_to_the_api(path: str) -> None:
    project = resolve(path, urlconf="htms.urls")
    assert project.func.__name__ == resolve(path, urlconf="htms.api.tests.urls").func.__name__
    assert project.url_name and project.url_name.startswith("api_")
