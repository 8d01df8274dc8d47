"""Review-app test data: small stores filled through the store's real write path, and the app to drive."""

from __future__ import annotations

from quotes.extract.types import Attribution, Channel
from quotes.ingest.readers import Article
from quotes.store.db import Store
from quotes.store.writer import store_article
from quotes.tui.app import ReviewApp
from quotes.tui.keymap import LoadedKeymap

SIZE = (130, 40)  # every test and snapshot uses this terminal size

TALKS = (
    "MOSCOW — The Kremlin said on Thursday it was open to new talks.\n\n"
    'Kremlin spokesperson Dmitry Peskov said "we are ready to talk" when asked about the proposal. '
    'Peskov told Interfax "there will be no delay" in sending a delegation.\n\n'
    "According to RIA Novosti, the delegation arrived on Thursday evening.\n\n"
    "Officials in Kyiv did not comment."
)
VISIT = (
    'Foreign Ministry spokeswoman Maria Zakharova said "the visit is not secret". '
    'Zakharova told TASS "contacts with Hamas continue".\n\n'
    'Peskov said "the Kremlin has no comment on rumours" later that day.'
)
GRAIN = (
    "Grain exports rose sharply in October, traders said.\n\n"
    "The agriculture minister said exports would keep growing next year, Reuters reported.\n\n"
    '"We expect a record harvest," said Oksana Lutsenko, an analyst.'
)


def _span(text: str, part: str, near: int = 0) -> tuple[int, int]:
    """The occurrence of ``part`` nearest to offset ``near``."""
    starts = [i for i in range(len(text)) if text.startswith(part, i)]
    start = min(starts, key=lambda i: abs(i - near))
    return (start, start + len(part))


def attribution(
    text: str,
    content: str,
    *,
    speaker: str | None,
    mention: str | None = None,
    cue: str | None = "said",
    kind: str = "direct",
    role: str | None = None,
    via: tuple[tuple[str, str], ...] = (),
    confidence: float = 0.9,
    speaker_type: str = "person",
) -> Attribution:
    mention = mention or speaker
    at = text.index(content)
    return Attribution(
        kind=kind,
        content=content,
        content_span=_span(text, content),
        cue=cue,
        cue_span=_span(text, cue, at) if cue else None,
        speaker=speaker,
        speaker_mention=mention,
        speaker_span=_span(text, mention, at) if mention else None,
        speaker_type=speaker_type if speaker else "unknown",
        role=role,
        via=tuple(Channel(name, _span(text, name, at), channel_role) for name, channel_role in via),
        confidence=confidence,
    )


def fill(store: Store) -> None:
    """Three articles, eight quotes: channels, an indirect quote, a low-confidence one, a quote without speaker."""
    articles = [
        (
            Article(
                "news/talks.txt",
                TALKS,
                TALKS,
                "text",
                title="Kremlin open to talks",
                published="2023-10-26",
                outlet="The Moscow Times",
            ),
            [
                attribution(
                    TALKS,
                    "we are ready to talk",
                    speaker="Dmitry Peskov",
                    mention="Kremlin spokesperson Dmitry Peskov",
                    role="Kremlin spokesperson",
                ),
                attribution(TALKS, "there will be no delay", speaker="Peskov", cue="told", via=(("Interfax", "told"),)),
                attribution(
                    TALKS,
                    "the delegation arrived on Thursday evening",
                    speaker=None,
                    cue="According to",
                    kind="indirect",
                    via=(("RIA Novosti", "according_to"),),
                    confidence=0.55,
                ),
            ],
        ),
        (
            Article(
                "news/visit.txt",
                VISIT,
                VISIT,
                "text",
                title="Zakharova on the visit",
                published="2023-11-02",
                outlet="The Moscow Times",
            ),
            [
                attribution(
                    VISIT,
                    "the visit is not secret",
                    speaker="Maria Zakharova",
                    mention="Foreign Ministry spokeswoman Maria Zakharova",
                    role="Foreign Ministry spokeswoman",
                ),
                attribution(
                    VISIT,
                    "contacts with Hamas continue",
                    speaker="Zakharova",
                    cue="told",
                    via=(("TASS", "told"),),
                    confidence=0.62,
                ),
                attribution(VISIT, "the Kremlin has no comment on rumours", speaker="Peskov", kind="mixed"),
            ],
        ),
        (
            Article(
                "news/grain.txt",
                GRAIN,
                GRAIN,
                "text",
                title="Grain exports rise",
                published="2023-11-10",
                outlet="Kyiv Independent",
            ),
            [
                attribution(
                    GRAIN,
                    "exports would keep growing next year",
                    speaker="agriculture minister",
                    mention="The agriculture minister",
                    kind="indirect",
                    via=(("Reuters", "reported"),),
                    confidence=0.48,
                    speaker_type="unknown",
                ),
                attribution(GRAIN, "We expect a record harvest,", speaker="Oksana Lutsenko", role="analyst"),
            ],
        ),
    ]
    with store.session() as session:
        for art, atts in articles:
            store_article(session, art, atts)


def fill_many(store: Store, articles: int, per_article: int = 5) -> None:
    """Many small, regular articles, for paging."""
    with store.session() as session:
        for a in range(articles):
            sentences = [f'Speaker {a % 7} said "statement {a}-{i} about the topic".' for i in range(per_article)]
            text = " ".join(sentences)
            atts = []
            for i in range(per_article):
                content = f"statement {a}-{i} about the topic"
                start = text.index(content)
                atts.append(
                    Attribution(
                        kind="direct",
                        content=content,
                        content_span=(start, start + len(content)),
                        speaker=f"Speaker {a % 7}",
                        confidence=0.9,
                    )
                )
            day = f"2023-{1 + a // 28:02d}-{1 + a % 28:02d}"
            store_article(
                session, Article(f"bulk/{a:04}.txt", text, text, "text", title=f"Bulk {a}", published=day), atts
            )


def make_app(store: Store, keymap: dict[str, str] | None = None) -> ReviewApp:
    """The app as `quotes review` runs it, minus the periodic refresh (tests trigger refreshes themselves)."""
    return ReviewApp(store, keymap=LoadedKeymap(keymap or {}, None, ()), refresh_every=0)
