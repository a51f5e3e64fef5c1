#!/usr/bin/env python3
"""Parses every atom.xml (one per language) and sitemap.xml with a real XML parser
and checks that every URL in them is absolute, under the site's base_url, and names
a file that exists in the built site. Then checks the hreflang pairs of every page:
each alternate exists, has the language it claims, and links back (both ways).

usage: .ci/feed_check.py PROJECT_DIR OUTPUT_DIR
"""
import html.parser
import pathlib
import sys
import tomllib
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class Head(html.parser.HTMLParser):
    """The lang of <html> and the hreflang links of one page."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.alternates = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs.get("href", "")


def file_of(output, base, url):
    path = url[len(base):] if url.startswith(base) else None
    if path is None:
        return None
    if path == "" or path.endswith("/"):
        path += "index.html"
    return output / path


def check_hreflang(output, base, failures):
    """Every hreflang pair is valid both ways."""
    heads = {}
    for page in sorted(output.rglob("*.html")):
        head = Head()
        head.feed(page.read_text(encoding="utf-8"))
        heads[page] = head
    pairs = 0
    for page, head in heads.items():
        if not head.alternates:
            continue
        if head.lang not in head.alternates:
            failures.append(f"{page}: its hreflang links leave out its own language {head.lang}")
        if "x-default" not in head.alternates:
            failures.append(f"{page}: hreflang links without x-default")
        for lang, url in head.alternates.items():
            target = file_of(output, base, url)
            if target is None or target not in heads:
                failures.append(f"{page}: hreflang {lang} goes to {url}, which is not a page")
                continue
            if lang == "x-default":
                continue
            other = heads[target]
            if other.lang != lang:
                failures.append(f"{page}: hreflang {lang} goes to a page in {other.lang}")
            back = other.alternates.get(head.lang)
            if back is None or file_of(output, base, back) != page:
                failures.append(f"{page}: {url} does not link back with hreflang {head.lang}")
            pairs += 1
    return pairs


def main():
    project, output = map(pathlib.Path, sys.argv[1:3])
    base = tomllib.loads((project / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]
    base = base.rstrip("/") + "/"
    failures = []
    urls = []
    sitemap = ET.parse(output / "sitemap.xml").getroot()
    if sitemap.tag != f"{SITEMAP}urlset":
        failures.append(f"sitemap.xml: the root is {sitemap.tag}, not a sitemap urlset")
    urls += [("sitemap.xml", loc.text or "") for loc in sitemap.iter(f"{SITEMAP}loc")]
    urls += [("sitemap.xml", link.get("href", "")) for link in sitemap.iter(f"{XHTML}link")]
    entries = 0
    for feed_file in sorted(output.rglob("atom.xml")):
        name = str(feed_file.relative_to(output))
        feed = ET.parse(feed_file).getroot()
        if feed.tag != f"{ATOM}feed":
            failures.append(f"{name}: the root is {feed.tag}, not an Atom feed")
        urls += [(name, link.get("href", "")) for link in feed.iter(f"{ATOM}link")]
        urls += [(name, entry.findtext(f"{ATOM}id", "")) for entry in feed.iter(f"{ATOM}entry")]
        entries += len(list(feed.iter(f"{ATOM}entry")))
    for source, url in urls:
        if not url.startswith(base):
            failures.append(f"{source}: {url!r} is not an absolute address under {base}")
            continue
        path = url[len(base):]
        if path == "" or path.endswith("/"):
            path += "index.html"
        if not (output / path).is_file():
            failures.append(f"{source}: {url} names {path}, which is not in the site")
    pairs = check_hreflang(output, base, failures)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"feeds and sitemap parse; {len(urls)} URLs checked ({entries} feed entries), all absolute and present; {pairs} hreflang links valid both ways")


main()
