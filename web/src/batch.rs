//! A regional roadmap × a table of municipalities → a ZIP of documents, one row per call so
//! that the page can show progress. The table is read, the jobs named, clashing names refused
//! and the summary written by the same library code as `dorkarta batch`; only where the
//! documents go differs (a ZIP in memory instead of files in a folder).

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::Path;
use std::time::Duration;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use zip::write::SimpleFileOptions;

use dorkarta::batch::{
    Outcome, format_summary, municipality_job, refused_for_same_names, summarize,
};
use dorkarta::pipeline::{self, Options};
use dorkarta::region::{self, Municipality};
use dorkarta::report;

use crate::js;

#[wasm_bindgen]
pub struct Batch {
    source: Vec<u8>,
    source_name: String,
    /// The table as text to quote in messages (`region::quotable`).
    quote: Vec<u8>,
    table_name: String,
    rows: Vec<Municipality>,
    /// Per row: how the job is named, and its documents' name without extension.
    jobs: Vec<(String, String)>,
    /// Rows refused before rendering because another row's documents have the same name.
    refused: BTreeMap<usize, String>,
    outcomes: Vec<Outcome>,
    zip: Option<zip::ZipWriter<Cursor<Vec<u8>>>>,
    /// `Date.now()` at the start, for «Готово за N с».
    started: f64,
}

#[wasm_bindgen]
impl Batch {
    /// Reads the table as `dorkarta batch --municipalities` does; throws its diagnostics (an
    /// array) when the table as a whole cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(
        source: &str,
        table: &[u8],
        table_name: &str,
        source_name: Option<String>,
    ) -> Result<Batch, JsValue> {
        let format = region::TableFormat::of(table_name, table);
        // What messages quote: the table's text, not its bytes (a workbook: nothing).
        let quote = region::quotable(table, format);
        let rows = region::load_table(table, format)
            .map_err(|diags| table_diagnostics(table_name, &quote, &diags))?;
        let source_name = source_name.unwrap_or_else(|| crate::SOURCE_NAME.to_string());
        let jobs: Vec<(String, String)> = rows
            .iter()
            .map(|m| municipality_job(&source_name, m))
            .collect();
        let names: Vec<&str> = jobs.iter().map(|(name, _)| name.as_str()).collect();
        let bases: Vec<&Path> = jobs.iter().map(|(_, stem)| Path::new(stem)).collect();
        let faulty: Vec<bool> = rows.iter().map(|m| !m.errors.is_empty()).collect();
        let refused = refused_for_same_names(&names, &bases, &faulty);
        Ok(Batch {
            source: source.as_bytes().to_vec(),
            source_name,
            quote,
            table_name: table_name.to_string(),
            rows,
            jobs,
            refused,
            outcomes: Vec::new(),
            zip: Some(zip::ZipWriter::new(Cursor::new(Vec::new()))),
            started: js_sys::Date::now(),
        })
    }

    /// The number of rows, each a DOCX and a PDF.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no rows (never: an empty table is refused by the constructor).
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Renders the next row into the ZIP; `undefined` once every row is done. (Not an
    /// iterator: each call is one step the page reports progress after.)
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<JsValue, JsValue> {
        let index = self.outcomes.len();
        if index >= self.rows.len() {
            return Ok(JsValue::UNDEFINED);
        }
        let outcome = self.render_row(index)?;
        let (ok, messages) = match &outcome {
            Outcome::Rendered { warnings } => (true, warnings.clone()),
            Outcome::Failed { messages } => (false, messages.clone()),
            Outcome::Skipped | Outcome::NotStarted => (false, Vec::new()),
        };
        self.outcomes.push(outcome);
        Ok(js::object(&[
            ("index", JsValue::from(index as u32)),
            ("name", JsValue::from_str(&self.jobs[index].0)),
            ("ok", JsValue::from_bool(ok)),
            ("messages", js::strings(&messages).into()),
        ]))
    }

    /// The ZIP of the documents made so far; the batch takes no more rows after it.
    pub fn finish(&mut self) -> Result<Uint8Array, JsValue> {
        let zip = self
            .zip
            .take()
            .ok_or_else(|| js_sys::Error::new("архив уже выдан"))?;
        let bytes = zip.finish().map_err(zip_error)?.into_inner();
        Ok(Uint8Array::from(bytes.as_slice()))
    }

    /// The Russian summary `dorkarta batch` prints; rows not yet rendered count as not
    /// started, as in an interrupted batch.
    pub fn summary(&self) -> String {
        let names: Vec<&str> = self.jobs.iter().map(|(name, _)| name.as_str()).collect();
        let mut outcomes = self.outcomes.clone();
        outcomes.resize(self.rows.len(), Outcome::NotStarted);
        let took = (js_sys::Date::now() - self.started).max(0.0) / 1000.0;
        let interrupted = self.outcomes.len() < self.rows.len();
        format_summary(&summarize(
            &names,
            &outcomes,
            interrupted,
            Duration::from_secs_f64(took),
        ))
    }
}

impl Batch {
    /// One row as `dorkarta batch` renders it: a faulty row or a refused name fails without
    /// rendering; messages name the file at fault as the command line does.
    fn render_row(&mut self, index: usize) -> Result<Outcome, JsValue> {
        let m = &self.rows[index];
        if !m.errors.is_empty() {
            return Ok(Outcome::Failed {
                messages: report::messages(&self.table_name, Some(&self.quote), &m.errors),
            });
        }
        if let Some(message) = self.refused.get(&index) {
            return Ok(Outcome::Failed {
                messages: vec![message.clone()],
            });
        }
        let name = &self.source_name;
        let rendered = match pipeline::render(&self.source, Some(m), &Options::default()) {
            Ok(rendered) => rendered,
            Err(diags) => {
                return Ok(Outcome::Failed {
                    messages: report::messages(name, Some(&self.source), &diags),
                });
            }
        };
        let zip = self
            .zip
            .as_mut()
            .ok_or_else(|| js_sys::Error::new("архив уже выдан"))?;
        let stem = &self.jobs[index].1;
        // Fixed timestamps (1980-01-01): the same batch gives the same archive.
        let options = SimpleFileOptions::default()
            .last_modified_time(zip::DateTime::default())
            .compression_method(zip::CompressionMethod::Deflated);
        for (ext, data) in [("docx", &rendered.docx), ("pdf", &rendered.pdf)] {
            let Some(data) = data else { continue };
            zip.start_file(format!("{stem}.{ext}"), options)
                .map_err(zip_error)?;
            zip.write_all(data)
                .map_err(|e| js_sys::Error::new(&e.to_string()))?;
        }
        let warnings = report::messages(name, Some(&self.source), &rendered.warnings);
        Ok(Outcome::Rendered { warnings })
    }
}

/// The table's diagnostics, naming the table as their file.
fn table_diagnostics(name: &str, table: &[u8], diags: &[dorkarta::diag::Diagnostic]) -> JsValue {
    let array: Array = js::diagnostics(name, table, diags);
    for item in array.iter() {
        let file = js_sys::Reflect::get(&item, &JsValue::from_str("file")).unwrap_or_default();
        if file.is_null() {
            let _ = js_sys::Reflect::set(&item, &JsValue::from_str("file"), &name.into());
        }
    }
    array.into()
}

fn zip_error(e: zip::result::ZipError) -> JsValue {
    js_sys::Error::new(&format!("не удалось собрать архив: {e}")).into()
}
