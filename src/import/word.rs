//! A Word document (DOCX) → [`Block`]s: the paragraphs and tables of the body with what a
//! roadmap's recognisers need (text with breaks and tabs, bold and italic, alignment, left
//! indent, Word's numbering, merged cells, section orientation). Not a model of DOCX: text
//! boxes, pictures, fields' codes, deleted text and comments are passed over.

use std::collections::BTreeMap;

use roxmltree::{Document, Node};

use super::Failure;
use super::blocks::{Align, Block, Cell, Numbered, Para, Row, Table};
use super::package::Package;

/// WordprocessingML, transitional and strict.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

fn is(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|ns| W.contains(&ns))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, name))
}

/// A `w:` attribute: `w:val`, `w:left` …
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_some_and(|ns| W.contains(&ns)))
        .map(|a| a.value())
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(node: Option<Node>) -> Option<bool> {
    node.map(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off")))
}

/// The body of the document in `package`, as blocks.
pub fn read(package: &Package) -> Result<(Vec<Block>, Vec<String>), Failure> {
    let main = package
        .main_part("word")
        .unwrap_or_else(|| "word/document.xml".to_string());
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let xml = package
        .part(&main)?
        .ok_or_else(|| Failure::new(format!("в документе нет основной части {main}")))?;
    let mut notes = Vec::new();
    if package
        .names()
        .iter()
        .any(|n| n.to_lowercase().ends_with("vbaproject.bin"))
    {
        notes.push("в документе есть макросы: они не выполняются и не переносятся".to_string());
    }
    let styles = match package.part(&format!("{dir}/styles.xml"))? {
        Some(bytes) => Styles::parse(&text_of(&bytes, "styles.xml")?),
        None => Styles::default(),
    };
    let numbering = match package.part(&format!("{dir}/numbering.xml"))? {
        Some(bytes) => Numbering::parse(&text_of(&bytes, "numbering.xml")?),
        None => Numbering::default(),
    };
    let text = text_of(&xml, &main)?;
    let doc = parse(&text, &main)?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(*n, "body"))
        .ok_or_else(|| Failure::new(format!("в {main} нет тела документа (w:body)")))?;
    let reader = Reader {
        styles: &styles,
        numbering: &numbering,
    };
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks);
    Ok((blocks, notes))
}

fn text_of(bytes: &[u8], part: &str) -> Result<String, Failure> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec())
        .map_err(|_| Failure::new(format!("часть {part} повреждена: текст не в UTF-8")))
}

fn parse<'a>(text: &'a str, part: &str) -> Result<Document<'a>, Failure> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 50_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| Failure::new(format!("часть {part} повреждена: XML не читается ({e})")))
}

/// What a paragraph style gives its paragraphs.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    align: Option<Align>,
    indent: Option<i32>,
    num: Option<(String, u8)>,
    bold: Option<bool>,
    italic: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: BTreeMap<String, Style>,
    default_id: Option<String>,
    /// Character styles (`w:rStyle` of runs): their bold and italic.
    characters: BTreeMap<String, Style>,
}

impl Styles {
    fn parse(text: &str) -> Styles {
        let mut styles = Styles::default();
        let Ok(doc) = parse(text, "styles.xml") else {
            return styles;
        };
        for node in doc.root_element().children().filter(|n| is(*n, "style")) {
            let character = match attr(node, "type") {
                Some("paragraph") => false,
                Some("character") => true,
                _ => continue,
            };
            let Some(id) = attr(node, "styleId") else {
                continue;
            };
            let rpr = child(node, "rPr");
            if character {
                styles.characters.insert(
                    id.to_string(),
                    Style {
                        based_on: child(node, "basedOn")
                            .and_then(|b| attr(b, "val").map(String::from)),
                        bold: rpr.and_then(|r| on(child(r, "b"))),
                        italic: rpr.and_then(|r| on(child(r, "i"))),
                        ..Style::default()
                    },
                );
                continue;
            }
            if attr(node, "default") == Some("1") {
                styles.default_id = Some(id.to_string());
            }
            let ppr = child(node, "pPr");
            styles.by_id.insert(
                id.to_string(),
                Style {
                    based_on: child(node, "basedOn").and_then(|b| attr(b, "val").map(String::from)),
                    align: ppr.and_then(|p| child(p, "jc")).and_then(align),
                    indent: ppr.and_then(|p| child(p, "ind")).and_then(indent),
                    num: ppr.and_then(|p| child(p, "numPr")).and_then(num_pr),
                    bold: rpr.and_then(|r| on(child(r, "b"))),
                    italic: rpr.and_then(|r| on(child(r, "i"))),
                },
            );
        }
        styles
    }

