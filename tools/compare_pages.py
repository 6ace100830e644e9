#!/usr/bin/env python3
"""Compare the page breaks of two PDFs of the same document.

Usage: compare_pages.py REFERENCE.pdf OURS.pdf [HEADER WORDS...]

REFERENCE is typically LibreOffice's rendering of our DOCX
(soffice --headless --convert-to pdf X.docx), OURS the PDF dorkarta typesets from the same IR.
For every page it prints whether both begin (and end) with the same words, leaving out page
numbers and the given table-header words (repeated on every page), and whether the page holds
the same words in both (the same multiset: the strict test, since text extraction may order the
cells of a split row differently). Then a summary line: "N/M pages begin with the same words,
S/M hold the same words; pages M vs K". Without the header words, every table page "begins the
same" with its header: give them. Exit code 0 when the page counts are equal and every page holds
the same words, else 1. Needs pdftotext and pdfinfo (poppler-utils).
"""
import re
import subprocess
from collections import Counter
import sys

WORDS = 6


def pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    out = []
    for i in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-raw", "-enc", "UTF-8", path, "-"],
                              capture_output=True, text=True, check=True).stdout
        out.append(text.split())
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    header = set(sys.argv[3:])
    ref, ours = pages(sys.argv[1]), pages(sys.argv[2])
    body = lambda words: [w for w in words if w not in header and not w.isdigit()]
    same = held = 0
    for i, (a, b) in enumerate(zip(ref, ours)):
        bag = Counter(a) == Counter(b)
        a, b = body(a), body(b)
        begin = a[:WORDS] == b[:WORDS]
        end = a[-WORDS:] == b[-WORDS:]
        same += begin
        held += bag
        print(f"{i + 1:3} begin {'same' if begin else 'DIFF'}, end {'same' if end else 'DIFF'}, "
              f"words {'same' if bag else 'DIFF'}: {' '.join(a[:WORDS])} | {' '.join(b[:WORDS])}")
    print(f"{same}/{len(ref)} pages begin with the same words, {held}/{len(ref)} hold the same "
          f"words; pages {len(ref)} vs {len(ours)}")
    return 0 if held == len(ref) == len(ours) else 1


if __name__ == "__main__":
    sys.exit(main())
