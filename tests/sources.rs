//! Source texts built in code: the order every test source starts with, a four-column table,
//! and sources too big to commit. Shared by the tests and `benches/pdf.rs`.

/// Lines 1–5: the order.
pub const ORDER: &str = "order:
  authority: Управление образования г. Таганрога
  authority_genitive: Управления образования г. Таганрога
  date: 2023-02-16
  number: \"206\"
";

/// Four columns: number, activity, deadline, responsible.
pub const COLUMNS: &str = "    - { key: number, title: № п/п, width: 6 }
    - { key: activity, title: Мероприятие, width: 50 }
    - { key: deadline, title: Сроки, width: 20 }
    - { key: responsible, title: Ответственный, width: 24 }
";

/// The order, then an appendix with these columns and stages.
pub fn source(columns: &str, stages: &str) -> String {
    format!("{ORDER}appendix:\n  title: Дорожная карта\n  columns:\n{columns}  stages:\n{stages}")
}

/// 5,000 items in ten stages.
pub fn five_thousand_rows() -> String {
    let mut stages = String::new();
    for s in 0..10 {
        stages += &format!("    - title: Этап {}\n      items:\n", s + 1);
        for i in 0..500 {
            stages += &format!(
                "        - activity: Мероприятие {s}-{i}, семинар для учителей по повышению качества образования\n          deadline: 2023-{:02}\n          responsible: Иванова И.И., Петров П.П.\n",
                i % 12 + 1
            );
        }
    }
    source(COLUMNS, &stages)
}
