//! The search index: one entry per measure (code, title, field, short text, URL) as JSON,
//! assigned to a global in `suchindex.js`. A script file rather than `fetch()` of a `.json`:
//! the CSP allows scripts of the site itself, and browsers refuse `fetch()` from `file://`, so
//! the same files work on the web server and opened from a disk.

use serde::Serialize;

use super::field_files;
use super::html::{fragment, plain_excerpt};
use crate::render::Content;

/// The global `suche.js` reads.
pub const GLOBAL: &str = "KONZEPTSTUDIO_SUCHINDEX";

/// How long an entry's text may be, in characters.
const EXCERPT: usize = 240;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Entry {
    pub code: String,
    pub title: String,
    /// "3.5 Sprache und Bildung".
    pub field: String,
    /// The short text, or the beginning of the long text, as plain text.
    pub text: String,
    /// Relative to the site: `feld-3.5.html#3.5-2`.
    pub url: String,
}

/// Every measure in the Langfassung's order.
pub fn entries(content: &Content) -> Vec<Entry> {
    let files = field_files(content);
    let mut out = Vec::with_capacity(content.measures.len());
    for (i, field) in content.fields.iter().enumerate() {
        for (_, (code, m)) in content.measures_in_order(&field.number) {
            let source = if m.text_short.trim().is_empty() {
                &m.text_long
            } else {
                &m.text_short
            };
            out.push(Entry {
                code: code.clone(),
                title: super::html::clean(&m.title).into_owned(),
                field: format!("{} {}", field.number, field.title),
                text: plain_excerpt(&super::html::clean(source), EXCERPT),
                url: format!("{}#{}", files[i], fragment(code)),
            });
        }
    }
    out
}

/// `suchindex.js`: `window.KONZEPTSTUDIO_SUCHINDEX = [...];`.
pub fn index_script(content: &Content) -> String {
    let json = serde_json::to_string(&entries(content)).expect("entries serialise");
    format!("window.{GLOBAL} = {};\n", script_safe(&json))
}

/// JSON that stays inert wherever it is put: `<`, `>` and `&` as `\u` escapes (no
/// `</script>` or `<!--` ever appears, should the index be inlined one day), and U+2028/2029,
/// which older JavaScript engines read as line ends inside strings.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn json_cannot_end_a_script() {
        let json = serde_json::to_string(&["</script><!-- a&b \u{2028}\u{2029}"]).unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        // Still the same JSON.
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back[0], "</script><!-- a&b \u{2028}\u{2029}");
    }
}
