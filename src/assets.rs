//! Files embedded in the binary. This is the only place that knows their names.

/// The template that wraps the sections into one document.
pub const DOCUMENT_TEMPLATE: &str = "document.xhtml.tera";
/// The order's own text: one section, rendered when the source has the order's text.
pub const ORDER_TEMPLATE: &str = "order.xhtml.tera";
/// One appendix: one section, rendered once per appendix.
pub const APPENDIX_TEMPLATE: &str = "appendix.xhtml.tera";

/// The built-in templates, by name. A user's template folder overrides them by these names.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        DOCUMENT_TEMPLATE,
        include_str!("../templates/document.xhtml.tera"),
    ),
    (
        ORDER_TEMPLATE,
        include_str!("../templates/order.xhtml.tera"),
    ),
    (
        APPENDIX_TEMPLATE,
        include_str!("../templates/appendix.xhtml.tera"),
    ),
    (
        "requisites.xhtml.tera",
        include_str!("../templates/requisites.xhtml.tera"),
    ),
    (
        "table.xhtml.tera",
        include_str!("../templates/table.xhtml.tera"),
    ),
];
