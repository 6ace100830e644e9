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

pub use super::indicators::Indicators;
pub use super::own_columns::{Align, OwnValues, VAlign};

/// A string that remembers where it stood in the source.
pub type SpannedText = Spanned<String>;

/// One source file: the order that approves the roadmap(s), if any, and either one appendix or
/// several.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Источник dorkarta: дорожная карта — приложение к приказу")]
#[schemars(
    description = "Источник dorkarta: приказ (если есть) и одно приложение (`appendix`) или несколько (`appendices`)."
)]
pub struct Source {
    /// The order: who issued it, when, its number, and optionally its own text. Required when a
    /// mark prints it (`appendix`, `approved`); a roadmap approved by a person (`approver`) or
    /// without a mark (`none`) may have none.
    #[serde(default)]
    #[schemars(
        description = "Приказ: кто издал, дата, номер и, если нужно, текст самого приказа. Обязателен, если гриф приложения его печатает (`appendix`, `approved`); при грифе «УТВЕРЖДАЮ» (`approver`) или без грифа (`none`) его можно не писать."
    )]
    pub order: Option<Order>,
    /// The one appendix (the usual case). Exactly one of `appendix` and `appendices` is given.
    #[serde(default)]
    #[schemars(
        description = "Приложение (обычный случай). Задаётся ровно одно из `appendix` и `appendices`."
    )]
    pub appendix: Option<Roadmap>,
    /// Several appendices, numbered «Приложение № 1», «№ 2» in this order.
    #[serde(default)]
    #[schemars(description = "Несколько приложений: «Приложение № 1», «№ 2» — в этом порядке.")]
    pub appendices: Vec<Roadmap>,
}

/// The order (приказ) the appendix belongs to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Приказ (или постановление, распоряжение, решение — см. `kind`), к которому относится приложение."
)]
pub struct Order {
    /// What kind of act it is: приказ (the default), постановление, распоряжение or решение.
    /// Every place that names the act follows it: the marks («к постановлению», «постановлением»),
    /// the act's own heading and command word, the document's subject.
    #[serde(default)]
    #[schemars(
        description = "Вид акта: `приказ` (по умолчанию), `постановление`, `распоряжение` или `решение`. По нему печатаются гриф («Приложение к постановлению …», «УТВЕРЖДЕНА постановлением …»), заголовок самого акта (ПОСТАНОВЛЕНИЕ) и слово перед пунктами («п о с т а н о в л я ю:»)."
    )]
    pub kind: ActKind,
    /// Who issued the order, nominative: «Управление образования г. Таганрога».
    #[schemars(
        description = "Кто издал приказ, в именительном падеже: «Управление образования г. Таганрога»."
    )]
    pub authority: String,
    /// The same in the genitive, as printed after «к приказу» / «приказом»:
    /// «Управления образования г. Таганрога».
    #[schemars(
        description = "То же в родительном падеже, как после «к приказу»: «Управления образования г. Таганрога»."
    )]
    pub authority_genitive: String,
    /// Date of the order, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    #[schemars(
        description = "Дата приказа, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`: 2023-02-16 или 16.02.2023."
    )]
    pub date: SpannedText,
    /// Registration number of the order, as a string: "206", "45-ОД".
    #[schemars(with = "String")]
    #[schemars(description = "Регистрационный номер приказа, строкой: \"206\", \"45-ОД\".")]
    pub number: SpannedText,
    /// The order's own text. When present, the document is the order itself, followed by its
    /// appendices; when absent, the document is the appendix alone.
    #[serde(default)]
    #[schemars(
        description = "Текст приказа. Если задан, документ — сам приказ с приложениями; если нет — только приложение."
    )]
    pub text: Option<OrderText>,
}

/// The kind of the approving act. Its printed forms (heading, dative, instrumental, command
/// word) are in one table, `resolve::acts`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Вид акта, который утверждает приложение или к которому оно относится.")]
pub enum ActKind {
    #[default]
    #[serde(rename = "приказ")]
    #[schemars(description = "Приказ: «к приказу», «приказом», «п р и к а з ы в а ю:».")]
    Order,
    #[serde(rename = "постановление")]
    #[schemars(
        description = "Постановление: «к постановлению», «постановлением», «п о с т а н о в л я ю:»."
    )]
    Resolution,
    #[serde(rename = "распоряжение")]
    #[schemars(
        description = "Распоряжение: «к распоряжению», «распоряжением», «о б я з ы в а ю:»."
    )]
    Directive,
    #[serde(rename = "решение")]
    #[schemars(description = "Решение: «к решению», «решением», «р е ш и л:».")]
    Decision,
}

