#!/usr/bin/env python3
"""Checks every handout PDF in a built site with the tools print shops trust:
pdfinfo (one page, tagged), pdffonts (every font embedded and subset), pdftotext (every
sign, in order), qpdf --check (sound structure) and zbarimg (the QR code, read
from a 150 dpi render, is exactly the article's address).

usage: .ci/pdf_check.py PROJECT_DIR OUTPUT_DIR
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

from articles import articles


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def main():
    project, output = map(pathlib.Path, sys.argv[1:3])
    site = tomllib.loads((project / "site.toml").read_text(encoding="utf-8"))
    base = site["site"]["base_url"].rstrip("/") + "/"
    failures = []
    checked = 0
    for page, front in articles(project):
        url = base + page.as_posix() + "/"
        signs = front["handout"]["signs"]
        for pdf in sorted((output / page).glob("*.pdf")):
            checked += 1
            name = pdf.relative_to(output)
            info = run("pdfinfo", pdf)
            if re.search(r"^Pages:\s+1$", info.stdout, re.M) is None:
                failures.append(f"{name}: pdfinfo does not say 1 page:\n{info.stdout}{info.stderr}")
            if re.search(r"^Tagged:\s+yes$", info.stdout, re.M) is None:
                failures.append(f"{name}: pdfinfo does not say Tagged: yes:\n{info.stdout}")
            fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
            if not fonts:
                failures.append(f"{name}: pdffonts lists no fonts")
            for line in fonts:
                columns = line.split()
                emb, sub = columns[-5], columns[-4]
                if emb != "yes" or sub != "yes" or "+" not in columns[0]:
                    failures.append(f"{name}: font not embedded and subset: {line}")
            text = " ".join(run("pdftotext", pdf, "-").stdout.split())
            at = 0
            for sign in signs:
                found = text.find(" ".join(sign.split()), at)
                if found < 0:
                    failures.append(f"{name}: pdftotext does not find the sign {sign!r} (in order)")
                else:
                    at = found
            check = run("qpdf", "--check", pdf)
            if check.returncode != 0 or "No syntax or stream encoding errors" not in check.stdout:
                failures.append(f"{name}: qpdf --check:\n{check.stdout}{check.stderr}")
            with tempfile.TemporaryDirectory() as tmp:
                run("pdftoppm", "-png", "-r", "150", pdf, f"{tmp}/page")
                pngs = sorted(pathlib.Path(tmp).glob("page*.png"))
                decoded = run("zbarimg", "--quiet", "--raw", *pngs).stdout.strip() if pngs else ""
            if decoded != url:
                failures.append(f"{name}: the QR code reads {decoded!r}, expected {url!r}")
            print(f"checked {name}: 1 page, tagged, fonts embedded and subset, {len(signs)} signs in order, qpdf clean, QR = {url}")
    if checked == 0:
        failures.append("no handout PDFs were found")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"PDF checks passed for {checked} handouts")


main()
