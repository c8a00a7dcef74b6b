"""The awareness pages as the portal shows them: the text in the reader's language, else in
English, its body cut into paragraphs and lists. Administrators write the text as plain
paragraphs separated by blank lines; a line starting with "- " is an item of a list."""

from dataclasses import dataclass

from htms.public.languages import DEFAULT
from htms.public.models import AwarenessPage, AwarenessText

LIST_MARK = "- "


@dataclass(frozen=True)
class Block:
    items: list[str]
    is_list: bool


@dataclass(frozen=True)
class AwarenessShown:
    slug: str
    title: str
    language: str
    blocks: list[Block]


def body_blocks(body: str) -> list[Block]:
    blocks = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines and all(line.startswith(LIST_MARK) for line in lines):
            blocks.append(Block([line[len(LIST_MARK) :] for line in lines], is_list=True))
        elif lines:
            blocks.append(Block([" ".join(lines)], is_list=False))
    return blocks


def _chosen(texts: list[AwarenessText], language: str) -> AwarenessText | None:
    by_language = {t.language: t for t in texts}
    return by_language.get(language) or by_language.get(DEFAULT)


def awareness_index(*, language: str) -> list[AwarenessShown]:
    """Every awareness page with its title in ``language`` (or English)."""
    shown = []
    for page in AwarenessPage.objects.prefetch_related("texts"):
        text = _chosen(list(page.texts.all()), language)
        if text is not None:
            shown.append(AwarenessShown(page.slug, text.title, text.language, []))
    return shown


def awareness_page(*, slug: str, language: str) -> AwarenessShown | None:
    texts = list(AwarenessText.objects.filter(page__slug=slug))
    text = _chosen(texts, language)
    if text is None:
        return None
    return AwarenessShown(slug, text.title, text.language, body_blocks(text.body))
