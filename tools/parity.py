#!/usr/bin/env python3
"""Same pages in our PDF and in LibreOffice's PDF of our DOCX, over random sources (issue 24).

Usage: python3 tools/parity.py [--count 500] [--seed 1] [--keep DIR] [--bin PATH]
                               [--json FILE] [--generate-only] [--sources DIR]

Writes COUNT random valid sources (seeded: the same seed gives the same files, byte for byte),
checks them all with `dorkarta check`, renders them with one `dorkarta batch`, converts every
DOCX with LibreOffice (100 files a call, a profile of its own), and compares each of our PDFs
with LibreOffice's (pages read by tools/compare_pages.py): a source is identical when both have
as many pages and each page holds the same letters (text extraction orders the cells of a row,
and spaces the letters of a narrow cell, differently). Prints, for each mismatch, the first page
that differs, the words it begins with, the words only one side holds there and the source cell
they come from; then the share of identical sources. Exit code 0 when every source passed
`check` and was converted (whatever the share), 1 otherwise, 2 on a usage error.

--keep DIR keeps the sources, the documents and LibreOffice's PDFs in DIR (else a temporary
folder is removed); --json FILE writes the figures for tests/parity.rs; --generate-only writes
the sources to --keep DIR and stops; --sources DIR compares the *.yaml files of DIR instead of
generated ones (tests/parity/: sources whose pages once differed). Needs soffice, pdftotext and pdfinfo; the generator needs
only Python's standard library. Words come from the samples (samples/*.yaml).
"""
import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_pages  # noqa: E402  (tools/compare_pages.py: pages of a PDF as words)

# ---------------------------------------------------------------------------------------------
# The generator.

