#!/usr/bin/env python3
"""Packs the release archives from files already built (tools/release calls it).

    python3 tools/pack_release.py --version V --epoch SECONDS --out DIR \
        --linux target/dist/dorkarta --windows target/windows/.../dorkarta.exe

writes DIR/dorkarta-V-linux-x86_64.tar.gz and DIR/dorkarta-V-windows-x86_64.zip. Each holds one
folder dorkarta-V-<system>/ with the program, samples/, roadmap.schema.json, web/ (the browser
edition, when web/dist/ exists), licenses/ and the Russian guide ПРОЧТИТЕ.txt.

Same inputs, same bytes: entries in sorted order, every time stamp the given epoch (the commit
time, see tools/release), owner root:root (uid/gid 0, no names), modes 0755 for the program and
folders and 0644 for the rest, whatever the files' own; gzip without a name or a time; zip names
in UTF-8 with the flag that says so.
"""

import argparse
import gzip
import io
import os
import sys
import tarfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def contents(program_path, program_name, text_newline):
    """(name in the archive, bytes, executable) for every file, sorted by name."""
    files = [(program_name, read(program_path), True)]
    guide = read(os.path.join(ROOT, "docs/release-guide-ru.txt"))
    files.append(("ПРОЧТИТЕ.txt", guide.replace(b"\n", text_newline), False))
    files.append(("roadmap.schema.json", read(os.path.join(ROOT, "schema/roadmap.schema.json")), False))
    samples = os.path.join(ROOT, "samples")
    for name in sorted(os.listdir(samples)):
        if name.endswith(".yaml") or name == "README.md":
            files.append(("samples/" + name, read(os.path.join(samples, name)), False))
    for source, target in [
        ("fonts/LICENSE", "licenses/fonts-Liberation.txt"),
        ("fonts/LICENSE-DejaVu", "licenses/fonts-DejaVu.txt"),
        ("fonts/README.md", "licenses/fonts-README.md"),
        ("hyphenation/README.md", "licenses/hyphenation-README.md"),
    ]:
        files.append((target, read(os.path.join(ROOT, source)), False))
    dist = os.path.join(ROOT, "web/dist")
    if os.path.isdir(dist):
        for folder, dirs, names in os.walk(dist):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, dist).replace(os.sep, "/")
                files.append(("web/" + rel, read(path), False))
    files.sort(key=lambda f: f[0].encode("utf-8"))
    return files


def read(path):
    with open(path, "rb") as f:
        return f.read()


def folders(files):
    """Every folder above the files, sorted, so that archive tools make them with fixed modes."""
    found = set()
    for name, _, _ in files:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            found.add("/".join(parts[:i]))
    return sorted(found, key=lambda d: d.encode("utf-8"))


def entries(top, files):
    """Folders and files in one sorted order: (name, bytes or None for a folder, mode)."""
    items = [(top + "/", None, 0o755)]
    items += [(top + "/" + d + "/", None, 0o755) for d in folders(files)]
    items += [(top + "/" + n, data, 0o755 if exe else 0o644) for n, data, exe in files]
    items.sort(key=lambda e: e[0].encode("utf-8"))
    return items


def write_tar_gz(path, top, files, epoch):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data, mode in entries(top, files):
            info = tarfile.TarInfo(name.rstrip("/"))
            info.mtime = epoch
            info.mode = mode
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    with open(path + ".tmp", "wb") as out:
        # No file name and time zero in the gzip header.
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(raw.getvalue())
    os.replace(path + ".tmp", path)


def write_zip(path, top, files, epoch):
    # Zip stores local time with two-second steps, from 1980 on.
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(path + ".tmp", "w") as z:
        for name, data, mode in entries(top, files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, so that the modes below are read
            if data is None:
                info.external_attr = (0o40000 | mode) << 16 | 0x10
                z.writestr(info, b"")
            else:
                info.external_attr = (0o100000 | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compresslevel=9)
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", required=True)
    parser.add_argument("--epoch", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--linux", required=True)
    parser.add_argument("--windows", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for binary in (args.linux, args.windows):
        if not os.path.isfile(binary):
            sys.exit(f"tools/pack_release.py: {binary} is missing")
    top = f"dorkarta-{args.version}-linux-x86_64"
    tar_path = os.path.join(args.out, top + ".tar.gz")
    write_tar_gz(tar_path, top, contents(args.linux, "dorkarta", b"\n"), args.epoch)
    top = f"dorkarta-{args.version}-windows-x86_64"
    zip_path = os.path.join(args.out, top + ".zip")
    # The guide with CRLF on Windows, for every editor there.
    write_zip(zip_path, top, contents(args.windows, "dorkarta.exe", b"\r\n"), args.epoch)
    for path in (tar_path, zip_path):
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