/// The text of an order: header, heading, preamble, clauses, signature.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Текст самого приказа: шапка, заголовок, преамбула, пункты, подпись.")]
pub struct OrderText {
    /// Lines of the authority's header, printed in capitals, centred.
    #[serde(default)]
    #[schemars(
        description = "Строки шапки (наименование органа), печатаются прописными по центру."
    )]
    pub header: Vec<String>,
    /// Place of issue under the date line, e.g. «г. Ершичи».
    #[serde(default)]
    #[schemars(description = "Место издания под строкой даты: «г. Ершичи».")]
    pub place: Option<String>,
    /// Heading: «Об утверждении …».
    #[schemars(description = "Заголовок приказа: «Об утверждении …».")]
    pub heading: String,
    /// Preamble paragraphs, before «п р и к а з ы в а ю:».
    #[serde(default)]
    #[schemars(
        description = "Абзацы преамбулы перед «п р и к а з ы в а ю:» (или словом вида акта, см. `command`)."
    )]
    pub preamble: Vec<String>,
    /// The command word before the clauses, when the act's usual one does not fit
    /// («предлагаю:», «ПОСТАНОВЛЯЕТ:»); an empty string prints none.
    #[serde(default)]
    #[schemars(
        description = "Слово перед пунктами, если обычное для вида акта не подходит: «предлагаю:», «ПОСТАНОВЛЯЕТ:». По умолчанию: «п р и к а з ы в а ю:», «п о с т а н о в л я ю:», «о б я з ы в а ю:», «р е ш и л:». Пустая строка — слова нет."
    )]
    pub command: Option<String>,
    /// Numbered clauses 1, 2, 3 …
    #[schemars(description = "Пункты приказа; номера 1, 2, 3 … ставятся сами.")]
    pub clauses: Vec<Clause>,
    /// Who signs the order.
    #[schemars(description = "Кто подписывает приказ.")]
    pub signature: Signature,
}

/// One numbered clause of an order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Нумерованный пункт приказа.")]
pub struct Clause {
    /// Text of the clause.
    #[schemars(description = "Текст пункта.")]
    pub text: String,
    /// Dash items under the clause («- обеспечить …»).
    #[serde(default)]
    #[schemars(description = "Подпункты с тире («- обеспечить …»).")]
    pub items: Vec<String>,
    /// The appendix this clause approves, by its `id`: the clause gets «(приложение N)».
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[schemars(
        description = "Приложение, которое утверждает пункт, по его `id`: к пункту добавится «(приложение N)»."
    )]
    pub appendix: Option<SpannedText>,
}

/// A signature: position at the left margin, «И.О. Фамилия» at the right.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Подпись: должность у левого поля, «И.О. Фамилия» у правого.")]
pub struct Signature {
    /// Position, e.g. «Начальник Отдела по образованию».
    #[schemars(description = "Должность: «Начальник Отдела по образованию».")]
    pub position: String,
    /// Initials and surname, «А.В. Пуликова».
    #[schemars(description = "Инициалы и фамилия: «А.В. Пуликова».")]
    pub name: String,
    /// The electronic-signature mark printed in place of a handwritten signature.
    #[serde(default)]
    #[schemars(description = "Отметка об электронной подписи вместо собственноручной.")]
    pub electronic: Option<ElectronicSignature>,
}

/// Data of a qualified electronic signature, for the mark «ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ».
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Данные квалифицированной электронной подписи для отметки «ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ»."
)]
pub struct ElectronicSignature {
    /// Certificate serial number.
    #[schemars(description = "Серийный номер сертификата.")]
    pub certificate: String,
    /// Owner: surname, name, patronymic.
    #[schemars(description = "Владелец: фамилия, имя, отчество.")]
    pub owner: String,
    /// First day of validity, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    #[schemars(description = "Первый день действия, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`.")]
    pub valid_from: SpannedText,
    /// Last day of validity, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    #[schemars(description = "Последний день действия, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`.")]
    pub valid_to: SpannedText,
}

