//! The release archives (tools/pack_release.py, which `bash tools/release` runs): what each
//! holds, and the same bytes when packed twice from the same inputs, whatever the programs'
//! own time stamps and modes.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
const EPOCH: &str = "1764892800"; // 2025-12-05 00:00:00 UTC

/// Packs with the given program files into `out`; returns (tar.gz bytes, zip bytes).
fn pack(out: &Path, linux: &Path, windows: &Path) -> (Vec<u8>, Vec<u8>) {
    let run = Command::new("python3")
        .arg(Path::new(MANIFEST).join("tools/pack_release.py"))
        .args(["--version", "9.8.7", "--epoch", EPOCH, "--out"])
        .arg(out)
        .arg("--linux")
        .arg(linux)
        .arg("--windows")
        .arg(windows)
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let tar = fs::read(out.join("dorkarta-9.8.7-linux-x86_64.tar.gz")).unwrap();
    let zip = fs::read(out.join("dorkarta-9.8.7-windows-x86_64.zip")).unwrap();
    (tar, zip)
}

/// Two copies of a program that differ in everything but their bytes: time stamp and mode.
fn program_copies(dir: &Path) -> [std::path::PathBuf; 2] {
    let bytes = b"MZ stand-in program\n";
    let a = dir.join("a/dorkarta");
    let b = dir.join("b/dorkarta");
    for (path, mode, age) in [(&a, 0o700, 1000), (&b, 0o755, 5)] {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
        }
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age * 3600);
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    [a, b]
}

/// Proves: same inputs, same bytes: packing twice (programs with other time stamps and
/// modes, another output folder, another moment) gives identical archives.
#[test]
fn release_archives_are_the_same_bytes_when_packed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b] = program_copies(dir.path());
    let first = pack(&dir.path().join("first"), &a, &a);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = pack(&dir.path().join("second"), &b, &b);
    assert!(first.0 == second.0, "the tar.gz differs");
    assert!(first.1 == second.1, "the zip differs");
}

/// Proves: the zip holds the program, the guide, the schema, the samples and the licences in
/// one folder, names in UTF-8 (flagged), every time stamp the epoch, the program executable;
/// the tar.gz the same list, owned by root.
#[test]
fn release_archives_hold_the_program_guide_schema_and_samples() {
    let dir = tempfile::tempdir().unwrap();
    let [a, _] = program_copies(dir.path());
    let (_, zip) = pack(dir.path(), &a, &a);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let top = "dorkarta-9.8.7-windows-x86_64/";
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    for want in [
        "dorkarta.exe",
        "ПРОЧТИТЕ.txt",
        "roadmap.schema.json",
        "samples/kaluga-2021.yaml",
        "samples/taganrog-2023.yaml",
        "licenses/fonts-Liberation.txt",
    ] {
        assert!(
            names.contains(&format!("{top}{want}")),
            "{want} missing: {names:?}"
        );
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries in sorted order");
    let mut guide = String::new();
    archive
        .by_name(&format!("{top}ПРОЧТИТЕ.txt"))
        .unwrap()
        .read_to_string(&mut guide)
        .unwrap();
    assert!(guide.contains("перетащите файл дорожной карты"), "{guide}");
    assert!(guide.contains("\r\n"), "CRLF on Windows");
    let exe = archive.by_name(&format!("{top}dorkarta.exe")).unwrap();
    assert_eq!(exe.unix_mode(), Some(0o100755));
    let stamp = exe.last_modified().unwrap();
    assert_eq!(
        (stamp.year(), stamp.month(), stamp.day(), stamp.hour()),
        (2025, 12, 5, 0)
    );
    drop(exe);

    let listing = Command::new("tar")
        .args(["--list", "--verbose", "--numeric-owner", "--utc", "--file"])
        .arg(dir.path().join("dorkarta-9.8.7-linux-x86_64.tar.gz"))
        .output()
        .expect("tar runs");
    assert!(listing.status.success());
    let listing = String::from_utf8(listing.stdout).unwrap();
    for line in listing.lines() {
        assert!(line.contains(" 0/0 "), "owned by root: {line}");
        assert!(line.contains(" 2025-12-05 00:00 "), "time stamp: {line}");
    }
    let program = listing
        .lines()
        .find(|l| l.ends_with(" dorkarta-9.8.7-linux-x86_64/dorkarta"))
        .expect("the program is there");
    assert!(program.starts_with("-rwxr-xr-x 0/0 "), "{program}");
    for want in [
        "dorkarta-9.8.7-linux-x86_64/ПРОЧТИТЕ.txt\n",
        "dorkarta-9.8.7-linux-x86_64/samples/ershichi-2023.yaml\n",
    ] {
        assert!(listing.contains(want), "{want} missing:\n{listing}");
    }
}
