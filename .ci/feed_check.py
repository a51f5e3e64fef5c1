#!/usr/bin/env python3
"""Parses atom.xml and sitemap.xml with a real XML parser and checks that every
URL in them is absolute, under the site's base_url, and names a file that exists
in the built site.

usage: .ci/feed_check.py PROJECT_DIR OUTPUT_DIR
"""
import pathlib
import sys
import tomllib
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


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
    feed = ET.parse(output / "atom.xml").getroot()
    if feed.tag != f"{ATOM}feed":
        failures.append(f"atom.xml: the root is {feed.tag}, not an Atom feed")
    urls += [("atom.xml", link.get("href", "")) for link in feed.iter(f"{ATOM}link")]
    urls += [("atom.xml", entry.findtext(f"{ATOM}id", "")) for entry in feed.iter(f"{ATOM}entry")]
    entries = len(list(feed.iter(f"{ATOM}entry")))
    for source, url in urls:
        if not url.startswith(base):
            failures.append(f"{source}: {url!r} is not an absolute address under {base}")
            continue
        path = url[len(base):]
        if path == "" or path.endswith("/"):
            path += "index.html"
        if not (output / path).is_file():
            failures.append(f"{source}: {url} names {path}, which is not in the site")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"feed and sitemap parse; {len(urls)} URLs checked ({entries} feed entries), all absolute and present")


main()
