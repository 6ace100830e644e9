//! The page description's vocabulary: which elements exist, which attributes each accepts and
//! where each may stand. `docs/page-description.md` is the same table in prose; keep them in step.

/// Paragraph-style attributes. They are accepted on every block-level element and inherited
/// down the tree (a paragraph takes the nearest value; the defaults are `ir::ParaStyle`'s).
pub const STYLE_ATTRS: &[&str] = &[
    "align",
    "indent",
    "indent-right",
    "first-indent",
    "space-before",
    "space-after",
    "line-spacing",
    "font-size",
    "hyphenate",
];

/// Accepted on every element: the place in the source the element is made of, «line:column»
/// (`source="12:7"`; empty for none). Layout and writer problems are reported there.
pub const SOURCE_ATTR: &str = "source";

/// One element of the subset.
pub struct Tag {
    pub name: &'static str,
    /// Attributes of its own, besides [`STYLE_ATTRS`] when `styled`.
    pub attrs: &'static [&'static str],
    /// Accepts the paragraph-style attributes.
    pub styled: bool,
    /// The elements it may stand in; empty for the root.
    pub parents: &'static [&'static str],
}

impl Tag {
    pub fn accepts(&self, attr: &str) -> bool {
        attr == SOURCE_ATTR
            || self.attrs.contains(&attr)
            || (self.styled && STYLE_ATTRS.contains(&attr))
    }

    /// Every attribute it accepts, for hints.
    pub fn all_attrs(&self) -> Vec<&'static str> {
        let mut all = self.attrs.to_vec();
        if self.styled {
            all.extend_from_slice(STYLE_ATTRS);
        }
        all.push(SOURCE_ATTR);
        all
    }
}

/// Elements that hold inline content: text, `b`, `i`, `u`, `span`, `br`.
pub const INLINE_PARENTS: &[&str] = &["p", "li", "td", "th", "b", "i", "u", "span"];

pub const TAGS: &[Tag] = &[
    Tag {
        name: "document",
        attrs: &["title", "author", "subject", "lang", "date"],
        styled: false,
        parents: &[],
    },
    Tag {
        name: "style",
        attrs: &[
            "id",
            "name",
            "type",
            "based-on",
            "bold",
            "italic",
            "outline-level",
        ],
        styled: true,
        parents: &["document"],
    },
    Tag {
        name: "section",
        attrs: &[
            "size",
            "orientation",
            "margins",
            "header-distance",
            "page-numbers",
        ],
        styled: true,
        parents: &["document"],
    },
    Tag {
        name: "p",
        attrs: &[
            "role",
            "keep-with-next",
            "keep-together",
            "page-break-before",
        ],
        styled: true,
        parents: &["section", "td", "th"],
    },
    Tag {
        name: "ul",
        attrs: &["role", "bullet", "hang"],
        styled: true,
        parents: &["section", "td", "th"],
    },
    Tag {
        name: "li",
        attrs: &["keep-with-next", "keep-together"],
        styled: false,
        parents: &["ul"],
    },
    Tag {
        name: "table",
        attrs: &["role", "widths", "border", "padding", "page-break-before"],
        styled: true,
        parents: &["section"],
    },
    Tag {
        name: "thead",
        attrs: &["role"],
        styled: true,
        parents: &["table"],
    },
    Tag {
        name: "tbody",
        attrs: &["role"],
        styled: true,
        parents: &["table"],
    },
    Tag {
        name: "tr",
        attrs: &["role", "keep-with-next", "cant-split"],
        styled: true,
        parents: &["thead", "tbody"],
    },
    Tag {
        name: "th",
        attrs: &["role", "colspan", "rowspan", "valign", "frame"],
        styled: true,
        parents: &["tr"],
    },
    Tag {
        name: "td",
        attrs: &["role", "colspan", "rowspan", "valign", "frame"],
        styled: true,
        parents: &["tr"],
    },
    Tag {
        name: "b",
        attrs: &[],
        styled: false,
        parents: INLINE_PARENTS,
    },
    Tag {
        name: "i",
        attrs: &[],
        styled: false,
        parents: INLINE_PARENTS,
    },
    Tag {
        name: "u",
        attrs: &[],
        styled: false,
        parents: INLINE_PARENTS,
    },
    Tag {
        name: "span",
        attrs: &["role", "letter-spacing"],
        styled: false,
        parents: INLINE_PARENTS,
    },
    Tag {
        name: "br",
        attrs: &[],
        styled: false,
        parents: INLINE_PARENTS,
    },
];

pub fn tag(name: &str) -> Option<&'static Tag> {
    TAGS.iter().find(|t| t.name == name)
}

/// The known name nearest to `name`, for «did you mean» hints.
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