    /// The style with what it inherits filled in.
    fn resolved(&self, id: Option<&str>) -> Style {
        let id = id.map(String::from).or_else(|| self.default_id.clone());
        resolve(&self.by_id, id)
    }

    /// The character style with what it inherits filled in.
    fn character(&self, id: &str) -> Style {
        resolve(&self.characters, Some(id.to_string()))
    }
}

/// The style `id` of `by_id`, through the styles it is based on.
fn resolve(by_id: &BTreeMap<String, Style>, id: Option<String>) -> Style {
    let mut out = Style::default();
    let mut next = id;
    let mut depth = 0;
    while let Some(id) = next.take() {
        let Some(style) = by_id.get(&id) else {
            break;
        };
        out.align = out.align.or(style.align);
        out.indent = out.indent.or(style.indent);
        out.num = out.num.clone().or_else(|| style.num.clone());
        out.bold = out.bold.or(style.bold);
        out.italic = out.italic.or(style.italic);
        depth += 1;
        if depth < 16 {
            next = style.based_on.clone();
        }
    }
    out
}

fn align(jc: Node) -> Option<Align> {
    Some(match attr(jc, "val")? {
        "center" => Align::Center,
        "right" | "end" => Align::Right,
        "both" | "distribute" | "thaiDistribute" => Align::Justify,
        _ => Align::Left,
    })
}

fn indent(ind: Node) -> Option<i32> {
    attr(ind, "left")
        .or_else(|| attr(ind, "start"))
        .and_then(|v| v.parse().ok())
}

fn num_pr(num: Node) -> Option<(String, u8)> {
    let id = child(num, "numId")
        .and_then(|n| attr(n, "val"))?
        .to_string();
    let level = child(num, "ilvl")
        .and_then(|n| attr(n, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id, level))
}

/// Word's lists: which (numId, level) is a bullet and which a number.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: BTreeMap<String, String>,
    /// (abstractNumId, level) → numFmt.
    formats: BTreeMap<(String, u8), String>,
}

impl Numbering {
    fn parse(text: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let Ok(doc) = parse(text, "numbering.xml") else {
            return numbering;
        };
        for node in doc.root_element().children() {
            if is(node, "abstractNum") {
                let Some(id) = attr(node, "abstractNumId") else {
                    continue;
                };
                for lvl in node.children().filter(|n| is(*n, "lvl")) {
                    let level = attr(lvl, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let format = child(lvl, "numFmt")
                        .and_then(|f| attr(f, "val"))
                        .unwrap_or("decimal");
                    numbering
                        .formats
                        .insert((id.to_string(), level), format.to_string());
                }
            } else if is(node, "num") {
                let (Some(id), Some(abs)) = (
                    attr(node, "numId"),
                    child(node, "abstractNumId").and_then(|a| attr(a, "val")),
                ) else {
                    continue;
                };
                numbering.nums.insert(id.to_string(), abs.to_string());
            }
        }
        numbering
    }

    fn kind(&self, num_id: &str, level: u8) -> Option<Numbered> {
        if num_id == "0" {
            return None;
        }
        let format = self
            .nums
            .get(num_id)
            .and_then(|abs| self.formats.get(&(abs.clone(), level)))
            .map_or("decimal", String::as_str);
        match format {
            "none" => None,
            "bullet" => Some(Numbered::Bullet),
            _ => Some(Numbered::Number { level }),
        }
    }
}

struct Reader<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
}

