//! Checks of a rendered page's text, shared by the DOCX, PDF and sample tests.

/// The number centred at the top of a page: none on the first page of a section, `n` on its
/// n-th page. `what` names the page in the failure message.
pub fn assert_page_number(what: &str, page: &str, number_in_section: usize) {
    let first_line = page
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if number_in_section == 1 {
        assert!(
            first_line.parse::<usize>().is_err(),
            "{what}: the first page of a section shows a number: {first_line:?}"
        );
    } else {
        assert_eq!(
            first_line,
            number_in_section.to_string(),
            "{what}: page number"
        );
    }
}
