from django.urls import URLPattern, URLResolver, path

from htms.intelligence.gazette import views as gazette
from htms.intelligence.views import agents, books, imports

app_name = "intelligence"

AGENT = "agents/<int:person_id>/"
ENTRY = "red-book/<int:entry_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("agents/", agents.agent_list_page, name="agents"),
    path("agents/import/", imports.agents_import_page, name="import"),
    path(AGENT, agents.dossier_page, name="dossier"),
    path(AGENT + "facts/new/", agents.fact_add, name="fact_add"),
    path(AGENT + "red-book/", books.nominate, name="nominate"),
    path("facts/<int:fact_id>/withdraw/", agents.fact_withdraw_page, name="fact_withdraw"),
    path("facts/<int:fact_id>/photo/", agents.fact_photo, name="fact_photo"),
    path("red-book/", books.red_book_page, name="red_book"),
    path(ENTRY, books.red_book_entry_page, name="red_book_entry"),
    path(ENTRY + "photo/", books.red_book_photo, name="red_book_photo"),
    path(ENTRY + "<str:action>/", books.red_book_entry_act, name="red_book_act"),
    path("black-book/", books.black_book_page, name="black_book"),
    path("<str:book>-book.pdf", books.book_pdf_view, name="book_pdf"),
    path("<str:book>-book.csv", books.book_csv_view, name="book_csv"),
    path("gazette/", gazette.gazette_page, name="gazette"),
    path("gazette/issues/", gazette.gazette_archive, name="gazette_archive"),
    path(
        "gazette/issues/<int:issue_id>/<str:language>.pdf",
        gazette.gazette_download,
        name="gazette_download",
    ),
]