/// One roadmap: one appendix of the order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Дорожная карта — одно приложение к приказу.")]
pub struct Roadmap {
    /// Identifier a clause of the order refers to (`appendix: <id>`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[schemars(
        description = "Обозначение приложения, на которое ссылается пункт приказа (`appendix: <id>`)."
    )]
    pub id: Option<SpannedText>,
    /// The appendix number as printed («Приложение № 2»), when it is not its place in the
    /// source: a document that prints only the second appendix of an act.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1))]
    #[schemars(
        description = "Номер приложения, если он не совпадает с местом в файле: «Приложение № 2», когда печатается только второе приложение акта. Целое число от 1; по умолчанию номера идут по порядку, а у единственного приложения номера нет."
    )]
    pub number: Option<Spanned<u32>>,
    /// The mark in the upper right corner of the first page.
    #[serde(default)]
    #[schemars(description = "Гриф в правом верхнем углу первой страницы.")]
    pub mark: Mark,
    /// Title, centred and bold; a line break in the value starts a new line.
    #[schemars(
        description = "Название, по центру, полужирным; перевод строки в значении начинает новую строку."
    )]
    pub title: String,
    /// A line under the title, not bold: «(МБОУ № 2, 3, 10 … г. Калуги)».
    #[serde(default)]
    #[schemars(
        description = "Строка под названием, не полужирная: «(МБОУ № 2, 3, 10 … г. Калуги)»."
    )]
    pub subtitle: Option<String>,
    /// The period the roadmap covers; deadlines outside it are warned about.
    #[serde(default)]
    #[schemars(description = "Период дорожной карты; о сроках вне периода будет предупреждение.")]
    pub period: Option<Period>,
    /// Page orientation of this appendix.
    #[serde(default)]
    #[schemars(
        description = "Ориентация страниц: `portrait` (книжная, по умолчанию) или `landscape` (альбомная)."
    )]
    pub orientation: Orientation,
    /// How dates in the table are printed.
    #[serde(default)]
    #[schemars(
        description = "Вид дат в таблице: `words` (16 февраля 2023 г., по умолчанию) или `numeric` (16.02.2023)."
    )]
    pub date_style: DateStyle,
    /// Blocks between the title and the table: «Цель: …», «Задачи:» with a list …
    #[serde(default)]
    #[schemars(description = "Блоки между названием и таблицей: «Цель: …», «Задачи:» со списком.")]
    pub preamble: Vec<PreambleBlock>,
    /// How a preamble label is set off from its text.
    #[serde(default)]
    #[schemars(
        description = "Как подпись блока вводной части отделена от текста: `colon` — «Цель: текст» (по умолчанию), `dash` — «Цель – текст», `none` — «Цель текст», `above` — подпись отдельной строкой над текстом."
    )]
    pub preamble_labels: PreambleLabels,
    /// An indicators table before the activities (see `indicators.rs`).
    #[serde(default)]
    #[schemars(
        description = "Таблица индикаторов перед таблицей мероприятий («Важнейшие целевые индикаторы и показатели»)."
    )]
    pub indicators: Option<Indicators>,
    /// Table columns, left to right.
    #[schemars(description = "Столбцы таблицы слева направо.")]
    pub columns: Vec<Column>,
    /// How items and stages are numbered: a word for the items alone, or a mapping that also
    /// says how stages are numbered and whether numbers end with a dot.
    #[serde(default)]
    #[schemars(
        description = "Нумерация: слово `per-stage` (по умолчанию), `continuous` или `hierarchical` — или словарь `{ items: …, stages: arabic | roman | hidden, dot: true | false }`."
    )]
    pub numbering: NumberingSpec,
    /// Where a stage's own number is printed (hierarchical numbering written as one word only;
    /// the mapping form says it in `stages`).
    #[serde(default)]
    #[schemars(with = "Option<StageNumber>")]
    #[schemars(
        description = "Где печатается номер этапа при иерархической нумерации, заданной одним словом. В словаре `numbering` вместо него пишется `stages`."
    )]
    pub stage_number: Option<Spanned<StageNumber>>,
    /// A row of column numbers (1 2 3 … n) under the header, repeated with it on every page.
    #[serde(default)]
    #[schemars(
        description = "Строка с номерами столбцов (1 2 3 … n) под шапкой таблицы; повторяется вместе с шапкой на каждой странице."
    )]
    pub column_numbers: bool,
    /// Stages (sections) of the table, each with its items.
    #[schemars(with = "Vec<Stage>")]
    #[schemars(description = "Этапы (разделы) таблицы с мероприятиями.")]
    pub stages: Vec<Spanned<Stage>>,
    /// Signature under the table, if the appendix is signed.
    #[serde(default)]
    #[schemars(description = "Подпись под таблицей, если приложение подписывается.")]
    pub signature: Option<Signature>,
}

