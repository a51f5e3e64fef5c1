"""The articles of a pawprint project, as the CI scripts need them: each one's
front matter and the folder of its page (and sheets) in the built site.

A translation, name.es.md, lives under its language's folder (es/), with its own
slug when it has one, and each folder named by its section's translation
(_index.es.md) when that has a slug; section intros (_index*.md) are not articles.
"""
import pathlib
import re
import tomllib


def front_matter(path):
    """The TOML between an article's +++ lines."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A\ufeff?\+\+\+\r?\n(.*?)^\+\+\+\s*$", text, re.S | re.M)
    return tomllib.loads(match.group(1))


def translated(project, page, language):
    """The page's path with each folder named as its _index.LANG.md's slug says."""
    parts = list(page.parts)
    for i in range(len(parts) - 1):
        index = project / "content" / pathlib.Path(*page.parts[: i + 1]) / f"_index.{language}.md"
        if index.is_file():
            parts[i] = front_matter(index).get("slug", parts[i])
    return pathlib.Path(*parts)


def articles(project):
    """Yields (page folder inside the site, front matter) for every article."""
    site = tomllib.loads((project / "site.toml").read_text(encoding="utf-8"))
    languages = set(site.get("languages", {}))
    for md in sorted((project / "content").rglob("*.md")):
        if md.name.startswith("_index."):
            continue
        rel = md.relative_to(project / "content").with_suffix("")
        stem, _, language = rel.name.rpartition(".")
        if stem and language in languages:
            rel = rel.with_name(stem)
        else:
            language = ""
        page = rel.parent if rel.name == "index" else rel
        front = front_matter(md)
        if language:
            if "slug" in front:
                page = page.parent / front["slug"]
            page = pathlib.Path(language) / translated(project, page, language)
        yield page, front
