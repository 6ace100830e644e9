//! Library values as plain JS objects.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use dorkarta::diag::{Diagnostic, Severity};

/// A plain object with these fields.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a field of a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// Strings as a JS array.
pub fn strings(items: &[String]) -> Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// Diagnostics of the file `file` (its bytes `source`) as `Diagnostic` objects (web/README.md),
/// each with its text as `dorkarta check` prints it.
pub fn diagnostics(file: &str, source: &[u8], diags: &[Diagnostic]) -> Array {
    diags
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let text = dorkarta::report::render(file, Some(source), d);
            object(&[
                ("severity", JsValue::from_str(severity)),
                (
                    "file",
                    d.file.as_deref().map_or(JsValue::NULL, JsValue::from_str),
                ),
                ("line", JsValue::from(d.pos.line)),
                ("column", JsValue::from(d.pos.column)),
                ("path", JsValue::from_str(&d.path)),
                ("message", JsValue::from_str(&d.message)),
                ("hints", strings(&d.hints).into()),
                ("text", JsValue::from_str(text.trim_end())),
            ])
        })
        .collect()
}