/// Which mark the appendix carries.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Гриф в правом верхнем углу первой страницы приложения.")]
pub struct Mark {
    /// `appendix`: «Приложение (№ N) / к приказу … / от … № …»;
    /// `approved`: «УТВЕРЖДЕНА / приказом … / от … № …»;
    /// `approver`: «УТВЕРЖДАЮ / должность / подпись И.О. Фамилия / дата»;
    /// `none`: no mark at all. Absent means `appendix`; see [`Mark::kind`].
    #[serde(default)]
    #[schemars(with = "MarkKind")]
    #[schemars(
        description = "`appendix` (по умолчанию): «Приложение (№ N) / к приказу … / от … № …»; `approved`: «УТВЕРЖДЕНА / приказом … / от … № …»; `approver`: «УТВЕРЖДАЮ / должность / подпись И.О. Фамилия / дата»; `none`: грифа нет."
    )]
    pub kind: Option<Spanned<MarkKind>>,
    /// For `approved`: the participle agreeing with the document
    /// (УТВЕРЖДЕН — план, УТВЕРЖДЕНА — дорожная карта, УТВЕРЖДЕНО — положение, УТВЕРЖДЕНЫ).
    #[serde(default)]
    #[schemars(
        description = "Для `approved`: причастие в роде документа (УТВЕРЖДЕН — план, УТВЕРЖДЕНА — дорожная карта, УТВЕРЖДЕНО — положение, УТВЕРЖДЕНЫ)."
    )]
    pub word: Option<ApprovedWord>,
    /// For `approver`: position of the person who approves.
    #[serde(default)]
    #[schemars(description = "Для `approver`: должность утверждающего.")]
    pub position: Option<String>,
    /// For `approver`: «И.О. Фамилия».
    #[serde(default)]
    #[schemars(description = "Для `approver`: «И.О. Фамилия».")]
    pub name: Option<String>,
    /// For `approver`: date of approval, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[schemars(description = "Для `approver`: дата утверждения, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`.")]
    pub date: Option<SpannedText>,
    /// How the mark prints its date: `numeric` (the default, «13.11.2015») or `words`
    /// («13 ноября 2015 г.»).
    #[serde(default)]
    #[schemars(
        description = "Вид даты в грифе: `numeric` — «13.11.2015» (по умолчанию), `words` — «13 ноября 2015 г.»."
    )]
    pub date_style: Option<DateStyle>,
}

impl Mark {
    /// The kind of mark, `appendix` when the source does not say.
    pub fn kind(&self) -> MarkKind {
        self.kind
            .as_ref()
            .map_or_else(MarkKind::default, |k| k.value)
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Вид грифа: `appendix` — «Приложение к приказу …», `approved` — «УТВЕРЖДЕНА приказом …», `approver` — «УТВЕРЖДАЮ» (должность, подпись, дата), `none` — грифа нет."
)]
pub enum MarkKind {
    #[default]
    #[schemars(description = "«Приложение (№ N) к приказу …».")]
    Appendix,
    #[schemars(description = "«УТВЕРЖДЕН(А, О, Ы) приказом …».")]
    Approved,
    #[schemars(description = "«УТВЕРЖДАЮ»: должность, подпись, дата.")]
    Approver,
    /// No mark: the original carries none.
    #[schemars(description = "Грифа нет.")]
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Причастие грифа утверждения, согласованное с названием документа.")]
pub enum ApprovedWord {
    #[serde(rename = "УТВЕРЖДЕН")]
    #[schemars(description = "План, перечень.")]
    Masculine,
    #[serde(rename = "УТВЕРЖДЕНА")]
    #[schemars(description = "Дорожная карта, программа.")]
    Feminine,
    #[serde(rename = "УТВЕРЖДЕНО")]
    #[schemars(description = "Положение.")]
    Neuter,
    #[serde(rename = "УТВЕРЖДЕНЫ")]
    #[schemars(description = "Несколько документов.")]
    Plural,
}

/// First and last day of the period, `YYYY-MM-DD`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Период действия дорожной карты: первый и последний день, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`."
)]
pub struct Period {
    #[schemars(with = "String")]
    #[schemars(description = "Первый день периода, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`.")]
    pub from: SpannedText,
    #[schemars(with = "String")]
    #[schemars(description = "Последний день периода, `ГГГГ-ММ-ДД` или `ДД.ММ.ГГГГ`.")]
    pub to: SpannedText,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Ориентация страниц приложения: `portrait` — книжная, `landscape` — альбомная."
)]
pub enum Orientation {
    #[default]
    #[schemars(description = "Книжная.")]
    Portrait,
    #[schemars(description = "Альбомная.")]
    Landscape,
}

/// `numeric`: 16.02.2023; `words`: 16 февраля 2023 г.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Вид даты: `numeric` — 16.02.2023, `words` — 16 февраля 2023 г.")]
pub enum DateStyle {
    #[schemars(description = "16.02.2023.")]
    Numeric,
    #[default]
    #[schemars(description = "16 февраля 2023 г.")]
    Words,
}

/// How a preamble block's label is set off from its text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Как подпись блока вводной части отделена от текста: `colon` — «Цель: текст» (по умолчанию), `dash` — «Цель – текст», `none` — «Цель текст», `above` — «Цель:» отдельной строкой, текст под ней."
)]
pub enum PreambleLabels {
    #[default]
    #[schemars(description = "«Цель: текст».")]
    Colon,
    #[schemars(description = "«Цель – текст».")]
    Dash,
    #[schemars(description = "«Цель текст».")]
    None,
    #[schemars(description = "«Цель:» отдельной строкой, текст под ней.")]
    Above,
}

