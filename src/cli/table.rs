//! Plain-text tables for people (aligned by character count, so umlauts line up).

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<const N: usize>(headers: [&str; N]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn with_headers(headers: Vec<String>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate() {
                if i < widths.len() {
                    widths[i] = widths[i].max(width(c)).min(60);
                }
            }
        }
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String| {
            let mut l = String::new();
            for (i, c) in cells.iter().enumerate() {
                let mut c: String = c
                    .chars()
                    .map(|ch| if ch.is_control() { ' ' } else { ch })
                    .collect();
                if width(&c) > widths[i] {
                    c = c
                        .chars()
                        .take(widths[i].saturating_sub(1))
                        .collect::<String>()
                        + "…";
                }
                l.push_str(&c);
                if i + 1 < cells.len() {
                    l.push_str(&" ".repeat(widths[i] - width(&c) + 2));
                }
            }
            out.push_str(l.trim_end());
            out.push('\n');
        };
        line(&self.headers, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&rule, &mut out);
        for row in &self.rows {
            line(row, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_characters_and_strips_control_characters() {
        let mut t = Table::new(["Code", "Titel"]);
        t.row(vec!["3.5.2".into(), "Ärger\u{1b}[31m".into()]);
        let s = t.render();
        assert!(
            !s.contains('\u{1b}'),
            "terminal escapes from data must not reach the terminal"
        );
        assert!(s.lines().nth(2).unwrap().starts_with("3.5.2  Ärger"));
    }
}
