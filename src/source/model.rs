//! The source format: serde types exactly as a user writes them in YAML.
//!
//! Nothing here is checked beyond what serde can check (types and known keys): dates, numbering,
//! column references and every cross-field rule live in `resolve`. Values that `resolve` reports
//! on carry their YAML position through [`Spanned`], so a message can name line and column.
//!
//! Keys are English, values Russian. Each field carries a Russian description for the JSON
//! Schema (`dorkarta schema`), which editors show while the user types.

use schemars::JsonSchema;
use serde::Deserialize;
pub use serde_saphyr::Spanned;

/// A string that remembers where it stood in the source.
pub type SpannedText = Spanned<String>;

/// One source file: the order that approves the roadmap(s), and either one appendix or several.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Источник dorkarta: дорожная карта — приложение к приказу")]
pub struct Source {
    /// The order: who issued it, when, its number, and optionally its own text.
    pub order: Order,
    /// The one appendix (the usual case). Exactly one of `appendix` and `appendices` is given.
    #[serde(default)]
    pub appendix: Option<Roadmap>,
    /// Several appendices, numbered «Приложение № 1», «№ 2» in this order.
    #[serde(default)]
    pub appendices: Vec<Roadmap>,
}

/// The order (приказ) the appendix belongs to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// Who issued the order, nominative: «Управление образования г. Таганрога».
    pub authority: String,
    /// The same in the genitive, as printed after «к приказу» / «приказом»:
    /// «Управления образования г. Таганрога».
    pub authority_genitive: String,
    /// Date of the order, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: SpannedText,
    /// Registration number of the order, as a string: "206", "45-ОД".
    #[schemars(with = "String")]
    pub number: SpannedText,
    /// The order's own text. When present, the document is the order itself, followed by its
    /// appendices; when absent, the document is the appendix alone.
    #[serde(default)]
    pub text: Option<OrderText>,
}

/// The text of an order: header, heading, preamble, clauses, signature.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderText {
    /// Lines of the authority's header, printed in capitals, centred.
    #[serde(default)]
    pub header: Vec<String>,
    /// Place of issue under the date line, e.g. «г. Ершичи».
    #[serde(default)]
    pub place: Option<String>,
    /// Heading: «Об утверждении …».
    pub heading: String,
    /// Preamble paragraphs, before «п р и к а з ы в а ю:».
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Numbered clauses 1, 2, 3 …
    pub clauses: Vec<Clause>,
    /// Who signs the order.
    pub signature: Signature,
}

/// One numbered clause of an order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Text of the clause.
    pub text: String,
    /// Dash items under the clause («- обеспечить …»).
    #[serde(default)]
    pub items: Vec<String>,
    /// The appendix this clause approves, by its `id`: the clause gets «(приложение N)».
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub appendix: Option<SpannedText>,
}

/// A signature: position at the left margin, «И.О. Фамилия» at the right.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Position, e.g. «Начальник Отдела по образованию».
    pub position: String,
    /// Initials and surname, «А.В. Пуликова».
    pub name: String,
    /// The electronic-signature mark printed in place of a handwritten signature.
    #[serde(default)]
    pub electronic: Option<ElectronicSignature>,
}

/// Data of a qualified electronic signature, for the mark «ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ».
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElectronicSignature {
    /// Certificate serial number.
    pub certificate: String,
    /// Owner: surname, name, patronymic.
    pub owner: String,
    /// First day of validity, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub valid_from: SpannedText,
    /// Last day of validity, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub valid_to: SpannedText,
}

/// One roadmap: one appendix of the order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// Identifier a clause of the order refers to (`appendix: <id>`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub id: Option<SpannedText>,
    /// The mark in the upper right corner of the first page.
    #[serde(default)]
    pub mark: Mark,
    /// Title, centred and bold; a line break in the value starts a new line.
    pub title: String,
    /// A line under the title, not bold: «(МБОУ № 2, 3, 10 … г. Калуги)».
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The period the roadmap covers; deadlines outside it are warned about.
    #[serde(default)]
    pub period: Option<Period>,
    /// Page orientation of this appendix.
    #[serde(default)]
    pub orientation: Orientation,
    /// How dates in the table are printed.
    #[serde(default)]
    pub date_style: DateStyle,
    /// Blocks between the title and the table: «Цель: …», «Задачи:» with a list …
    #[serde(default)]
    pub preamble: Vec<PreambleBlock>,
    /// Table columns, left to right.
    pub columns: Vec<Column>,
    /// How items are numbered.
    #[serde(default)]
    pub numbering: Numbering,
    /// Where a stage's own number is printed (hierarchical numbering only).
    #[serde(default)]
    pub stage_number: StageNumber,
    /// Stages (sections) of the table, each with its items.
    #[schemars(with = "Vec<Stage>")]
    pub stages: Vec<Spanned<Stage>>,
    /// Signature under the table, if the appendix is signed.
    #[serde(default)]
    pub signature: Option<Signature>,
}

