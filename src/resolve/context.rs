//! The resolved document: what templates see.
//!
//! Everything a template needs is decided here, so templates only lay it out: numbers are
//! computed, dates are formatted, non-breaking spaces are in place (after «№», inside
//! initials), and the table is flattened into rows of cells with their spans already set
//! (parts, vertical merges, stage rows). Templates never compute, and nothing here knows
//! DOCX, PDF or XHTML.
//!
//! Serialized to the tera context as is; field names are the template's vocabulary, so a
//! rename here is a breaking change for user templates (documented in README).

use serde::{Deserialize, Serialize};

/// The template context root.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Resolved {
    pub meta: MetaCtx,
    /// The order; absent when the source has none (a roadmap approved by a person, or with
    /// no mark).
    pub order: Option<OrderCtx>,
    /// One or more appendices, in order.
    pub appendices: Vec<AppendixCtx>,
}

/// Document properties.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetaCtx {
    /// The first appendix's title on one line, or the order's heading for an order.
    pub title: String,
    /// The order's authority (nominative); without an order, the position of the person who
    /// approves, or empty.
    pub author: String,
    /// The date of the act, `YYYY-MM-DD`: the order's, else the first approval's, else empty.
    /// The DOCX gives it as the document's creation and modification date.
    pub date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderCtx {
    /// The kind of act and its printed forms.
    pub act: ActCtx,
    pub authority: String,
    pub authority_genitive: String,
    /// «16.02.2023».
    pub date: String,
    /// «16 февраля 2023 г.».
    pub date_words: String,
    /// «206».
    pub number: String,
    /// The order's own text; absent when the document is the appendix alone.
    pub text: Option<OrderTextCtx>,
}

/// The approving act's kind as printed (see `resolve::acts`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActCtx {
    /// As the source names it: "приказ", "постановление", "распоряжение", "решение".
    pub kind: String,
    /// The act's own heading: «ПОСТАНОВЛЕНИЕ».
    pub heading: String,
    /// «Постановление», for the document's subject.
    pub nominative: String,
    /// «постановлению», after «Приложение к».
    pub dative: String,
    /// «постановлением», after «УТВЕРЖДЕНА».
    pub instrumental: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderTextCtx {
    pub header: Vec<String>,
    pub place: Option<String>,
    pub heading: String,
    pub preamble: Vec<String>,
    /// The word before the clauses, «п р и к а з ы в а ю:»; empty when the act prints none.
    pub command: String,
    pub clauses: Vec<ClauseCtx>,
    pub signature: SignatureCtx,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClauseCtx {
    /// «1.».
    pub number: String,
    /// The text, with «(приложение 1)» inserted when the clause refers to an appendix.
    pub text: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignatureCtx {
    pub position: String,
    pub name: String,
    pub electronic: Option<ElectronicCtx>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ElectronicCtx {
    pub certificate: String,
    pub owner: String,
    /// «01.12.2022».
    pub valid_from: String,
    pub valid_to: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppendixCtx {
    /// The source's `number`, else 1, 2 … when the document has several appendices; absent
    /// for a single one («Приложение» without a number).
    pub number: Option<u32>,
    pub mark: MarkCtx,
    /// Title lines (the source's line breaks).
    pub title: Vec<String>,
    pub subtitle: Option<String>,
    /// "portrait" or "landscape".
    pub orientation: String,
    pub preamble: Vec<PreambleCtx>,
    /// How a preamble label is set off from its text: "colon", "dash", "none" or "above".
    pub preamble_labels: String,
    pub columns: Vec<ColumnCtx>,
    /// The indicators table before the activities, when the appendix has one.
    pub indicators: Option<IndicatorsCtx>,
    /// The header rows: one, or two when columns are grouped (see `own_columns.rs`).
    pub header: Vec<Vec<HeaderCellCtx>>,
    /// Whether a row of column numbers (1 2 3 … n) follows the header.
    pub column_numbers: bool,
    /// The table body, flattened: stage rows, heading rows, item rows, part rows.
    pub rows: Vec<RowCtx>,
    pub signature: Option<SignatureCtx>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MarkCtx {
    /// "appendix", "approved", "approver" or "none".
    pub kind: String,
    /// For "approved": «УТВЕРЖДЕНА» and the like.
    pub word: Option<String>,
    /// For "approver".
    pub position: Option<String>,
    pub name: Option<String>,
    /// For "approver", formatted in the mark's date style: «22.09.2021» or «22 сентября
    /// 2021 г.».
    pub date: Option<String>,
    /// The order's date as this mark prints it («от …» of "appendix" and "approved"), in the
    /// mark's date style; absent without an order.
    pub order_date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreambleCtx {
    pub label: String,
    pub text: Option<String>,
    pub list: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ColumnCtx {
    /// The column key: "number", "activity", "deadline", …
    pub key: String,
    pub title: String,
    /// Share of the table width, in percent; all columns add up to 100.
    pub width: f32,
    /// Where the column's key stands in the source, «line:column» (see [`RowCtx::source`]).
    pub source: String,
}

/// The indicators table: its heading, columns and header as the activities table has them,
/// and its rows (kind "indicator"), one cell per column.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorsCtx {
    pub title: Option<String>,
    pub columns: Vec<ColumnCtx>,
    pub header: Vec<Vec<HeaderCellCtx>>,
    pub column_numbers: bool,
    pub rows: Vec<RowCtx>,
}

/// One cell of the header: a column's title, or a group's over its columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeaderCellCtx {
    pub title: String,
    pub colspan: usize,
    pub rowspan: usize,
    /// Where the column's key (a group's: its first column's) stands in the source.
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowCtx {
    /// "stage", "heading", "item" or "part". An "item" row starts a numbered item and holds
    /// its cells that span all its rows (the number); for an item with parts it is the item's
    /// own lead line, or its first part when it has no text of its own. Each further part is a
    /// "part" row.
    pub kind: String,
    /// Cells left to right; positions covered by a rowspan from above are left out.
    pub cells: Vec<CellCtx>,
    /// Where the stage, item or part the row is made of stands in the source, «line:column»
    /// (empty when unknown): templates pass it on as `data-source`, so that what layout finds
    /// about the row is reported there.
    pub source: String,
    /// How a "stage" or "heading" row prints, as the source asks or by default: "bold",
    /// "italic" or "normal". Empty for item and part rows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub emphasis: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CellCtx {
    /// The column key of the cell's first column, or "title" for a stage or heading title.
    pub key: String,
    pub colspan: usize,
    pub rowspan: usize,
    /// Paragraphs of text (a line break in the source starts a new one).
    pub text: Vec<String>,
    /// Bulleted list after the text.
    pub list: Vec<String>,
    /// The column's alignment when it has its own ("left", "center", "right"); empty: as
    /// the cell's role has it.
    #[serde(default)]
    pub align: String,
    /// "middle" when the column's cells stand in the middle of the row; empty: at the top.
    #[serde(default)]
    pub valign: String,
}
