"""The portal's management on the officer site: who gets it, notices prepared and approved by
two people, awareness pages written per language and shown on the portal."""

import pytest

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.public.models import PublishedNotice
from htms.public.tests.support import anonymous
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["alice", "anne", "bob", "zara", "hana", "carl"])
def test_officers_without_a_part_in_the_portal_are_refused(
    who: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get("/portal/").status_code == 403
    assert client.post("/portal/notices/", {"name": "X", "status": "wanted"}).status_code == 403
    assert client.get("/portal/awareness/safe-migration/en/").status_code == 403
    assert not PublishedNotice.objects.exists()


def test_the_monitoring_cell_manages_notices_but_not_the_list(mona: User) -> None:
    page = client_for(mona).get("/portal/").content.decode()
    assert "Notices for the public" in page and "Reports from the public" in page
    assert "Licensed promoters" not in page and "Awareness pages" not in page


def test_a_notice_is_prepared_by_one_and_approved_by_another(adam: User, mona: User) -> None:
    answer = client_for(adam).post(
        "/portal/notices/",
        {"name": "Shahid Iqbal", "alias": "", "district": "Gujrat", "status": "wanted"},
        follow=True,
    )
    assert "another person must approve it" in answer.content.decode()
    notice = PublishedNotice.objects.get()
    own = client_for(adam).post(f"/portal/notices/{notice.pk}/approve/", follow=True)
    assert "Another person must approve" in own.content.decode()
    check = anonymous().get("/public/en/check/", {"q": "Shahid Iqbal"}).content.decode()
    assert "Wanted by the FIA" not in check
    client_for(mona).post(f"/portal/notices/{notice.pk}/approve/")
    notice.refresh_from_db()
    assert notice.approved_for_publication_by == mona
    check = anonymous().get("/public/en/check/", {"q": "Shahid Iqbal"}).content.decode()
    assert "Wanted by the FIA" in check
    client_for(mona).post(f"/portal/notices/{notice.pk}/withdraw/")
    assert not PublishedNotice.objects.exists()
    actions = AuditEvent.objects.filter(object_type="published_notice").values_list("action")
    assert [a for (a,) in actions] == ["create", "update", "delete"]


def test_a_notice_photo_is_shown_only_once_approved(adam: User, mona: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
    client_for(adam).post(
        "/portal/notices/", {"name": "Zulfiqar Butt", "status": "convicted", "photo": photo}
    )
    notice = PublishedNotice.objects.get()
    assert anonymous().get(f"/public/en/notices/{notice.pk}/photo/").status_code == 404
    client_for(mona).post(f"/portal/notices/{notice.pk}/approve/")
    response = anonymous().get(f"/public/en/notices/{notice.pk}/photo/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_a_photo_that_is_not_an_image_is_refused(adam: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("p.png", b"<script>alert(1)</script>", "image/png")
    answer = client_for(adam).post(
        "/portal/notices/", {"name": "Zulfiqar Butt", "status": "convicted", "photo": fake}
    )
    assert answer.status_code == 400
    assert "must be a JPEG or PNG image" in answer.content.decode()
    assert not PublishedNotice.objects.exists()


def test_the_administrator_writes_an_awareness_page_in_a_language(adam: User) -> None:
    url = "/portal/awareness/dangerous-routes/ur/"
    assert client_for(adam).get(url).status_code == 200
    body = "سمندر کا راستہ جان لیوا ہے۔\n\n- کشتی میں سفر نہ کریں\n- رقم نہ دیں"
    client_for(adam).post(url, {"title": "سمندر کے خطرناک راستے", "body": body})
    page = anonymous().get("/public/ur/learn/dangerous-routes/").content.decode()
    assert "سمندر کے خطرناک راستے" in page and "<li>کشتی میں سفر نہ کریں</li>" in page
    page = anonymous().get("/public/en/learn/dangerous-routes/").content.decode()
    assert "Iran–Turkey–Greece" in page
    # Punjabi, Sindhi and Pashto readers get the Urdu pages: no text of their own to edit.
    assert client_for(adam).get("/portal/awareness/dangerous-routes/ps/").status_code == 404
    empty = client_for(adam).post(url, {"title": "", "body": ""})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert AuditEvent.objects.filter(object_type="awareness_text", actor=adam).count() == 1


def test_awareness_pages_and_posters_read_in_english_and_urdu() -> None:
    client = anonymous()
    index = client.get("/public/ur/learn/").content.decode()
    assert "خطرناک راستے" in index
    page = client.get("/public/en/learn/warning-signs/").content.decode()
    assert "<li>asks for a large payment in cash, without a receipt;</li>" in page
    poster = client.get("/public/ur/learn/your-rights/poster/").content.decode()
    assert "آپ کے حقوق" in poster and "111-345-786" in poster
    assert client.get("/public/en/learn/no-such-page/").status_code == 404