def vocabulary():
    """Russian words of the samples, sorted and without repeats: (short ones, long ones)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.yaml")))
    words = sorted(set(re.findall(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?", text)))
    return [w for w in words if len(w) <= 12], [w for w in words if len(w) > 12]


SHORT, LONG = vocabulary()
PEOPLE = ["Иванова И.И.", "Петров П.П.", "Морозова О.Л.", "Земляненко Н.В.", "Жукова М.Я.",
          "Коржуева Е.В.", "Сидоренко А.А."]
LEVELS = ["Муниципальный", "Институциональный", "Региональный"]
COLUMNS = {  # key: titles it may have
    "number": ["№ п/п", "№"],
    "activity": ["Содержание деятельности", "Мероприятие", "Мероприятия"],
    "deadline": ["Сроки реализации", "Сроки", "Срок"],
    "responsible": ["Ответственный исполнитель", "Ответственные"],
    "level": ["Уровень управления"],
    "audience": ["Целевая аудитория", "Описание специфики (целевая аудитория)"],
    "participants": ["Участники"],
    "result": ["Планируемый результат", "Результат"],
    "mark": ["Отметка о выполнении", "Отметка"],
}
EXTRA = ["level", "audience", "participants", "result", "mark"]


def q(text):
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


class Generator:
    """One random source; `cells` remembers each table text and where it stands."""

    def __init__(self, rng):
        self.r = rng
        self.cells = []  # (where, text)

    def words(self, low, high, long_share=0.1):
        r = self.r
        out = [r.choice(LONG) if r.random() < long_share else r.choice(SHORT)
               for _ in range(r.randint(low, high))]
        if out:
            out[0] = out[0][0].upper() + out[0][1:]
        return " ".join(out)

    def text(self, where, low=2, high=30, paragraphs=True):
        """A cell text: one paragraph, or sometimes several (a line break is a new paragraph)."""
        r = self.r
        several = paragraphs and r.random() < 0.2
        paragraphs = [self.words(low, high) for _ in range(r.randint(2, 3) if several else 1)]
        value = "\n".join(paragraphs)
        self.cells.append((where, value))
        return value

    def deadline(self, where):
        r = self.r
        year = r.choice([2022, 2023])
        value = r.choice([
            f"{year}-{r.randint(1, 12):02}-{r.randint(1, 28):02}",
            f"{year}-{r.randint(1, 12):02}",
            f"{year}-Q{r.randint(1, 4)}",
            "В течение учебного года",
            "ежемесячно",
            f"{year}-0{r.randint(1, 4)}..{year}-0{r.randint(5, 9)}",
        ])
        self.cells.append((where, value))
        return value

    def responsible(self, where):
        r = self.r
        value = ", ".join(r.sample(PEOPLE, r.randint(1, 3)))
        if r.random() < 0.4:
            value += ", " + self.words(2, 8).lower()
        self.cells.append((where, value))
        return value

    def columns(self):
        r = self.r
        keys = ["activity"] + r.sample(["deadline", "responsible"] + EXTRA, r.randint(1, 6))
        r.shuffle(keys)
        if r.random() < 0.85:
            keys.insert(0, "number")
        # Narrow columns (the number, sometimes another) take 4-9 % of the table, as in the
        # samples: long words and titles are wider than they are.
        narrow = [key == "number" or (key != "activity" and r.random() < 0.2) for key in keys]
        widths = [0 if n else r.randint(8, 50) for n in narrow]
        wide = sum(widths) or 50
        widths = [w or round(wide * r.uniform(0.04, 0.09), 1) for w in widths]
        # Every column at least 1 % of the table (check refuses less): 2 of at most 9 × 50.
        # (key, title, width, flags)
        out = []
        for key, width in zip(keys, widths):
            flags = ", merge: true" if key == "level" and r.random() < 0.7 else ""
            flags += ", blank: true" if key == "mark" and r.random() < 0.5 else ""
            out.append((key, r.choice(COLUMNS[key]), width, flags))
        return out

    def item(self, where, keys, depth, merged):
        r = self.r
        lines = []
        if r.random() < 0.08:
            lines.append(f"- heading: {q(self.text(where + ' heading', 2, 12))}")
            return lines
        lines.append(f"- activity: {q(self.text(where + ' activity'))}")
        if r.random() < 0.3:
            lines.append("  list:")
            lines += [f"    - {q(self.text(where + ' list', 1, 14, paragraphs=False))}" for _ in range(r.randint(1, 5))]
        if "deadline" in keys and r.random() < 0.9:
            lines.append(f"  deadline: {q(self.deadline(where + ' deadline'))}")
        if "responsible" in keys and r.random() < 0.9:
            lines.append(f"  responsible: {q(self.responsible(where + ' responsible'))}")
        for key in EXTRA:
            if key in keys and r.random() < 0.7:
                if key == "level":
                    value = merged[0] if r.random() < 0.7 else r.choice(LEVELS)
                    merged[0] = value
                    self.cells.append((where + " level", value))
                else:
                    value = self.text(f"{where} {key}", 1, 10)
                lines.append(f"  {key}: {q(value)}")
        if r.random() < 0.12:
            lines.append("  parts:")
            for p in range(r.randint(2, 4)):
                lines.append(f"    - activity: {q(self.text(f'{where} part {p + 1}', 2, 16))}")
                if "deadline" in keys:
                    lines.append(f"      deadline: {q(self.deadline(f'{where} part {p + 1} deadline'))}")
                if "responsible" in keys:
                    lines.append(f"      responsible: {q(self.responsible(f'{where} part {p + 1} responsible'))}")
        if depth < 2 and r.random() < 0.12:
            lines.append("  items:")
            for n in range(r.randint(1, 3)):
                lines += ["    " + line for line in self.item(f"{where}.{n + 1}", keys, depth + 1, merged)]
        return lines

    def source(self):
        r = self.r
        mark = r.choice(["appendix", "approved", "approver", "none"])
        out = ["order:",
               "  authority: Управление образования г. Таганрога",
               "  authority_genitive: Управления образования г. Таганрога",
               "  date: 2023-02-16",
               '  number: "206"',
               "appendix:"]
        if mark == "approved":
            out.append("  mark: { kind: approved, word: УТВЕРЖДЕНА }")
        elif mark == "approver":
            out.append("  mark: { kind: approver, position: Начальник управления, name: И.И. Иванов, "
                       "date: 2023-02-16 }")
        elif mark == "none":
            out.append("  mark: { kind: none }")
        title = self.words(3, 12 if r.random() < 0.7 else 40, 0.2)
        if r.random() < 0.2:
            title += "\n" + self.words(2, 10)
        out.append(f"  title: {q(title)}")
        if r.random() < 0.3:
            out.append(f"  subtitle: {q('(' + self.words(2, 10) + ')')}")
        out.append(f"  orientation: {r.choice(['portrait', 'landscape'])}")
        out.append(f"  date_style: {r.choice(['words', 'numeric'])}")
        if r.random() < 0.7:
            out.append("  preamble:")
            for _ in range(r.randint(1, 3)):
                out.append(f"    - label: {q(self.words(1, 3))}")
                if r.random() < 0.7:
                    out.append(f"      text: {q(self.words(3, 60).lower())}")
                if r.random() < 0.4:
                    out.append("      list:")
                    out += [f"        - {q(self.words(2, 25).lower())}" for _ in range(r.randint(1, 4))]
        columns = self.columns()
        out.append("  columns:")
        for key, title, width, flags in columns:
            out.append(f"    - {{ key: {key}, title: {q(title)}, width: {width}{flags} }}")
        numbering = r.choice(["per-stage", "continuous", "hierarchical"])
        out.append(f"  numbering: {numbering}")
        if numbering == "hierarchical":
            out.append(f"  stage_number: {r.choice(['column', 'hidden'])}")
        # The keys an item fills: a blank column takes no value.
        keys = {key for key, _, _, flags in columns if "blank" not in flags}
        out.append("  stages:")
        merged = [r.choice(LEVELS)]
        for s in range(r.randint(1, 3)):
            out.append(f"    - title: {q(self.text(f'stage {s + 1}', 2, 14))}")
            out.append("      items:")
            for i in range(r.randint(2, 9)):
                out += ["        " + line for line in self.item(f"stage {s + 1} item {i + 1}", keys, 0, merged)]
        if r.random() < 0.5:
            out.append("  signature: { position: Начальник управления, name: И.И. Иванов }")
        return "\n".join(out) + "\n", [t for _, t, _, _ in columns]


def read_sources(folder):
    """The *.yaml files of `folder`, sorted: [(name, text, column titles, cells)]; the cells are
    not known, so mismatches name no source cell."""
    out = []
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        titles = [json.loads(t) for t in re.findall(r'title: ("(?:[^"\\]|\\.)*")', text)]
        out.append((path.name, text, titles, []))
    return out


def generate(seed, count):
    """COUNT sources of SEED: [(name, text, column titles, cells)]."""
    out = []
    for n in range(count):
        g = Generator(random.Random(f"{seed}:{n}"))
        text, titles = g.source()
        out.append((f"{n:04}.yaml", text, titles, g.cells))
    return out


# ---------------------------------------------------------------------------------------------
# The comparison.

def run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


def header_words(titles):
    return {w for t in titles for w in t.split()}


def letters(words):
    """The letters of a page, whatever the order of its cells or the spaces text extraction puts
    between letters of a spaced-out narrow cell: what breaks pages differently changes them."""
    return Counter(c for w in words for c in w.lower() if c.isalpha())


def moved(a, b):
    """Words of page `a` (in its order) that page `b` does not hold."""
    extra = Counter(a) - Counter(b)
    out = []
    for w in a:
        if extra[w] > 0:
            extra[w] -= 1
            out.append(w)
    return out


def where_from(cells, words):
    """The source cell that holds the most of `words` (the first ten), or «?»."""
    words = [w for w in words[:10] if len(w) > 3 and not w.endswith("-")]
    best, score = "?", 0
    for where, text in cells:
        held = set(text.split())
        n = sum(w in held for w in words)
        if n > score:
            best, score = where, n
    return best


def compare(ours, theirs, titles, cells):
    """None when both PDFs break into the same pages, else lines saying where they part."""
    header = header_words(titles)
    a, b = compare_pages.pages(theirs), compare_pages.pages(ours)
    for i in range(max(len(a), len(b))):
        pa = a[i] if i < len(a) else []
        pb = b[i] if i < len(b) else []
        if letters(pa) == letters(pb):
            continue
        body = lambda words: [w for w in words if w not in header and not w.isdigit()]
        lo_only, ours_only = moved(body(pa), body(pb)), moved(body(pb), body(pa))
        show = lambda words: "«" + " ".join(words[:10]) + "»" + (f" ({where_from(cells, words)})" if words else "")
        return (f"page {i + 1} differs (pages {len(a)} LO vs {len(b)} ours); "
                f"it begins «{' '.join(body(pa)[:compare_pages.WORDS])}» in LO, "
                f"«{' '.join(body(pb)[:compare_pages.WORDS])}» in ours\n"
                f"      only in LO's page {i + 1}: {show(lo_only)}\n"
                f"      only in our page {i + 1}: {show(ours_only)}")
    return None


# One soffice process converts this many files; with several hundred in one call it stopped
# writing PDFs after about 250 here (no error given), so larger runs take a few calls.
PER_CALL = 100


def convert(docx, lo):
    """Converts the DOCX files to PDF in `lo` with LibreOffice, PER_CALL files a call, under a
    profile of its own (other soffice processes must not interfere). Returns the names of the
    files it wrote no PDF for."""
    with tempfile.TemporaryDirectory(prefix="dorkarta-lo-profile-") as profile:
        for i in range(0, len(docx), PER_CALL):
            run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", "pdf", "--outdir", lo, *docx[i:i + PER_CALL]])
    return [d.name for d in docx if not (lo / d.with_suffix(".pdf").name).exists()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "debug" / "dorkarta")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--sources", type=Path)
    args = ap.parse_args()
    if args.generate_only and not args.keep:
        ap.error("--generate-only needs --keep DIR")

    work = args.keep or Path(tempfile.mkdtemp(prefix="dorkarta-parity-"))
    try:
        sources = read_sources(args.sources) if args.sources else generate(args.seed, args.count)
        src, out, lo = work / "src", work / "out", work / "lo"
        for d in (src, out, lo):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
        for name, text, _, _ in sources:
            (src / name).write_text(text, encoding="utf-8")
        if args.generate_only:
            print(f"{len(sources)} sources in {src}")
            return 0

        files = [src / name for name, *_ in sources]
        check = run([args.bin, "check", *files])
        # Diagnostics read «FILE:LINE:COLUMN: message»; warnings say «предупреждение» first.
        failed = sorted(set(re.findall(r"(\d{4}\.yaml):\d+:\d+: (?!предупреждение)",
                                       check.stdout + check.stderr)))
        if check.returncode != 0:
            print(f"check refused generated sources ({', '.join(failed)}):\n{check.stderr[-3000:]}")
            return 1
        batch = run([args.bin, "batch", src, "-o", out, "--force"])
        if batch.returncode != 0:
            print(f"batch failed:\n{batch.stdout[-2000:]}{batch.stderr[-2000:]}")
            return 1
        docx = [out / name.replace(".yaml", ".docx") for name, *_ in sources]
        unconverted = convert(docx, lo)
        if unconverted:
            print(f"LibreOffice wrote no PDF for {', '.join(unconverted)}")
            return 1

        same, lines = 0, []
        for name, _, titles, cells in sources:
            stem = name.replace(".yaml", "")
            diff = compare(out / f"{stem}.pdf", lo / f"{stem}.pdf", titles, cells)
            if diff is None:
                same += 1
            else:
                lines.append(f"{name}: {diff}")
        for line in lines:
            print(line)
        share = same / len(sources)
        origin = f"from {args.sources}" if args.sources else f"seed {args.seed}"
        print(f"identical pages: {same}/{len(sources)} = {share:.1%} ({origin})")
        if args.json:
            args.json.write_text(json.dumps({"count": len(sources), "seed": args.seed,
                                             "identical": same, "checked": True,
                                             "mismatched": [line.split(":")[0] for line in lines]})
                                  + "\n")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
