#!/usr/bin/env python3
"""Write PNG images of chosen pages of Word documents, for docs/render.md.

    python scripts/page_images.py DOCX... [--out docs/images] [--pages 1,2] [--dpi 70]
    python scripts/page_images.py --docs [--out docs/images]      (the images of docs/render.md)

Each DOCX (or PDF) is converted to PDF by LibreOffice (headless, with a profile of its own in
a temporary folder) and its pages are drawn by poppler's pdftoppm at a fixed resolution, to
OUT/<name>-page<N>.png: the same document gives the same file names and pixels, so the images
in the docs are made by this script, never by hand, and can be made again after any change:

    cdsplan render bkhcn-ndcds-2023 --format docx -o /tmp/bkhcn-ndcds-2023.docx
    python scripts/page_images.py /tmp/bkhcn-ndcds-2023.docx --pages 1,2

With --docs it renders the documents the docs show itself (`python -m cdsplan render` and
`remind`, with fixed --as-of and sender, from the repository and its test fixture) and writes
the pages they show, found by a line of their text (the page where "PHỤ LỤC" begins), under
fixed names: docs/render.md and docs/letters.md link them.

Needs LibreOffice and poppler-utils (apt-get install libreoffice-writer-nogui fonts-liberation2
poppler-utils), and cdsplan installed for --docs; nothing from Python beyond the standard library.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "images"
DEFAULT_DPI = 70  # an A4 page 579 × 819 px: readable header, small files
TIMEOUT_S = 180


def program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(f"{names[0]} is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")


def to_pdf(sources: list[Path], folder: Path) -> list[Path]:
    """The DOCX files among sources converted into folder; PDFs are used as they are."""
    docx = [source for source in sources if source.suffix.lower() != ".pdf"]
    if docx:
        profile = folder / "profile"
        subprocess.run(
            [
                program("soffice", "libreoffice"),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, docx),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
    pdfs = [source if source.suffix.lower() == ".pdf" else folder / f"{source.stem}.pdf" for source in sources]
    missing = [str(source) for source, pdf in zip(sources, pdfs, strict=False) if not pdf.is_file()]
    if missing:
        raise SystemExit(f"LibreOffice could not convert {', '.join(missing)}")
    return pdfs


def page_count(pdf: Path) -> int:
    info = subprocess.run([program("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise SystemExit(f"pdfinfo does not say how many pages {pdf} has")


def images(pdf: Path, name: str, pages: list[int], out: Path, dpi: int) -> list[Path]:
    written = []
    count = page_count(pdf)
    for number in pages:
        if not 1 <= number <= count:
            print(f"{name}: no page {number} (it has {count})", file=sys.stderr)
            continue
        target = out / f"{name}-page{number}"
        subprocess.run(
            [program("pdftoppm"), "-png", "-r", str(dpi), "-f", str(number), "-l", str(number), "-singlefile", str(pdf), str(target)],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        written.append(target.with_suffix(".png"))
    return written


# (name, folder to run in, cdsplan arguments writing DOCUMENT, [(image name, text that begins its page)])
SENDER = ["--sender", "ubqgcds", "--place", "Hà Nội", "--signer", "Nguyễn Văn A", "--signer-title", "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"]
DOCS = [
    (
        "ubqgcds-2023.docx",
        ROOT,
        ["render", "ubqgcds-2023", "--format", "docx", "-o", "{out}"],
        [("quyet-dinh", "QUYẾT ĐỊNH"), ("ke-hoach", "KẾ HOẠCH"), ("phu-luc", "PHỤ LỤC")],
    ),
    (
        "dn-cds-2024.docx",
        ROOT / "tests" / "fixtures" / "render",
        ["render", "dn-cds-2024", "--format", "docx", "-o", "{out}"],
        [("ke-hoach-tinh", "KẾ HOẠCH"), ("phu-luc-ngang", "PHỤ LỤC")],
    ),
    (
        "bao-cao.docx",
        ROOT,
        [
            "render",
            "2023",
            "--template",
            "report",
            "--month",
            "9",
            "--year",
            "2023",
            "--as-of",
            "2023-09-30",
            "--agency",
            "bo-khcn",
            "--agency",
            "da-nang",
            "-o",
            "{out}",
        ],
        [("bao-cao", "BÁO CÁO"), ("bao-cao-tien-do", "V. TIẾN ĐỘ THỰC HIỆN")],
    ),
    (
        "da-nang.docx",
        ROOT,
        ["remind", "--month", "9", "--year", "2023", "--as-of", "2023-09-30", "--agency", "da-nang", *SENDER, "-o", "{folder}"],
        [("cong-van", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    ),
]


def page_with(pdf: Path, text: str) -> int:
    """The first page whose text holds a line reading text."""
    for number in range(1, page_count(pdf) + 1):
        page = subprocess.run([program("pdftotext"), "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout  # fmt: skip
        if any(text in line for line in page.splitlines()):
            return number
    raise SystemExit(f"{pdf.name}: no page shows {text!r}")


def docs_images(out: Path, dpi: int) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory(prefix="cdsplan-docs-") as temporary:
        folder = Path(temporary)
        sources = []
        for name, cwd, arguments, _pages in DOCS:
            target = folder / name
            filled = [a.format(out=target, folder=folder) for a in arguments]
            subprocess.run([sys.executable, "-m", "cdsplan", *filled], cwd=cwd, check=True, capture_output=True, timeout=TIMEOUT_S)
            sources.append(target)
        pdfs = to_pdf(sources, folder)
        for (_name, _cwd, _arguments, pages), pdf in zip(DOCS, pdfs, strict=True):
            for image, text in pages:
                number = page_with(pdf, text)
                target = out / image
                subprocess.run(
                    [
                        program("pdftoppm"),
                        "-png",
                        "-r",
                        str(dpi),
                        "-f",
                        str(number),
                        "-l",
                        str(number),
                        "-singlefile",
                        str(pdf),
                        str(target),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=TIMEOUT_S,
                )
                written.append(target.with_suffix(".png"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("documents", nargs="*", type=Path, metavar="DOCX", help="Word documents (or PDFs)")
    parser.add_argument("--docs", action="store_true", help="render the documents of docs/render.md and write their pages")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the images (default docs/images)")
    parser.add_argument("--pages", default="1", help="comma-separated page numbers (default 1)")
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI, help=f"resolution (default {DEFAULT_DPI})")
    args = parser.parse_args(argv)
    try:
        pages = [int(part) for part in args.pages.split(",") if part.strip()]
    except ValueError:
        parser.error(f"--pages wants numbers like 1,2, not {args.pages!r}")
    if args.docs:
        args.out.mkdir(parents=True, exist_ok=True)
        for image in docs_images(args.out, args.dpi):
            print(f"wrote {image}")
        return 0
    if not args.documents:
        parser.error("give DOCX files, or --docs")
    missing = [str(path) for path in args.documents if not path.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cdsplan-pages-") as temporary:
        pdfs = to_pdf([path.resolve() for path in args.documents], Path(temporary))
        for source, pdf in zip(args.documents, pdfs, strict=False):
            for image in images(pdf, source.stem, pages, args.out, args.dpi):
                print(f"wrote {image}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
