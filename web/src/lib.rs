//! dorkarta in the browser: wasm-bindgen glue over the library, as `src/cli/` is glue for the
//! terminal. Every export calls the same library functions as the command line (the pipeline,
//! the report text, the batch summary), so the same source gives the same bytes and the same
//! Russian messages. The JS API is described in web/README.md.

mod batch;
mod js;

use wasm_bindgen::prelude::*;

use dorkarta::pipeline::{self, Formats, Options};

pub use batch::Batch;

/// The name the source goes by in the diagnostics' `text` (the page has no file name).
pub(crate) const SOURCE_NAME: &str = "source.yaml";

/// A panic cannot unwind on wasm32 (the module is built with panic=abort): the hook turns it
/// into a thrown JS `Error` with a Russian message, so the page shows it instead of a bare
/// "unreachable". The module's state is unknown afterwards: the page restarts its Worker.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!(
            "внутренняя ошибка dorkarta: {info}; пожалуйста, сообщите о ней разработчикам"
        ))
    }));
}

/// The version of dorkarta, as `dorkarta --version` prints it.
#[wasm_bindgen]
pub fn version() -> String {
    dorkarta::VERSION.to_string()
}

/// What `dorkarta check` reports for the source: its errors and warnings; empty when clean.
#[wasm_bindgen]
pub fn check(source: &str) -> js_sys::Array {
    let bytes = source.as_bytes();
    let diags = match pipeline::prepare(bytes, None) {
        Ok(resolved) => resolved.warnings,
        Err(diags) => diags,
    };
    js::diagnostics(SOURCE_NAME, bytes, &diags)
}

/// The document, byte for byte what `dorkarta render` writes; throws the diagnostics (an
/// array) when the source is invalid.
#[wasm_bindgen]
pub fn render(source: &str, format: &str) -> Result<js_sys::Uint8Array, JsValue> {
    let formats = match format {
        "docx" => Formats {
            docx: true,
            pdf: false,
        },
        "pdf" => Formats {
            docx: false,
            pdf: true,
        },
        other => {
            return Err(js_sys::Error::new(&format!(
                "формат «{other}» не поддерживается: нужен docx или pdf"
            ))
            .into());
        }
    };
    let bytes = source.as_bytes();
    let opts = Options {
        formats,
        ..Options::default()
    };
    let rendered = pipeline::render(bytes, None, &opts)
        .map_err(|diags| JsValue::from(js::diagnostics(SOURCE_NAME, bytes, &diags)))?;
    let document = rendered.docx.or(rendered.pdf).unwrap_or_default();
    Ok(js_sys::Uint8Array::from(document.as_slice()))
}

/// The JSON Schema of the source format, as `dorkarta schema` prints it.
#[wasm_bindgen]
pub fn schema() -> String {
    dorkarta::source::schema::SCHEMA.to_owned()
}

/// The sample roadmaps: `{name, text}` each, sorted by name.
#[wasm_bindgen]
pub fn samples() -> js_sys::Array {
    dorkarta::assets::SAMPLES
        .iter()
        .map(|(name, text)| {
            js::object(&[
                ("name", JsValue::from_str(name)),
                ("text", JsValue::from_str(text)),
            ])
        })
        .collect()
}

/// A new roadmap with Russian comments, for «Новый».
#[wasm_bindgen]
pub fn starter() -> String {
    dorkarta::assets::STARTER.to_string()
}

/// A roadmap kept in Word (DOCX) or Excel (XLSX) as a source, as `dorkarta import` makes it:
/// `{source, warnings}` (warnings as `check` reports them, against the new source); throws the
/// diagnostics (an array) when the file cannot be imported. `name` is the file's name: its
/// extension tells an old .doc from an old .xls in the message. In JS `importFile`: `import`
/// is a keyword there, and wasm-bindgen would rename it `_import`.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
    let imported = dorkarta::import::import(name, bytes, false)
        .map_err(|diags| JsValue::from(js::diagnostics(name, &[], &diags)))?;
    let source = imported.source.as_bytes();
    Ok(js::object(&[
        ("source", JsValue::from_str(&imported.source)),
        (
            "warnings",
            js::diagnostics(SOURCE_NAME, source, &imported.warnings).into(),
        ),
    ]))
}
