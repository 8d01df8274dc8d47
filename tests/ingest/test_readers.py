from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotes.errors import InputError
from quotes.ingest import Article, read_paths

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _one(path: Path, **kwargs: int) -> Article | InputError:
    items = list(read_paths([path], **kwargs))
    assert len(items) == 1, items
    return items[0]


def test_plain_text_keeps_newlines_untranslated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Headline here\r\n\r\n“Yes,” she said.\r\n".encode())
    article = _one(path)
    assert isinstance(article, Article)
    assert article.text == "Headline here\r\n\r\n“Yes,” she said.\r\n"
    assert article.parse_text == article.text
    assert article.title == "Headline here"
    assert article.format == "text"


def test_markdown_seed_metadata() -> None:
    article = _one(SEEDS / "moscow-times-hamas-delegates.md")
    assert isinstance(article, Article)
    assert article.published == "2023-10-26"
    assert article.title is not None and article.title.startswith("Hamas Delegates Arrive")
    assert len(article.parse_text) == len(article.text)


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The council met on Monday to discuss the budget for the coming year."] * 6)
    page = f"""<html><head><title>Budget talks | Example Daily</title>
    <meta property="og:site_name" content="Example Daily"><meta name="date" content="2024-03-05"></head>
    <body><nav>Home | News | Sport</nav><article><h1>Budget talks</h1>
    <p>{body}</p><p>“We will not raise taxes,” Mayor Jane Doe said on Monday.</p></article>
    <footer>Copyright Example Daily</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = _one(path)
    assert isinstance(article, Article)
    assert "“We will not raise taxes,” Mayor Jane Doe said on Monday." in article.text
    assert "Home | News" not in article.text
    assert article.format == "html"
    assert article.title == "Budget talks"


def test_jsonl_records_and_a_bad_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"text": "One said so.", "title": "One", "url": "https://e.x/1", "published": "2024-01-02",
                    "outlet": "Wire"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Two said so."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.source, first.title, first.url, first.published, first.outlet) == (
        f"{path}:1", "One", "https://e.x/1", "2024-01-02", "Wire")
    assert str(items[1]).startswith(f"{path}:2: invalid JSON")
    assert str(items[2]) == f'{path}:3: record has no "text" string'


def test_folder_is_recursive_and_skips_gold_sidecars(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# B\n\nText b.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text a.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    sources = [i.source for i in read_paths([tmp_path]) if isinstance(i, Article)]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        ("latin1.txt", "café said".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3)"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = _one(path)
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: {problem}"
    assert "\n" not in str(error)


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.write(b"word " * (50 * 1024 * 1024 // 5))
    error = _one(path)
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: file is 52.4 MB, over the 10 MB limit (--max-bytes)"


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "x.pdf").write_bytes(b"%PDF")
    items = list(read_paths([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert [str(i) for i in items] == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        f"{tmp_path / 'empty'}: no readable articles in this directory (.txt, .md, .html, .jsonl)",
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    path = tmp_path / "locked.txt"
    path.write_text("He said so.", encoding="utf-8")
    path.chmod(0)
    error = _one(path)
    assert str(error) == f"{path}: permission denied"