/// Which mark the appendix carries.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// `appendix`: «Приложение (№ N) / к приказу … / от … № …»;
    /// `approved`: «УТВЕРЖДЕНА / приказом … / от … № …»;
    /// `approver`: «УТВЕРЖДАЮ / должность / подпись И.О. Фамилия / дата».
    #[serde(default)]
    pub kind: MarkKind,
    /// For `approved`: the participle agreeing with the document
    /// (УТВЕРЖДЕН — план, УТВЕРЖДЕНА — дорожная карта, УТВЕРЖДЕНО — положение, УТВЕРЖДЕНЫ).
    #[serde(default)]
    pub word: Option<ApprovedWord>,
    /// For `approver`: position of the person who approves.
    #[serde(default)]
    pub position: Option<String>,
    /// For `approver`: «И.О. Фамилия».
    #[serde(default)]
    pub name: Option<String>,
    /// For `approver`: date of approval, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub date: Option<SpannedText>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    #[default]
    Appendix,
    Approved,
    Approver,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum ApprovedWord {
    #[serde(rename = "УТВЕРЖДЕН")]
    Masculine,
    #[serde(rename = "УТВЕРЖДЕНА")]
    Feminine,
    #[serde(rename = "УТВЕРЖДЕНО")]
    Neuter,
    #[serde(rename = "УТВЕРЖДЕНЫ")]
    Plural,
}

/// First and last day of the period, `YYYY-MM-DD`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[schemars(with = "String")]
    pub from: SpannedText,
    #[schemars(with = "String")]
    pub to: SpannedText,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// `numeric`: 16.02.2023; `words`: 16 февраля 2023 г.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    Numeric,
    #[default]
    Words,
}

/// A labelled block before the table: «Цель: текст» or «Задачи:» and a list.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreambleBlock {
    /// The label, printed bold with a colon: «Цель».
    pub label: String,
    /// Text after the label.
    #[serde(default)]
    pub text: Option<String>,
    /// A bulleted list under the label.
    #[serde(default)]
    pub list: Vec<String>,
}

/// One table column.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// What the column shows.
    #[schemars(with = "ColumnKey")]
    pub key: Spanned<ColumnKey>,
    /// Header text.
    pub title: String,
    /// Relative width; widths are shares of the table width.
    pub width: f32,
    /// Merge equal consecutive values into one cell (the «Уровень управления» column).
    #[serde(default)]
    pub merge: bool,
    /// The column is left empty on purpose (a «Отметка о выполнении» to fill by hand).
    #[serde(default)]
    pub blank: bool,
}

/// What a column shows. `no`, `activity`, `deadline` and `responsible` are the item's own
/// fields; the others are values an item may give for extra columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKey {
    /// The computed item number.
    No,
    /// Level of management («Муниципальный», «Институциональный»).
    Level,
    /// The activity: text, list, parts.
    Activity,
    /// Audience or description of specifics.
    Audience,
    /// Deadline.
    Deadline,
    /// Participants.
    Participants,
    /// Responsible persons or bodies.
    Responsible,
    /// Planned result.
    Result,
    /// Completion mark.
    Mark,
}

/// How items are numbered. Numbers are never written by hand.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// 1, 2, 3 … through all stages.
    Continuous,
    /// 1, 2, 3 … restarting in each stage.
    #[default]
    PerStage,
    /// Stage 1, items 1.1, 1.2, children 1.1.1 …
    Hierarchical,
}

/// Where a stage's number goes under hierarchical numbering.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageNumber {
    /// In the first column, the title spanning the rest.
    #[default]
    Column,
    /// Not printed (the title says it: «1 этап – подготовительный»).
    Hidden,
}

/// A stage (section) of the table: a title row and its items.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Title of the stage row.
    pub title: String,
    /// Items of the stage.
    #[serde(default)]
    #[schemars(with = "Vec<Item>")]
    pub items: Vec<Spanned<Item>>,
}

