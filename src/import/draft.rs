//! The source being recognised: the fields of the format (see `source::model`) as plain
//! values, with the notes the writer turns into `# import: …` comments beside them.

/// A note for the reader of the source: where a text came from, what was guessed or
/// corrected. Each becomes a comment and a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// Where in the imported file: «таблица 1, строка 5, столбец «Сроки»».
    pub place: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Something decided without certainty; `--strict` refuses it.
    Guess,
    /// A number the generator will print otherwise.
    Corrected,
    /// Text the format has no place for, kept in the comment.
    Unplaced,
}

impl Note {
    pub fn new(kind: NoteKind, place: impl Into<String>, text: impl Into<String>) -> Note {
        Note {
            kind,
            place: place.into(),
            text: text.into(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Draft {
    pub notes: Vec<Note>,
    pub order: Option<Order>,
    pub appendices: Vec<Roadmap>,
}

#[derive(Debug, Default)]
pub struct Order {
    pub notes: Vec<Note>,
    /// The kind of act, when the file names it (its heading, or «к постановлению» in a mark).
    pub kind: Option<crate::source::model::ActKind>,
    pub authority: String,
    pub authority_genitive: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub number: String,
    pub text: Option<OrderText>,
}

#[derive(Debug, Default)]
pub struct OrderText {
    pub header: Vec<String>,
    pub place: Option<String>,
    pub heading: String,
    pub preamble: Vec<String>,
    /// The command word, when it is not the act's usual one.
    pub command: Option<String>,
    pub clauses: Vec<Clause>,
    pub signature: Signature,
}

#[derive(Debug, Default)]
pub struct Clause {
    pub notes: Vec<Note>,
    pub text: String,
    pub items: Vec<String>,
    pub appendix: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Signature {
    pub position: String,
    pub name: String,
}

#[derive(Debug, Default, Clone)]
pub struct Mark {
    /// `appendix`, `approved`, `approver` or `none`.
    pub kind: &'static str,
    pub word: Option<String>,
    pub position: Option<String>,
    pub name: Option<String>,
    pub date: Option<String>,
    /// `words` when the mark prints the act's date in words.
    pub date_style: Option<&'static str>,
}

#[derive(Debug, Default)]
pub struct Roadmap {
    pub notes: Vec<Note>,
    pub id: Option<String>,
    /// The printed number, when it is not the appendix's place.
    pub number: Option<u32>,
    pub mark: Mark,
    pub title: String,
    pub subtitle: Option<String>,
    pub landscape: bool,
    pub numeric_dates: bool,
    pub preamble: Vec<PreambleBlock>,
    /// The indicators table above the activities, when the document has one.
    pub indicators: Option<Indicators>,
    pub columns: Vec<Column>,
    /// `continuous`, `per-stage` or `hierarchical`.
    pub numbering: &'static str,
    pub stage_number_hidden: bool,
    /// Stage rows numbered in Roman numerals.
    pub roman_stages: bool,
    /// Numbers typed without a dot («1», «1.1»); the format's default has one.
    pub without_dot: bool,
    /// A row of column numbers (1 2 3 …) stands under the header.
    pub column_numbers: bool,
    pub stages: Vec<Stage>,
    pub signature: Option<Signature>,
}

#[derive(Debug, Default)]
pub struct PreambleBlock {
    pub notes: Vec<Note>,
    pub label: String,
    pub text: Option<String>,
    pub list: Vec<String>,
}

/// An indicators table: its heading, columns (`number` and own keys) and rows of values.
#[derive(Debug, Default)]
pub struct Indicators {
    pub title: Option<String>,
    pub columns: Vec<Column>,
    pub column_numbers: bool,
    pub rows: Vec<Fields>,
}

#[derive(Debug)]
pub struct Column {
    pub notes: Vec<Note>,
    pub key: &'static str,
    pub title: String,
    pub width: f64,
    pub merge: bool,
    pub blank: bool,
    /// `center` or `right` when every value of the column stands so (and its kind of column
    /// is not centred anyway).
    pub align: Option<&'static str>,
    /// `middle` when every value of the column stands in the middle of its row.
    pub valign: Option<&'static str>,
    /// The title of the merged header cell above this column, in a two-row header.
    pub group: Option<String>,
    /// The period a column under a group names («I квартал» under «… 2025 г.»): `2025-Q1`.
    pub period: Option<String>,
}

#[derive(Debug, Default)]
pub struct Stage {
    pub notes: Vec<Note>,
    pub title: String,
    /// `italic` or `normal` when the stage row is not bold (the format's default).
    pub style: Option<&'static str>,
    pub items: Vec<Item>,
}

/// The values of a row for the columns other than number and activity, by column key; an own
/// column's key is one of [`super::columns::OWN_KEYS`] and is written under `values`.
pub type Fields = Vec<(&'static str, String)>;

#[derive(Debug, Default)]
pub struct Item {
    pub notes: Vec<Note>,
    pub heading: Option<String>,
    /// A heading row's `bold` or `normal` when it is not italic (the format's default).
    pub style: Option<&'static str>,
    pub activity: Option<String>,
    pub list: Vec<String>,
    pub fields: Fields,
    pub parts: Vec<Part>,
    pub items: Vec<Item>,
}

#[derive(Debug, Default)]
pub struct Part {
    pub notes: Vec<Note>,
    pub activity: String,
    pub list: Vec<String>,
    pub fields: Fields,
}

impl Draft {
    /// Every note, in the order of the source.
    pub fn all_notes(&self) -> Vec<&Note> {
        let mut out: Vec<&Note> = self.notes.iter().collect();
        if let Some(order) = &self.order {
            out.extend(&order.notes);
            if let Some(text) = &order.text {
                for clause in &text.clauses {
                    out.extend(&clause.notes);
                }
            }
        }
        for roadmap in &self.appendices {
            out.extend(&roadmap.notes);
            for block in &roadmap.preamble {
                out.extend(&block.notes);
            }
            for column in &roadmap.columns {
                out.extend(&column.notes);
            }
            for stage in &roadmap.stages {
                out.extend(&stage.notes);
                for item in &stage.items {
                    item_notes(item, &mut out);
                }
            }
        }
        out
    }
}

fn item_notes<'a>(item: &'a Item, out: &mut Vec<&'a Note>) {
    out.extend(&item.notes);
    for part in &item.parts {
        out.extend(&part.notes);
    }
    for child in &item.items {
        item_notes(child, out);
    }
}
