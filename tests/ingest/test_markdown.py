from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.ingest.markdown import strip_markdown

SEED = Path(__file__).resolve().parents[2] / "seeds" / "moscow-times-hamas-delegates.md"

markdown_pieces = st.sampled_from(
    ["# ", "## ", "**", "*", "_", "__", "[", "]", "(", ")", "](#)", "![", "<https://x.y/z>", "`", "> ", "- ",
     "\n", "\n\n", "\r\n", " ", "said", "“", "”", '"', "'", "Zakharova", "---\n", "title: T\n", "Original url:"]
)


@given(st.lists(st.one_of(markdown_pieces, st.text(max_size=5)), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_offsets_always_map_back_to_the_same_characters(source: str) -> None:
    parsed = strip_markdown(source).parse_text
    assert len(parsed) == len(source)
    for i, ch in enumerate(parsed):
        # Every kept character is the original one at the same offset; removed markup becomes a space.
        assert ch == source[i] or (ch == " " and source[i] not in "\r\n")


def test_seed_markup_is_blanked_and_words_kept() -> None:
    source = SEED.read_text(encoding="utf-8")
    md = strip_markdown(source)
    said = source.index("[said](#)")
    assert md.parse_text[said : said + 9] == " said    "
    credit = source.index("**Mikhail Japaridze / TASS**")
    assert md.parse_text[credit : credit + 2] == "  "
    assert "[Hamas]" in md.parse_text  # editorial brackets inside a quote are text, not links
    assert md.title == "Hamas Delegates Arrive in Moscow for Talks – Foreign Ministry"
    assert md.url is not None and md.url.startswith("https://www.themoscowtimes.com/2023/10/26/")
    assert "Original url" not in md.parse_text


def test_front_matter_gives_metadata_and_is_blanked() -> None:
    source = "---\ntitle: A Title\ndate: 2024-05-01\noutlet: Example Daily\n---\nHe said it.\n"
    md = strip_markdown(source)
    assert md.front_matter == {"title": "A Title", "date": "2024-05-01", "outlet": "Example Daily"}
    assert md.title == "A Title"
    assert md.parse_text.strip() == "He said it."
