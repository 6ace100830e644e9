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

/// Liberation Serif 2.1.5 (fonts/README.md, SIL OFL in fonts/LICENSE): metric-compatible with
/// Times New Roman, which the DOCX names; embedded, subset, in every PDF.
pub const FONT_REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
pub const FONT_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
pub const FONT_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// DejaVu Sans cut down to symbol blocks, Armenian and Georgian (fonts/README.md, made by
/// tools/make_symbol_font.sh; licence in fonts/LICENSE-DejaVu): draws the characters Liberation
/// Serif lacks (₽ ✓ ☐ ☑ ⇒ → ★ …).
pub const FONT_SYMBOLS: &[u8] = include_bytes!("../fonts/DejaVuSans-Symbols.ttf");

/// The Russian hyphenation patterns, in the `hyphenation` crate's format (hyphenation/README.md).
pub const HYPHENATION_RU: &[u8] = include_bytes!("../hyphenation/ru.standard.bincode");

/// The sample roadmaps (samples/), by file name, sorted: what the page's «Образцы» offers.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "ershichi-2023.yaml",
        include_str!("../samples/ershichi-2023.yaml"),
    ),
    (
        "kaluga-2021.yaml",
        include_str!("../samples/kaluga-2021.yaml"),
    ),
    (
        "lomonosov-2020.yaml",
        include_str!("../samples/lomonosov-2020.yaml"),
    ),
    (
        "taganrog-2023.yaml",
        include_str!("../samples/taganrog-2023.yaml"),
    ),
];

/// A new roadmap with Russian comments: what the page's «Новый» opens (and `dorkarta new`
/// will write).
pub const STARTER: &str = include_str!("../templates/starter.yaml");
