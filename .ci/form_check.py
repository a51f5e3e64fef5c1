#!/usr/bin/env python3
"""Types into the fill-in blanks of every handout PDF in a built site, as staff
would before printing, and reads the sheet back.

For each sheet: pdfinfo reports a form; each field is named from its label (/TU
is the label); pikepdf types a value into every field and makes its look (as a
viewer does); pdftotext then shows each typed value on the page. The saved file
is opened again and typed into a second time, so it stays fillable after saving.

A sheet whose article has no `fill_in` has no form.

Each print pack (packs/NAME.toml) is checked the same way: its fields are the
blanks of its sheets, in order, each typed into and read back.

usage: .ci/form_check.py PROJECT_DIR OUTPUT_DIR   (with the venv that has pikepdf)
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

import pikepdf

from articles import articles


def fill(source, target, values):
    """Types values[i] into field i, makes the looks, saves to target."""
    with pikepdf.open(source) as pdf:
        form = pdf.Root.AcroForm
        for field, value in zip(form.Fields, values):
            field.V = pikepdf.String(value)
        form.NeedAppearances = True
        pdf.generate_appearance_streams()
        pdf.save(target)


def text(pdf):
    out = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def blanks(project):
    """Each published article's folder in the site, with its fill_in labels."""
    for page, front in articles(project):
        if not front.get("draft"):
            yield page, front["handout"].get("fill_in", [])


def main():
    project, output = map(pathlib.Path, sys.argv[1:3])
    failures = []
    pdfs = []
    for folder, wanted in blanks(project):
        for pdf in sorted((output / folder).glob("*.pdf")):
            pdfs.append(pdf)
            check(pdf, pdf.relative_to(output), wanted, failures)
    for pdf, wanted in packs(project, output):
        pdfs.append(pdf)
        check(pdf, pdf.relative_to(output), wanted, failures)
    if not pdfs:
        failures.append("no handout PDFs were found")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"Form checks passed for {len(pdfs)} handouts")


def check(pdf, name, wanted, failures):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    has_form = re.search(r"^Form:\s+AcroForm$", info, re.M) is not None
    if not wanted:
        if has_form:
            failures.append(f"{name}: a form, but the article has no fill_in")
        return
    if not has_form:
        failures.append(f"{name}: pdfinfo reports no form")
        return
    with pikepdf.open(pdf) as doc:
        fields = list(doc.Root.AcroForm.Fields)
        labels = [str(f.TU) for f in fields]
        names = [str(f.T) for f in fields]
    if labels != wanted:
        failures.append(f"{name}: the fields are named {labels}, not {wanted}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        first = pathlib.Path(tmp) / "first.pdf"
        second = pathlib.Path(tmp) / "second.pdf"
        typed = [f"Rex {i}" for i in range(len(fields))]
        fill(pdf, first, typed)
        again = [f"Bella {i}" for i in range(len(fields))]
        fill(first, second, again)
        for path, values in [(first, typed), (second, again)]:
            page = text(path)
            for label, value in zip(labels, values):
                if f"{label} {value}" not in page:
                    failures.append(f"{name}: after typing, pdftotext does not show {label!r} then {value!r}")
    print(f"checked {name}: fields {names}, typed text read back, fillable again after saving")


def fill_in(md):
    """The fill_in labels of one article file, or None for a draft."""
    source = md.read_text(encoding="utf-8")
    match = re.match(r"\A\ufeff?\+\+\+\r?\n(.*?)^\+\+\+\s*$", source, re.S | re.M)
    front = tomllib.loads(match.group(1))
    if front.get("draft"):
        return None
    return front["handout"].get("fill_in", [])


def packs(project, output):
    """Each pack PDF in the site, with the fill_in labels of its sheets in order:
    the main language's under packs/, a translation's under xx/packs/ as
    xx-NAME-PAPER.pdf (an article with no translation is not in that pack)."""
    for toml in sorted((project / "packs").glob("*.toml")):
        pack = tomllib.loads(toml.read_text(encoding="utf-8"))
        folders = [(output / "packs", "", "")]
        folders += [
            (d / "packs", f".{d.name}", f"{d.name}-")
            for d in sorted(output.iterdir())
            if (d / "packs").is_dir()
        ]
        for folder, language, prefix in folders:
            wanted = []
            for article in pack["articles"]:
                md = project / "content" / f"{article.strip('/')}{language}.md"
                if md.is_file():
                    wanted += fill_in(md) or []
            # A further language's pack names start with its code: es-new-puppy-a4.pdf.
            for pdf in sorted(folder.glob(f"{prefix}{toml.stem}-*.pdf")):
                yield pdf, wanted


if __name__ == "__main__":
    main()