impl Reader<'_> {
    /// The blocks of a body, a cell or a content control, in order.
    fn blocks(&self, parent: Node, out: &mut Vec<Block>) {
        for node in parent.children() {
            if is(node, "p") {
                self.paragraph(node, out);
            } else if is(node, "tbl") {
                out.push(Block::Table(self.table(node)));
            } else if is(node, "sdt") {
                if let Some(content) = child(node, "sdtContent") {
                    self.blocks(content, out);
                }
            } else if is(node, "customXml") {
                self.blocks(node, out);
            } else if is(node, "sectPr") {
                out.push(Block::SectionEnd {
                    landscape: landscape(node),
                });
            }
        }
    }

    fn paragraph(&self, p: Node, out: &mut Vec<Block>) {
        let ppr = child(p, "pPr");
        let style = self.styles.resolved(
            ppr.and_then(|pr| child(pr, "pStyle"))
                .and_then(|s| attr(s, "val")),
        );
        let num = ppr
            .and_then(|pr| child(pr, "numPr"))
            .and_then(num_pr)
            .or(style.num.clone());
        let mut para = Para {
            align: ppr
                .and_then(|pr| child(pr, "jc"))
                .and_then(align)
                .or(style.align)
                .unwrap_or_default(),
            indent: ppr
                .and_then(|pr| child(pr, "ind"))
                .and_then(indent)
                .or(style.indent)
                .unwrap_or(0),
            numbered: num.and_then(|(id, level)| self.numbering.kind(&id, level)),
            ..Para::default()
        };
        let mut text = Text {
            para_bold: style.bold.unwrap_or(false),
            para_italic: style.italic.unwrap_or(false),
            styles: Some(self.styles),
            ..Text::default()
        };
        text.collect(p);
        let break_first = text.page_break && text.break_at == 0;
        para.bold_prefix = text.bold_prefix;
        para.bold = text.letters > 0 && text.bold_letters == text.letters;
        para.italic = text.letters > 0 && text.italic_letters == text.letters;
        para.text = text.out;
        if ppr
            .and_then(|pr| on(child(pr, "pageBreakBefore")))
            .unwrap_or(false)
            || break_first
        {
            out.push(Block::PageBreak);
        }
        out.push(Block::Para(para));
        if text.page_break && !break_first {
            out.push(Block::PageBreak);
        }
        if let Some(sect) = ppr.and_then(|pr| child(pr, "sectPr")) {
            out.push(Block::SectionEnd {
                landscape: landscape(sect),
            });
        }
    }

    fn table(&self, tbl: Node) -> Table {
        let grid: Vec<u32> = child(tbl, "tblGrid")
            .map(|g| {
                g.children()
                    .filter(|c| is(*c, "gridCol"))
                    .map(|c| attr(c, "w").and_then(|w| w.parse().ok()).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let trs = rows_of(tbl);
        let grid = cell_widths(trs.first().copied(), grid.len()).unwrap_or(grid);
        let mut rows = Vec::new();
        for tr in trs {
            let trpr = child(tr, "trPr");
            let mut row = Row {
                header: trpr
                    .and_then(|pr| on(child(pr, "tblHeader")))
                    .unwrap_or(false),
                cells: Vec::new(),
            };
            let before: usize = trpr
                .and_then(|pr| child(pr, "gridBefore"))
                .and_then(|g| attr(g, "val"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if before > 0 {
                row.cells.push(Cell {
                    span: before,
                    ..Cell::default()
                });
            }
            for tc in cells_of(tr) {
                let tcpr = child(tc, "tcPr");
                let span = tcpr
                    .and_then(|pr| child(pr, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .clamp(1, 64);
                let merged_up = tcpr
                    .and_then(|pr| child(pr, "vMerge"))
                    .is_some_and(|v| attr(v, "val").is_none_or(|v| v == "continue"));
                let middle = tcpr
                    .and_then(|pr| child(pr, "vAlign"))
                    .and_then(|v| attr(v, "val"))
                    .is_some_and(|v| v == "center");
                let mut inner = Vec::new();
                self.blocks(tc, &mut inner);
                row.cells.push(Cell {
                    span,
                    merged_up,
                    paras: flatten(inner),
                    middle,
                });
            }
            rows.push(row);
        }
        Table { grid, rows }
    }
}

/// The grid's widths from the cells of the first row (`w:tcW` in twips), when every cell
/// gives one: a grid python-docx or an old editor left uniform says less than they do.
fn cell_widths(first: Option<Node>, columns: usize) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for tc in cells_of(first?) {
        let pr = child(tc, "tcPr")?;
        let w = child(pr, "tcW")?;
        if attr(w, "type").is_some_and(|t| t != "dxa") {
            return None;
        }
        let width: u32 = attr(w, "w")?.parse().ok()?;
        let span: u32 = child(pr, "gridSpan")
            .and_then(|g| attr(g, "val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
            .clamp(1, 64);
        for _ in 0..span {
            out.push(width / span);
        }
    }
    (out.len() == columns && out.iter().any(|&w| w > 0)).then_some(out)
}

/// Rows of a table, through content controls and custom XML around them.
fn rows_of<'a, 'i>(tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    fn walk<'a, 'i>(node: Node<'a, 'i>, out: &mut Vec<Node<'a, 'i>>) {
        for c in node.children() {
            if is(c, "tr") {
                out.push(c);
            } else if is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml") {
                walk(c, out);
            }
        }
    }
    walk(tbl, &mut out);
    out
}

fn cells_of<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    fn walk<'a, 'i>(node: Node<'a, 'i>, out: &mut Vec<Node<'a, 'i>>) {
        for c in node.children() {
            if is(c, "tc") {
                out.push(c);
            } else if is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml") {
                walk(c, out);
            }
        }
    }
    walk(tr, &mut out);
    out
}

/// A cell's blocks as paragraphs: a table nested in the cell gives its cells' paragraphs.
fn flatten(blocks: Vec<Block>) -> Vec<Para> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Para(p) => out.push(p),
            Block::Table(t) => {
                for row in t.rows {
                    for cell in row.cells {
                        out.extend(cell.paras);
                    }
                }
            }
            Block::SectionEnd { .. } | Block::PageBreak => {}
        }
    }
    out
}

fn landscape(sect: Node) -> bool {
    let Some(size) = child(sect, "pgSz") else {
        return false;
    };
    if attr(size, "orient") == Some("landscape") {
        return true;
    }
    let dim = |n| {
        attr(size, n)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    };
    dim("w") > dim("h")
}

/// The text of a paragraph and how much of it is bold or italic.
#[derive(Default)]
struct Text<'s> {
    /// The document's styles, for the character styles of runs.
    styles: Option<&'s Styles>,
    out: String,
    para_bold: bool,
    para_italic: bool,
    letters: usize,
    bold_letters: usize,
    italic_letters: usize,
    /// Bytes of `out` that are bold from the start; fixed at the first non-bold letter.
    bold_prefix: usize,
    prefix_open: bool,
    page_break: bool,
    /// Letters before the page break.
    break_at: usize,
}

