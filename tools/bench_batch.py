#!/usr/bin/env python3
"""Batch benchmark: a synthetic country of seed-size roadmaps through `dorkarta batch`.

Usage: python3 tools/bench_batch.py [--count 2300] [--runs 3] [--jobs N] [--bin PATH]

Builds the release binary (unless --bin is given), writes COUNT sources into a temporary
folder (the four samples in turn, 100 to a region folder, each with its municipality's name in
the title so that no two documents are the same), then times `dorkarta batch --force` over
them RUNS times and prints the median: documents per second, milliseconds per document (DOCX
and PDF both), CPU milliseconds per document (all threads: what a document costs the machine,
whatever the number of cores) and the peak resident memory of the batch process. It also times the
one-table-per-municipality mode (`--municipalities`, one region source and a CSV of COUNT
municipalities).

Side by side, in the same run:
- LibreOffice converting one of our DOCX files to PDF (`soffice --headless --convert-to pdf`,
  the way an office converts one document; a fresh process each time);
- Typst (PyPI package `typst`, in process) compiling a comparable document: the same
  appendix, its text and its table, turned from dorkarta's page description into Typst markup,
  set in the same Liberation Serif. Skipped when the package is not installed.
Ratios are printed as «their time per document / ours».

Also prints the machine's load average before and after, since all figures are wall time.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
PER_REGION = 100


def run_measured(cmd, **kw):
    """Runs cmd; returns (seconds, peak RSS in MiB, stdout+stderr, CPU seconds of all threads)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{out.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, out.decode(), usage.ru_utime + usage.ru_stime


def write_sources(folder, count):
    """COUNT sources, the samples in turn, each titled after its own municipality."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for i in range(count):
        text = texts[i % len(texts)]
        # The first `title:` of the source gets the municipality's number: every document
        # differs, as real ones do, while its size stays the sample's.
        text = re.sub(r"(\n\s*title: )(>-\n\s*)?", lambda m: m.group(0) + f"Муниципалитет {i + 1}. ",
                      text, count=1)
        region = folder / f"region-{i // PER_REGION + 1:02d}"
        region.mkdir(parents=True, exist_ok=True)
        (region / f"mo-{i + 1:04d}.yaml").write_text(text, encoding="utf-8")


def write_region(folder, count):
    """One regional source (Ershichi, with the order) and a CSV of COUNT municipalities."""
    source = (ROOT / "samples/ershichi-2023.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "region.yaml").write_text(source, encoding="utf-8")
    lines = ["name;authority;authority_genitive;date;number"]
    for i in range(count):
        lines.append(f"Муниципалитет {i + 1};Отдел образования;Отдела образования;"
                     f"2023-10-30;{100 + i}")
    (folder / "list.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def median_batch(binary, args, runs, count):
    """Median wall time, the largest peak RSS and the median CPU time of `runs` batch runs."""
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        elapsed, rss, _, cpu = run_measured([binary, "batch", *args, "--force"])
        times.append(elapsed)
        peaks.append(rss)
        cpus.append(cpu)
    return statistics.median(times), max(peaks), statistics.median(cpus)


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- Typst: dorkarta's page description of the appendix, as Typst markup ---

def typst_escape(text):
    return re.sub(r"([\\#*_`$@<>\[\]~\"/])", r"\\\1", text)


def inline(node):
    """Text of a <p>/<td> with <b> and <i> as Typst strong and emphasis."""
    parts = [typst_escape(node.text or "")]
    for child in node:
        inner = inline(child)
        if child.tag == "b":
            parts.append(f"#strong[{inner}]")
        elif child.tag == "i":
            parts.append(f"#emph[{inner}]")
        elif child.tag == "br":
            parts.append(" \\ ")
        elif child.tag in ("ul", "ol"):
            parts.append("".join(f"\n- {inline(li)}" for li in child) + "\n")
        else:
            parts.append(inner)
        parts.append(typst_escape(child.tail or ""))
    return "".join(parts).strip()


def cell(td):
    attrs = []
    if td.get("colspan"):
        attrs.append(f"colspan: {td.get('colspan')}")
    if td.get("rowspan"):
        attrs.append(f"rowspan: {td.get('rowspan')}")
    body = inline(td)
    if td.tag == "th":
        body = f"#strong[{body}]"
    return f"table.cell({', '.join(attrs)})[{body}]" if attrs else f"[{body}]"


def to_typst(xhtml):
    doc = ET.fromstring(xhtml)
    out = ['#set page(paper: "a4", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 10mm),'
           ' header: context { if counter(page).get().first() > 1 [#align(center)[#counter(page).display()]] })',
           '#set text(font: "Liberation Serif", size: 14pt, lang: "ru", hyphenate: false)',
           '#set par(justify: true)']
    for section in doc.iter("section"):
        for block in section:
            if block.tag == "p":
                out.append(inline(block) + "\n")
            elif block.tag == "table":
                widths = ", ".join(f"{w}fr" for w in block.get("widths").split())
                rows = []
                head = block.find("thead")
                if head is not None:
                    cells = ", ".join(cell(td) for tr in head for td in tr)
                    rows.append(f"table.header({cells}),")
                for tr in block.find("tbody") if block.find("tbody") is not None else block:
                    rows.append(", ".join(cell(td) for td in tr) + ",")
                out.append(f"#set text(size: 12pt)\n#set par(justify: false)\n#table(columns: ({widths}), stroke: 0.5pt,\n"
                           + "\n".join(rows) + "\n)\n#set text(size: 14pt)\n#set par(justify: true)")
    return "\n".join(out)


def bench_typst(binary, sample, fonts, runs):
    try:
        import typst
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "render", sample, "-o", tmp, "--format", "pdf", "--emit", "html"],
                       check=True, capture_output=True)
        xhtml = next(Path(tmp).glob("*.html")).read_text(encoding="utf-8")
        main = Path(tmp) / "main.typ"
        main.write_text(to_typst(xhtml), encoding="utf-8")
        typst.compile(str(main), font_paths=[str(fonts)], ignore_system_fonts=True)  # warm up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            pdf = typst.compile(str(main), font_paths=[str(fonts)], ignore_system_fonts=True)
            times.append(time.perf_counter() - start)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        return statistics.median(times), pages


def bench_libreoffice(binary, sample, runs):
    if shutil.which("soffice") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "render", sample, "-o", tmp, "--format", "docx"],
                       check=True, capture_output=True)
        docx = next(Path(tmp).glob("*.docx"))
        profile = Path(tmp) / "profile"
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(Path(tmp) / "lo"), str(docx)]
        subprocess.run(cmd, check=True, capture_output=True)  # first start makes the profile
        times = [run_measured(cmd)[0] for _ in range(runs)]
        return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=2300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--bin", default=None, help="dorkarta binary (default: build release)")
    a = ap.parse_args()
    binary = a.bin
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = str(ROOT / "target/release/dorkarta")
    jobs = ["--jobs", str(a.jobs)] if a.jobs else []
    print(f"machine: {os.cpu_count()} cores; load average before: {loadavg()}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_sources(tmp / "src", a.count)
        wall, rss, cpu = median_batch(
            binary, [str(tmp / "src"), "-o", str(tmp / "out"), *jobs], a.runs, a.count)
        made = len(list((tmp / "out").rglob("*.pdf")))
        assert made == a.count, f"{made} PDFs written, {a.count} expected"
        per_doc = wall / a.count
        print(f"batch, {a.count} sources (4 samples in turn, {PER_REGION} to a folder): "
              f"median of {a.runs} {wall:.2f} s; {a.count / wall:.0f} documents/s; "
              f"{per_doc * 1000:.2f} ms per document (DOCX + PDF); "
              f"CPU {cpu / a.count * 1000:.2f} ms per document (all threads); peak RSS {rss:.0f} MiB")

        write_region(tmp / "region", a.count)
        r_wall, r_rss, r_cpu = median_batch(
            binary, [str(tmp / "region/region.yaml"), "--municipalities",
                     str(tmp / "region/list.csv"), "-o", str(tmp / "out-region"), *jobs],
            a.runs, a.count)
        print(f"batch --municipalities, {a.count} municipalities of ershichi-2023 (13 pages): "
              f"median {r_wall:.2f} s; {a.count / r_wall:.0f} documents/s; "
              f"{r_wall / a.count * 1000:.2f} ms per document; "
              f"CPU {r_cpu / a.count * 1000:.2f} ms per document; peak RSS {r_rss:.0f} MiB")

        sample = str(ROOT / "samples/taganrog-2023.yaml")
        one, _, _, _ = run_measured([binary, "render", sample, "-o", str(tmp / "one")])
        print(f"one `dorkarta render` of taganrog-2023 (process start included): {one * 1000:.0f} ms")

        lo = bench_libreoffice(binary, sample, a.runs)
        if lo is None:
            print("LibreOffice: soffice not installed, skipped")
        else:
            print(f"LibreOffice DOCX→PDF of taganrog-2023: median {lo * 1000:.0f} ms; "
                  f"{lo / per_doc:.0f}× our batch time per document (DOCX and PDF), "
                  f"{lo / one:.1f}× one `dorkarta render`")
        ty = bench_typst(binary, sample, ROOT / "fonts", max(a.runs, 5))
        if ty is None:
            print("Typst: `pip install typst` to compare, skipped")
        else:
            t, pages = ty
            print(f"Typst (PyPI typst, in process) compiling taganrog-2023 as Typst markup "
                  f"({pages} pages): median {t * 1000:.1f} ms; {t / per_doc:.1f}× our batch time "
                  f"per document (DOCX and PDF)")
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