/// A labelled block before the table: «Цель: текст» or «Задачи:» and a list.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Блок перед таблицей: «Цель: текст» или «Задачи:» со списком.")]
pub struct PreambleBlock {
    /// The label, printed bold, set off as `preamble_labels` says: «Цель».
    #[schemars(
        description = "Подпись блока, печатается полужирным; после неё двоеточие, тире или ничего — по `preamble_labels`: «Цель»."
    )]
    pub label: String,
    /// Text after the label.
    #[serde(default)]
    #[schemars(description = "Текст после подписи.")]
    pub text: Option<String>,
    /// A bulleted list under the label.
    #[serde(default)]
    #[schemars(description = "Маркированный список под подписью.")]
    pub list: Vec<String>,
}

/// One table column.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Столбец таблицы.")]
pub struct Column {
    /// What the column shows.
    #[schemars(with = "ColumnKey")]
    #[schemars(
        description = "Что показывает столбец: `number`, `activity`, `deadline`, `responsible`, `level`, `audience`, `participants`, `result`, `mark` — или свой ключ (латинские строчные буквы, цифры, `_`: `source_of_funds`), значения которого пункты задают в `values`."
    )]
    pub key: Spanned<ColumnKey>,
    /// Header text.
    #[schemars(description = "Текст заголовка столбца.")]
    pub title: String,
    /// Relative width; widths are shares of the table width. Spanned, so that a width out of
    /// range is pointed at; f64, so that a huge number (`1e308`) reads as the number it is and
    /// is refused as too large rather than as «не число».
    #[schemars(with = "f64", range(max = 1000))]
    #[schemars(
        description = "Относительная ширина: доля от суммы ширин всех столбцов; больше 0 и не больше 1000."
    )]
    pub width: Spanned<f64>,
    /// Merge equal consecutive values into one cell (the «Уровень управления» column).
    #[serde(default)]
    #[schemars(
        description = "Объединять одинаковые значения в соседних строках в одну ячейку (столбец «Уровень управления»)."
    )]
    pub merge: bool,
    /// The column is left empty on purpose (a «Отметка о выполнении» to fill by hand).
    #[serde(default)]
    #[schemars(
        description = "Столбец оставляется пустым (например, «Отметка о выполнении» для заполнения от руки)."
    )]
    pub blank: bool,
    /// How the column's cells are aligned across, and down (see `own_columns.rs`).
    #[serde(default)]
    #[schemars(
        description = "Выравнивание текста в ячейках столбца: `left`, `center`, `right`. По умолчанию номер, срок и столбцы периодов — по центру, остальные — по левому краю."
    )]
    pub align: Option<Align>,
    #[serde(default)]
    #[schemars(
        description = "Выравнивание по высоте: `top` (по умолчанию) или `middle` — посередине строки."
    )]
    pub valign: Option<VAlign>,
    /// The title of a group of columns: consecutive columns with the same `group` get one
    /// merged header cell above their own titles.
    #[serde(default)]
    #[schemars(
        description = "Заголовок группы столбцов: у соседних столбцов с одинаковым `group` над их заголовками печатается одна общая ячейка («Сроки выполнения: 2024–2025 гг.» над «I квартал», «II квартал» …). Шапка тогда в две строки."
    )]
    pub group: Option<String>,
    /// A period column: marked for each item whose deadline overlaps this period.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[schemars(
        description = "Столбец периода: месяц, квартал, полугодие или промежуток месяцев (`2024-Q1`, «I квартал 2024», `2024-01..2024-12`). В нём ставится знак «+» у каждого пункта, срок которого приходится на этот период; пункт может задать знак и сам — в `values` по ключу столбца."
    )]
    pub period: Option<SpannedText>,
}

/// What a column shows. `number`, `activity`, `deadline` and `responsible` are the item's own
/// fields; the others are values an item may give for extra columns.
///
/// Any other key names an own column (`Own`), filled from the rows' `values`; its reading,
/// schema and checks are in `own_columns.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColumnKey {
    /// The computed item number. Written `number`, not `no`: YAML 1.1 tools (pyyaml, older
    /// editors) read a bare `no` as the boolean false.
    Number,
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
    /// A column of the author's own, by its key.
    Own(String),
}

/// How items are numbered. Numbers are never written by hand.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    description = "Нумерация мероприятий (номера вручную не пишутся): `continuous` — сквозная, `per-stage` — в каждом этапе заново, `hierarchical` — 1, 1.1, 1.1.1."
)]
pub enum Numbering {
    /// 1, 2, 3 … through all stages.
    #[schemars(description = "Сквозная: 1, 2, 3 … через все этапы.")]
    Continuous,
    /// 1, 2, 3 … restarting in each stage.
    #[default]
    #[schemars(description = "В каждом этапе заново: 1, 2, 3 …")]
    PerStage,
    /// Stage 1, items 1.1, 1.2, children 1.1.1 …
    #[schemars(description = "Иерархическая: этап 1, мероприятия 1.1, 1.2, вложенные 1.1.1 …")]
    Hierarchical,
}