impl Text<'_> {
    fn collect(&mut self, p: Node) {
        self.prefix_open = true;
        self.walk(p);
        if self.prefix_open {
            self.bold_prefix = if self.bold_letters > 0 {
                self.out.len()
            } else {
                0
            };
        }
    }

    fn walk(&mut self, node: Node) {
        for c in node.children() {
            if !c.is_element() {
                continue;
            }
            let name = c.tag_name().name();
            if is(c, "r") {
                self.run(c);
            } else if matches!(
                name,
                "pPr" | "del" | "moveFrom" | "commentRangeStart" | "Fallback" | "drawing" | "pict"
            ) {
                continue;
            } else {
                // Hyperlinks, insertions, smart tags, simple fields, content controls.
                self.walk(c);
            }
        }
    }

    fn run(&mut self, r: Node) {
        let rpr = child(r, "rPr");
        // A character style's bold and italic toggle the paragraph's, as Word draws them.
        let character = rpr
            .and_then(|pr| child(pr, "rStyle"))
            .and_then(|s| attr(s, "val"))
            .zip(self.styles)
            .map(|(id, styles)| styles.character(id))
            .unwrap_or_default();
        let bold = rpr
            .and_then(|pr| on(child(pr, "b")))
            .unwrap_or(self.para_bold ^ character.bold.unwrap_or(false));
        let italic = rpr
            .and_then(|pr| on(child(pr, "i")))
            .unwrap_or(self.para_italic ^ character.italic.unwrap_or(false));
        for c in r.children() {
            if is(c, "t") {
                let t = c.text().unwrap_or("");
                self.push(t, bold, italic);
            } else if is(c, "tab") || is(c, "ptab") {
                self.out.push('\t');
            } else if is(c, "br") {
                if attr(c, "type") == Some("page") {
                    self.page_break = true;
                    self.break_at = self.letters;
                } else {
                    self.out.push('\n');
                }
            } else if is(c, "cr") {
                self.out.push('\n');
            } else if is(c, "noBreakHyphen") {
                self.push("-", bold, italic);
            }
        }
    }

    fn push(&mut self, t: &str, bold: bool, italic: bool) {
        let letters = t.chars().filter(|c| !c.is_whitespace()).count();
        if letters > 0 && self.prefix_open && !bold {
            self.bold_prefix = if self.bold_letters > 0 {
                self.out.len()
            } else {
                0
            };
            self.prefix_open = false;
        }
        self.out.push_str(t);
        self.letters += letters;
        if bold {
            self.bold_letters += letters;
        }
        if italic {
            self.italic_letters += letters;
        }
    }
}
