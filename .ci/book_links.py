#!/usr/bin/env python3
"""Checks the links inside the built guide (mdBook's HTML output).

Usage: book_links.py BOOK_DIR

Every relative href and src of every HTML page must name a file of the book, and
every #fragment must be an id (or a name) on the page it points at. Links to other
sites (http:, https:, mailto:, ...) are not followed. Exits 1 and lists each broken
link, with the page it is on, when there is one.
"""

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The links and the ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id",) or (name == "name" and tag == "a"):
                self.ids.add(value)
            if (name == "href" and tag in ("a", "link", "area")) or (
                name == "src" and tag in ("img", "script", "iframe", "source")
            ):
                self.links.append(value)


def read(path, cache):
    if path not in cache:
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        cache[path] = page
    return cache[path]


def broken_links(book):
    book = book.resolve()
    cache = {}
    broken = []
    pages = sorted(book.rglob("*.html"))
    for page_path in pages:
        page = read(page_path, cache)
        for link in dict.fromkeys(page.links):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            if parts.path.startswith("/"):
                broken.append((page_path, link, "starts at the root, which the book does not know"))
                continue
            target = page_path
            if parts.path:
                target = (page_path.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if book not in target.parents and target != book:
                    broken.append((page_path, link, "leads out of the book"))
                    continue
                if not target.is_file():
                    broken.append((page_path, link, "names no file of the book"))
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                if fragment not in read(target, cache).ids:
                    broken.append((page_path, link, f"#{fragment} is not an id on {target.relative_to(book)}"))
    return pages, broken


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    book = Path(sys.argv[1])
    pages, broken = broken_links(book)
    if not pages:
        sys.exit(f"no HTML pages in {book}: build the book first (mdbook build docs)")
    for page, link, why in broken:
        print(f"{page.relative_to(book.resolve())}: {link}: {why}")
    if broken:
        sys.exit(f"{len(broken)} broken links in the book")
    print(f"book links: {len(pages)} pages, every relative link and #fragment found")


if __name__ == "__main__":
    main()
