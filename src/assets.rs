//! Files embedded in the binary. This is the only place that knows their names.

/// The template that wraps the sections into one document.
pub const DOCUMENT_TEMPLATE: &str = "document.xhtml.tera";
/// The order's own text: one section, rendered when the source has the order's text.
pub const ORDER_TEMPLATE: &str = "order.xhtml.tera";
/// One appendix: one section, rendered once per appendix.
pub const APPENDIX_TEMPLATE: &str = "appendix.xhtml.tera";

/// The built-in templates, by name. A user's template folder overrides them by these names.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        DOCUMENT_TEMPLATE,
        include_str!("../templates/document.xhtml.tera"),
    ),
    (
        ORDER_TEMPLATE,
        include_str!("../templates/order.xhtml.tera"),
    ),
    (
        APPENDIX_TEMPLATE,
        include_str!("../templates/appendix.xhtml.tera"),
    ),
    (
        "requisites.xhtml.tera",
        include_str!("../templates/requisites.xhtml.tera"),
    ),
    (
        "table.xhtml.tera",
        include_str!("../templates/table.xhtml.tera"),
    ),
];

/// The font program at `index` in the order of [`crate::fonts::Face::ALL`]: Liberation Serif 2.1.5
/// regular, bold, italic and bold italic (fonts/README.md, SIL OFL in fonts/LICENSE),
/// metric-compatible with Times New Roman, which the DOCX names, embedded, subset, in every PDF;
/// then DejaVu Sans cut down to symbol blocks, Armenian and Georgian (made by
/// tools/make_symbol_font.sh; licence in fonts/LICENSE-DejaVu), which draws the characters
/// Liberation Serif lacks (₽ ✓ ☐ ☑ ⇒ → ★ …).
#[cfg(not(feature = "packed-fonts"))]
pub fn font_program(index: usize) -> &'static [u8] {
    const PROGRAMS: [&[u8]; FONT_COUNT] = [
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
        include_bytes!("../fonts/DejaVuSans-Symbols.ttf"),
    ];
    PROGRAMS[index]
}

/// The same font programs, each unpacked from its brotli-packed copy (fonts/packed/, made by
/// tools/pack_fonts.mjs) the first time it is asked for: a document set in the regular and
/// bold faces alone never unpacks the other three, and unpacking is most of what the fonts
/// cost a single render. The browser's module carries them packed, since the page is sent
/// gzip-compressed and gzip shrinks a font far less than brotli (0.94 MB of the fonts against
/// 0.78 MB); so do the shipped programs, to stay within 8 MB. The unpacked bytes are the
/// files' own, so documents are the same.
#[cfg(feature = "packed-fonts")]
pub fn font_program(index: usize) -> &'static [u8] {
    use std::sync::OnceLock;
    static UNPACKED: [OnceLock<Vec<u8>>; FONT_COUNT] = [const { OnceLock::new() }; FONT_COUNT];
    UNPACKED[index].get_or_init(|| unpack(PACKED_FONTS[index], FONT_SIZES[index]))
}

/// How many font programs there are: [`crate::fonts::FACES`].
pub const FONT_COUNT: usize = 5;

/// The brotli-packed font programs, in the order of [`font_program`]. Also compiled into the
/// tests, which check each unpacks to its font file.
#[cfg(any(feature = "packed-fonts", test))]
const PACKED_FONTS: [&[u8]; FONT_COUNT] = [
    include_bytes!("../fonts/packed/LiberationSerif-Regular.ttf.br"),
    include_bytes!("../fonts/packed/LiberationSerif-Bold.ttf.br"),
    include_bytes!("../fonts/packed/LiberationSerif-Italic.ttf.br"),
    include_bytes!("../fonts/packed/LiberationSerif-BoldItalic.ttf.br"),
    include_bytes!("../fonts/packed/DejaVuSans-Symbols.ttf.br"),
];

/// The size of each font program, unpacked (read from the files when building; their bytes
/// are not in the build).
#[cfg(any(feature = "packed-fonts", test))]
const FONT_SIZES: [usize; FONT_COUNT] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf").len(),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf").len(),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf").len(),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf").len(),
    include_bytes!("../fonts/DejaVuSans-Symbols.ttf").len(),
];

/// Unpacks a brotli-packed file of `size` bytes embedded in the build. A broken one (a corrupt
/// build) gives what was read: the font parser then refuses it, and the user gets the fonts'
/// own message.
///
/// Through `brotli_decode`, which is not generic: the decoder is compiled in its own crate, at
/// the opt-level the shipped profile gives it (see Cargo.toml), not at the size-first level of
/// this crate. The streaming `Decompressor` would be compiled here.
#[cfg(any(feature = "packed-fonts", test))]
fn unpack(packed: &[u8], size: usize) -> Vec<u8> {
    let mut out = vec![0; size];
    let info = brotli_decompressor::brotli_decode(packed, &mut out);
    out.truncate(info.decoded_size);
    out
}

/// The Russian hyphenation patterns, in the `hyphenation` crate's format (hyphenation/README.md).
pub const HYPHENATION_RU: &[u8] = include_bytes!("../hyphenation/ru.standard.bincode");

/// The sample roadmaps (samples/), by file name, sorted: what the page's «Образцы» offers.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "berezovka-2024.yaml",
        include_str!("../samples/berezovka-2024.yaml"),
    ),
    (
        "ershichi-2023.yaml",
        include_str!("../samples/ershichi-2023.yaml"),
    ),
    (
        "kaluga-2021.yaml",
        include_str!("../samples/kaluga-2021.yaml"),
    ),
    (
        "kedrovka-2025.yaml",
        include_str!("../samples/kedrovka-2025.yaml"),
    ),
    (
        "lomonosov-2020.yaml",
        include_str!("../samples/lomonosov-2020.yaml"),
    ),
    (
        "sosnovka-2025.yaml",
        include_str!("../samples/sosnovka-2025.yaml"),
    ),
    (
        "taganrog-2023.yaml",
        include_str!("../samples/taganrog-2023.yaml"),
    ),
    (
        "zarechny-2024.yaml",
        include_str!("../samples/zarechny-2024.yaml"),
    ),
];

/// A new roadmap with Russian comments: what the page's «Новый» opens (and `dorkarta new`
/// will write).
pub const STARTER: &str = include_str!("../templates/starter.yaml");

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's «Образцы» offers every sample of the repository (its tests open each one).
    #[test]
    fn every_sample_file_is_offered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        files.sort();
        let offered: Vec<&str> = SAMPLES.iter().map(|(name, _)| *name).collect();
        assert_eq!(offered, files);
    }

    /// The browser's module draws with the packed copies: they must be the fonts the command
    /// line draws with, byte for byte (tools/pack_fonts.mjs remakes them after a font changes).
    #[test]
    fn each_packed_font_unpacks_to_its_font_file() {
        for (index, packed) in PACKED_FONTS.iter().enumerate() {
            assert!(
                unpack(packed, FONT_SIZES[index]) == font_program(index),
                "a packed font differs from its file"
            );
        }
    }
}