/// Where a stage's number goes under hierarchical numbering.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Где печатается номер этапа при иерархической нумерации: `column` — в первом столбце, `hidden` — не печатается."
)]
pub enum StageNumber {
    /// In the first column, the title spanning the rest.
    #[default]
    #[schemars(description = "В первом столбце, название — на остальную ширину.")]
    Column,
    /// Not printed (the title says it: «1 этап – подготовительный»).
    #[schemars(description = "Не печатается (номер есть в названии: «1 этап – подготовительный»).")]
    Hidden,
}

/// How items and stages are numbered, as written: one word, the items' scheme (the stage
/// number then follows `stage_number`, every number ends with a dot), or a mapping.
///
/// Deserialized by hand (below) rather than as an untagged enum, whose only error is «data did
/// not match any variant»: a wrong word or a wrong key in the mapping gets the usual message
/// with the nearest valid one. The schema is still derived from this shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Нумерация (номера вручную не пишутся): слово — как нумеруются мероприятия, или словарь: `items` — мероприятия, `stages` — этапы (`arabic` — 1, 2; `roman` — I, II; `hidden` — без номера), `dot` — точка после номера («1.» или «1»)."
)]
pub enum NumberingSpec {
    #[schemars(description = "Как нумеруются мероприятия.")]
    Items(Numbering),
    #[schemars(description = "Нумерация мероприятий и этапов и точка после номера.")]
    Detailed(NumberingStyle),
}

impl Default for NumberingSpec {
    fn default() -> Self {
        NumberingSpec::Items(Numbering::default())
    }
}

/// The mapping form of `numbering`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Нумерация мероприятий и этапов и точка после номера.")]
pub struct NumberingStyle {
    /// How items are numbered.
    #[serde(default)]
    #[schemars(
        description = "Мероприятия: `per-stage` — в каждом этапе заново (по умолчанию), `continuous` — сквозная через все этапы, `hierarchical` — с номером этапа впереди: 1.1, 1.2, 2.1."
    )]
    pub items: Numbering,
    /// How stages are numbered; by default Arabic under hierarchical numbering, none otherwise.
    #[serde(default)]
    #[schemars(
        description = "Номер этапа в первом столбце его строки: `arabic` — 1, 2, 3; `roman` — I, II, III; `hidden` — без номера. По умолчанию `arabic` при `items: hierarchical`, иначе `hidden`."
    )]
    pub stages: Option<StageNumerals>,
    /// Whether every number ends with a dot: «1.», «1.1.», «I.» or «1», «1.1», «I».
    #[serde(default = "with_dot")]
    #[schemars(
        description = "Точка после номера этапа и мероприятия: `true` — «I.», «1.», «1.1.» (по умолчанию); `false` — «I», «1», «1.1»."
    )]
    pub dot: bool,
}

fn with_dot() -> bool {
    true
}

/// How stage numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Номер этапа: `arabic` — 1, 2, 3; `roman` — I, II, III; `hidden` — не печатается."
)]
pub enum StageNumerals {
    #[schemars(description = "Арабскими цифрами: 1, 2, 3.")]
    Arabic,
    #[schemars(description = "Римскими цифрами: I, II, III, IV.")]
    Roman,
    #[schemars(description = "Не печатается.")]
    Hidden,
}

/// What `numbering` may be, for messages about a value of the wrong type.
const NUMBERING_EXPECTED: &str = "слово `per-stage`, `continuous` или `hierarchical` \
     либо словарь вида { items: continuous, stages: roman, dot: false }";

impl<'de> Deserialize<'de> for NumberingSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberingVisitor)
    }
}

struct NumberingVisitor;

