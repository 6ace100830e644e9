//! The order the Open XML schema requires for the children of property elements, and the
//! pass that sorts them into it.

use std::sync::LazyLock;

use super::xml::{Node, Part};

/// The schema sequence of the children of each property element (ECMA-376 Part 1,
/// transitional: CT_PPrBase + CT_PPr, CT_RPr/CT_ParaRPr, CT_SectPr, CT_TblPr, CT_TrPr, CT_TcPr,
/// CT_TblBorders, CT_TcBorders, CT_TblCellMar, CT_TcMar). Elements of one choice group share
/// a rank, so their own order is kept.
const SCHEMA_ORDER: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:sectPr",
        &[
            // headerReference and footerReference form one choice group.
            "w:headerReference|w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:trPr",
        &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
            "w:ins",
            "w:del",
            "w:trPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
    ),
    (
        "w:tblBorders",
        &[
            "w:top",
            "w:left|w:start",
            "w:bottom",
            "w:right|w:end",
            "w:insideH",
            "w:insideV",
        ],
    ),
    (
        "w:tcBorders",
        &[
            "w:top",
            "w:left|w:start",
            "w:bottom",
            "w:right|w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
    ),
    (
        "w:tblCellMar",
        &["w:top", "w:left|w:start", "w:bottom", "w:right|w:end"],
    ),
    (
        "w:tcMar",
        &["w:top", "w:left|w:start", "w:bottom", "w:right|w:end"],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    // CT_Settings, up to the elements docx-rs can write; w14/w15 extensions come last.
    (
        "w:settings",
        &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:doNotDisplayPageBoundaries",
            "w:displayBackgroundShape",
            "w:printPostScriptOverText",
            "w:printFractionalCharacterWidth",
            "w:printFormsData",
            "w:embedTrueTypeFonts",
            "w:embedSystemFonts",
            "w:saveSubsetFonts",
            "w:saveFormsData",
            "w:mirrorMargins",
            "w:alignBordersAndEdges",
            "w:bordersDoNotSurroundHeader",
            "w:bordersDoNotSurroundFooter",
            "w:gutterAtTop",
            "w:hideSpellingErrors",
            "w:hideGrammaticalErrors",
            "w:activeWritingStyle",
            "w:proofState",
            "w:formsDesign",
            "w:attachedTemplate",
            "w:linkStyles",
            "w:stylePaneFormatFilter",
            "w:stylePaneSortMethod",
            "w:documentType",
            "w:mailMerge",
            "w:revisionView",
            "w:trackRevisions",
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:autoFormatOverride",
            "w:styleLockTheme",
            "w:styleLockQFSet",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:consecutiveHyphenLimit",
            "w:hyphenationZone",
            "w:doNotHyphenateCaps",
            "w:showEnvelope",
            "w:summaryLength",
            "w:clickAndTypeStyle",
            "w:defaultTableStyle",
            "w:evenAndOddHeaders",
            "w:bookFoldRevPrinting",
            "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets",
            "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery",
            "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin",
            "w:drawingGridVerticalOrigin",
            "w:doNotShadeFormData",
            "w:noPunctuationKerning",
            "w:characterSpacingControl",
            "w:printTwoOnOne",
            "w:strictFirstAndLastChars",
            "w:noLineBreaksAfter",
            "w:noLineBreaksBefore",
            "w:savePreviewPicture",
            "w:doNotValidateAgainstSchema",
            "w:saveInvalidXml",
            "w:ignoreMixedContent",
            "w:alwaysShowPlaceholderText",
            "w:doNotDemarcateInvalidXml",
            "w:saveXmlDataOnly",
            "w:useXSLTWhenSaving",
            "w:saveThroughXslt",
            "w:showXMLTags",
            "w:alwaysMergeEmptyNamespace",
            "w:updateFields",
            "w:hdrShapeDefaults",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "m:mathPr",
            "w:attachedSchema",
            "w:themeFontLang",
            "w:clrSchemeMapping",
            "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures",
            "w:forceUpgrade",
            "w:captions",
            "w:readModeInkLockDown",
            "w:smartTagType",
            "sl:schemaLibrary",
            "w:shapeDefaults",
            "w:doNotEmbedSmartTags",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
];

/// The schema sequence of one parent as a lookup table: each child name (each name of a
/// choice group) with its rank, sorted by name.
struct Ranks {
    parent: &'static [u8],
    by_name: Vec<(&'static [u8], usize)>,
    /// The rank of children the table does not know: after all others.
    unknown: usize,
}

/// [`SCHEMA_ORDER`] as lookup tables, built once: the pass looks up every element of every
/// part, and scanning the lists for each took as many instructions as parsing the part.
static RANKS: LazyLock<Vec<Ranks>> = LazyLock::new(|| {
    SCHEMA_ORDER
        .iter()
        .map(|(parent, sequence)| {
            let mut by_name: Vec<(&'static [u8], usize)> = sequence
                .iter()
                .enumerate()
                .flat_map(|(rank, entry)| entry.split('|').map(move |name| (name.as_bytes(), rank)))
                .collect();
            by_name.sort_unstable();
            Ranks {
                parent: parent.as_bytes(),
                by_name,
                unknown: sequence.len(),
            }
        })
        .collect()
});

impl Ranks {
    /// The table for the children of `parent`, if the schema gives them an order.
    fn of(parent: &[u8]) -> Option<&'static Ranks> {
        RANKS.iter().find(|ranks| ranks.parent == parent)
    }

    /// The rank of `child`; children the table does not know go last, keeping their order.
    fn rank(&self, child: &[u8]) -> usize {
        match self
            .by_name
            .binary_search_by(|(name, _)| (*name).cmp(child))
        {
            Ok(index) => self.by_name[index].1,
            Err(_) => self.unknown,
        }
    }
}

/// Sorts the children of every property element into the schema's sequence (stable, so
/// elements of one choice group keep their order), and removes what the schema does not
/// allow where docx-rs writes it: the `w:type` attribute of `w:gridCol`, and the empty
/// `w:rPr` docx-rs puts into the paragraph properties of styles and document defaults
/// (CT_PPrGeneral has no rPr).
pub(crate) fn reorder(part: &mut Part) {
    for node in &mut part.nodes {
        if let Node::Element(root) = node {
            root.walk_mut(&mut |element| {
                let name = element.name_bytes();
                if name == b"w:gridCol" {
                    element.remove_attr("w:type");
                    return;
                }
                if name == b"w:style" || name == b"w:pPrDefault" {
                    for props in element.elements_mut().filter(|e| e.is("w:pPr")) {
                        props.children.retain(|node| {
                            !matches!(node, Node::Element(e) if e.is("w:rPr") && e.children.is_empty())
                        });
                    }
                }
                // Empty run and row properties, which docx-rs writes on every run, paragraph
                // mark and row, say nothing: dropped (a tenth of document.xml).
                if element.is("w:r") || element.is("w:pPr") || element.is("w:tr") {
                    element.children.retain(|node| {
                        !matches!(node, Node::Element(e)
                            if (e.is("w:rPr") || e.is("w:trPr")) && e.children.is_empty())
                    });
                }
                let Some(ranks) = Ranks::of(element.name_bytes()) else {
                    return;
                };
                let ranks: Vec<usize> = element
                    .children
                    .iter()
                    .map(|child| match child {
                        Node::Element(child) => ranks.rank(child.name_bytes()),
                        // docx-rs writes no text inside property elements; keep any at the end.
                        Node::Other(_) => usize::MAX,
                    })
                    .collect();
                // Most property elements are in order already; ranks are computed once, not
                // at every comparison (this pass took a tenth of a render's time).
                if ranks.is_sorted() {
                    return;
                }
                let mut ranked: Vec<(usize, Node)> =
                    ranks.into_iter().zip(element.children.drain(..)).collect();
                ranked.sort_by_key(|(rank, _)| *rank);
                element.children = ranked.into_iter().map(|(_, node)| node).collect();
            });
        }
    }
}