/// One row of the table (or a heading row when `heading` is given).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// An unnumbered row across the whole table, instead of an item.
    #[serde(default)]
    pub heading: Option<String>,
    /// The activity text; a line break starts a new paragraph.
    #[serde(default)]
    pub activity: Option<String>,
    /// A bulleted list after the activity text (or after the heading).
    #[serde(default)]
    pub list: Vec<String>,
    /// Sub-entries, each with its own deadline, responsible and other values.
    #[serde(default)]
    #[schemars(with = "Vec<Part>")]
    pub parts: Vec<Spanned<Part>>,
    /// Child items, numbered under this one (1.1 → 1.1.1).
    #[serde(default)]
    #[schemars(with = "Vec<Item>")]
    pub items: Vec<Spanned<Item>>,
    /// Deadline: `2023-02-16`, `2023-02`, `2023-05-24..2023-05-25`, `2023-02..2023-05`,
    /// `2024-Q1`, or free text; a list of these is printed as one line.
    #[serde(default)]
    #[schemars(with = "Option<Deadlines>")]
    pub deadline: Option<Spanned<Deadlines>>,
    /// Responsible persons or bodies.
    #[serde(default)]
    pub responsible: Option<String>,
    /// Level of management (extra column `level`).
    #[serde(default)]
    pub level: Option<String>,
    /// Audience / specifics (extra column `audience`).
    #[serde(default)]
    pub audience: Option<String>,
    /// Participants (extra column `participants`).
    #[serde(default)]
    pub participants: Option<String>,
    /// Planned result (extra column `result`).
    #[serde(default)]
    pub result: Option<String>,
    /// Completion mark (extra column `mark`).
    #[serde(default)]
    pub mark: Option<String>,
}

/// A sub-entry of an item with its own deadline and responsible.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Text of the sub-entry.
    pub activity: String,
    /// A bulleted list after the text.
    #[serde(default)]
    pub list: Vec<String>,
    #[serde(default)]
    #[schemars(with = "Option<Deadlines>")]
    pub deadline: Option<Spanned<Deadlines>>,
    #[serde(default)]
    pub responsible: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub participants: Option<String>,
    #[serde(default)]
    pub result: Option<String>,
}

/// One deadline or a list of them.
///
/// Deserialized by hand (below) rather than as an untagged enum, whose only error is «data did
/// not match any variant»; the schema is still derived from this shape.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
pub enum Deadlines {
    One(String),
    Many(Vec<String>),
}

/// What a deadline may be, for messages about a value of the wrong type.
const DEADLINE_EXPECTED: &str = "строка (2023-02-16, 2023-02, 2024-Q1, «ежемесячно») \
     или список таких строк в квадратных скобках";

impl<'de> Deserialize<'de> for Deadlines {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DeadlinesVisitor)
    }
}

struct DeadlinesVisitor;

impl<'de> serde::de::Visitor<'de> for DeadlinesVisitor {
    type Value = Deadlines;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "срок: {DEADLINE_EXPECTED}")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Deadlines, E> {
        Ok(Deadlines::One(v.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Deadlines, E> {
        Err(E::custom(format!(
            "срок «{v}» — число, а ожидается {DEADLINE_EXPECTED}; год пишут словами: «2024 год»"
        )))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Deadlines, E> {
        self.visit_i64(v as i64)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Deadlines, E> {
        Err(E::custom(format!(
            "срок «{v}» — число, а ожидается {DEADLINE_EXPECTED}; дату пишут как 2023-02-16"
        )))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Deadlines, E> {
        Err(E::custom(format!(
            "срок «{v}» — логическое значение, а ожидается {DEADLINE_EXPECTED}"
        )))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Deadlines, E> {
        Err(E::custom(format!(
            "срок пуст, а ожидается {DEADLINE_EXPECTED}"
        )))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Deadlines, A::Error> {
        Err(serde::de::Error::custom(format!(
            "срок записан как словарь (ключ: значение), а ожидается {DEADLINE_EXPECTED}"
        )))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Deadlines, A::Error> {
        let mut list = Vec::new();
        while let Some(DeadlineText(text)) = seq.next_element()? {
            list.push(text);
        }
        Ok(Deadlines::Many(list))
    }
}

/// One element of a deadline list: a string, and nothing else.
struct DeadlineText(String);

impl<'de> Deserialize<'de> for DeadlineText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(DeadlinesVisitor)? {
            Deadlines::One(text) => Ok(DeadlineText(text)),
            Deadlines::Many(_) => Err(serde::de::Error::custom(
                "в списке сроков — вложенный список; каждый срок пишется строкой",
            )),
        }
    }
}