impl<'de> serde::de::Visitor<'de> for NumberingVisitor {
    type Value = NumberingSpec;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "нумерация: {NUMBERING_EXPECTED}")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NumberingSpec, E> {
        let word = serde::de::value::StrDeserializer::<E>::new(v);
        Numbering::deserialize(word).map(NumberingSpec::Items)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<NumberingSpec, A::Error> {
        let map = serde::de::value::MapAccessDeserializer::new(map);
        NumberingStyle::deserialize(map).map(NumberingSpec::Detailed)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<NumberingSpec, E> {
        Err(E::custom(format!(
            "нумерация «{v}» — число, а ожидается {NUMBERING_EXPECTED}"
        )))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<NumberingSpec, E> {
        self.visit_i64(v as i64)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<NumberingSpec, E> {
        Err(E::custom(format!(
            "нумерация «{v}» — число, а ожидается {NUMBERING_EXPECTED}"
        )))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<NumberingSpec, E> {
        Err(E::custom(format!(
            "нумерация «{v}» — логическое значение, а ожидается {NUMBERING_EXPECTED}"
        )))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<NumberingSpec, E> {
        Err(E::custom(format!(
            "нумерация пуста, а ожидается {NUMBERING_EXPECTED}"
        )))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<NumberingSpec, A::Error> {
        Err(serde::de::Error::custom(format!(
            "нумерация записана списком, а ожидается {NUMBERING_EXPECTED}"
        )))
    }
}

/// How a stage row or a heading row prints its text: the author's emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(
    description = "Начертание строки: `bold` — полужирное, `italic` — курсив, `normal` — обычное."
)]
pub enum RowStyle {
    #[schemars(description = "Полужирное.")]
    Bold,
    #[schemars(description = "Курсив.")]
    Italic,
    #[schemars(description = "Обычное.")]
    Normal,
}

/// A stage (section) of the table: a title row and its items.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Этап (раздел) таблицы: строка с названием и мероприятия этапа.")]
pub struct Stage {
    /// Title of the stage row.
    #[schemars(description = "Название этапа.")]
    pub title: String,
    /// How the stage row prints, its number included; bold by default.
    #[serde(default)]
    #[schemars(
        description = "Начертание строки этапа вместе с номером: `bold` — полужирное (по умолчанию), `italic` — курсив, `normal` — обычное."
    )]
    pub style: Option<RowStyle>,
    /// Items of the stage.
    #[serde(default)]
    #[schemars(with = "Vec<Item>")]
    #[schemars(description = "Мероприятия этапа.")]
    pub items: Vec<Spanned<Item>>,
}

/// Declares a struct for a row of the table (an [`Item`] or a [`Part`]): its own fields, then
/// the column values every row may give, declared once here with their Russian descriptions —
/// `deadline`, `responsible`, `audience`, `participants`, `result` — and `column_text` to read
/// the text ones by [`ColumnKey`]. Fields only one kind of row has go in `after_responsible {}`
/// and `last {}`, so that the keys keep the order in which a message about an unknown key lists
/// them («допустимые поля: …»).
///
/// Why a macro and not one struct of column values that `Item` and `Part` embed with
/// `#[serde(flatten)]`: flatten makes serde buffer the whole mapping, and through that buffer
/// serde-saphyr 2.1 loses what the diagnostics stand on (checked on 2.1.1 through `load`'s own
/// options and error translation): every `Spanned` inside comes back at line 0, column 0, so
/// an impossible part deadline could not be pointed at; an unknown key becomes serde's untyped
/// «unknown field» message at the start of the mapping, with no list of known keys for the
/// nearest-key hint; and an error inside a flattened field loses its field path. serde-saphyr
/// documents the first ("Limitation with `#[serde(flatten)]`" on `Spanned`).
macro_rules! table_row {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($own:tt)*
        }
        $(after_responsible { $($after_responsible:tt)* })?
        $(last { $($last:tt)* })?
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($own)*
            /// Deadline: ISO (`2023-02-16`, `2023-02`, `2023-05-24..2023-05-25`,
            /// `2023-02..2023-05`, `2024-Q1`, `2024-H1`) or as Russian documents spell it
            /// («16.02.2023», «16 февраля 2023 г.», «Февраль-май 2020г.», «24-25 мая 2023 г.»,
            /// «I квартал 2024»), or free text; a list of these is printed as one line.
            #[serde(default)]
            #[schemars(with = "Option<Deadlines>")]
            #[schemars(
                description = "Срок: дата, месяц, промежуток, квартал или полугодие — как в документе («16.02.2023», «16 февраля 2023 г.», «Февраль 2023 г.», «24-25 мая 2023 г.», «Февраль-май 2020г.», «I квартал 2024», «I полугодие 2024», «Декабрь 2021г., март 2022г.») или в виде `2023-02-16`, `2023-02`, `2023-05-24..2023-05-25`, `2023-02..2023-05`, `2024-Q1`, `2024-H1`; печатается в стиле `date_style`. Любой другой текст («В течение учебного года») печатается как написан. Список сроков печатается в одну строку."
            )]
            pub deadline: Option<Spanned<Deadlines>>,
            /// Print the deadline exactly as typed: not re-spelt in `date_style`, no capital
            /// letter added. It is still checked (an impossible date is an error).
            #[serde(default)]
            #[schemars(
                description = "Печатать срок в точности как написан: без приведения к `date_style` и без прописной буквы в начале. Проверяется он как обычно (несуществующая дата — ошибка)."
            )]
            pub deadline_as_written: bool,
            /// Responsible persons or bodies.
            #[serde(default)]
            #[schemars(description = "Ответственные исполнители.")]
            pub responsible: Option<String>,
            $($($after_responsible)*)?
            /// Audience / specifics (extra column `audience`).
            #[serde(default)]
            #[schemars(description = "Целевая аудитория или особенности (столбец `audience`).")]
            pub audience: Option<String>,
            /// Participants (extra column `participants`).
            #[serde(default)]
            #[schemars(description = "Участники (столбец `participants`).")]
            pub participants: Option<String>,
            /// Planned result (extra column `result`).
            #[serde(default)]
            #[schemars(description = "Планируемый результат (столбец `result`).")]
            pub result: Option<String>,
            /// Values for the author's own columns, by column key (see `own_columns.rs` for
            /// why they stand in a mapping of their own).
            #[serde(default)]
            #[schemars(
                description = "Значения своих столбцов (объявленных в `columns` своим ключом), по ключу столбца: `values: { source_of_funds: Областной бюджет }`."
            )]
            pub values: OwnValues,
            $($($last)*)?
        }

        impl $name {
            /// The row's text for `responsible`, `audience`, `participants`, `result` or an
            /// own column; `None` for any other column.
            pub fn column_text(&self, key: &ColumnKey) -> Option<&str> {
                match key {
                    ColumnKey::Own(name) => self.values.get(name),
                    ColumnKey::Responsible => self.responsible.as_deref(),
                    ColumnKey::Audience => self.audience.as_deref(),
                    ColumnKey::Participants => self.participants.as_deref(),
                    ColumnKey::Result => self.result.as_deref(),
                    _ => None,
                }
            }
        }
    };
}

table_row! {
    /// One row of the table (or a heading row when `heading` is given).
    #[derive(Debug, Default, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(
        description = "Мероприятие — строка таблицы (или строка-заголовок, если задано `heading`)."
    )]
    pub struct Item {
        /// An unnumbered row across the whole table, instead of an item.
        #[serde(default)]
        #[schemars(
            description = "Строка-заголовок без номера через всю таблицу вместо мероприятия."
        )]
        pub heading: Option<String>,
        /// How a heading row prints; italic by default. Only for `heading` rows.
        #[serde(default)]
        #[schemars(
            description = "Начертание строки-заголовка (`heading`): `italic` — курсив (по умолчанию), `bold` — полужирное, `normal` — обычное (например, для примечания)."
        )]
        pub style: Option<RowStyle>,
        /// The activity text; a line break starts a new paragraph.
        #[serde(default)]
        #[schemars(description = "Текст мероприятия; перевод строки начинает новый абзац.")]
        pub activity: Option<String>,
        /// A bulleted list after the activity text (or after the heading).
        #[serde(default)]
        #[schemars(
            description = "Маркированный список после текста мероприятия (или после заголовка)."
        )]
        pub list: Vec<String>,
        /// Sub-entries, each with its own deadline, responsible and other values.
        #[serde(default)]
        #[schemars(with = "Vec<Part>")]
        #[schemars(
            description = "Части мероприятия, у каждой свой срок, ответственный и другие значения."
        )]
        pub parts: Vec<Spanned<Part>>,
        /// Child items, numbered under this one (1.1 → 1.1.1).
        #[serde(default)]
        #[schemars(with = "Vec<Item>")]
        #[schemars(description = "Вложенные мероприятия, нумеруются под этим (1.1 → 1.1.1).")]
        pub items: Vec<Spanned<Item>>,
    }
    after_responsible {
        /// Level of management (extra column `level`); an item's only, a part has none.
        #[serde(default)]
        #[schemars(description = "Уровень управления (столбец `level`).")]
        pub level: Option<String>,
    }
    last {
        /// Completion mark (extra column `mark`); an item's only, a part has none.
        #[serde(default)]
        #[schemars(description = "Отметка о выполнении (столбец `mark`).")]
        pub mark: Option<String>,
    }
}

table_row! {
    /// A sub-entry of an item with its own deadline and responsible.
    #[derive(Debug, Default, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(description = "Часть мероприятия со своим сроком и ответственным.")]
    pub struct Part {
        /// Text of the sub-entry.
        #[schemars(description = "Текст части мероприятия.")]
        pub activity: String,
        /// A bulleted list after the text.
        #[serde(default)]
        #[schemars(description = "Маркированный список после текста.")]
        pub list: Vec<String>,
    }
}

/// One deadline or a list of them.
///
/// Deserialized by hand (below) rather than as an untagged enum, whose only error is «data did
/// not match any variant»; the schema is still derived from this shape.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Срок: дата, месяц, промежуток, квартал или полугодие — как в документе («16.02.2023», «16 февраля 2023 г.», «Февраль 2023 г.», «24-25 мая 2023 г.», «Февраль-май 2020г.», «I квартал 2024», «Декабрь 2021г., март 2022г.») или в виде `2023-02-16`, `2023-02`, `2023-05-24..2023-05-25`, `2023-02..2023-05`, `2024-Q1`, `2024-H1`; иначе текст («В течение учебного года»), печатается как написан. Список сроков печатается в одну строку."
)]
pub enum Deadlines {
    #[schemars(description = "Один срок.")]
    One(String),
    #[schemars(description = "Несколько сроков.")]
    Many(Vec<String>),
}

/// What a deadline may be, for messages about a value of the wrong type.
const DEADLINE_EXPECTED: &str = "строка («16.02.2023», «февраль 2023», «I квартал 2024», «ежемесячно») \
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
