//! Text into HTML: every text is escaped, Markdown goes through pulldown-cmark's HTML writer with
//! raw HTML turned into text, links limited to http, https and mailto, and headings kept out of
//! the page's outline.

use std::borrow::Cow;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

/// `text` without the control characters HTML forbids (C0 except tab and line feed, DEL, C1):
/// they are parse errors, and some browsers drop them where others show boxes.
pub fn clean(text: &str) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || c == '\u{FEFF}';
    if text.chars().any(bad) {
        Cow::Owned(text.chars().filter(|&c| !bad(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` escaped for element content and double-quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    pulldown_cmark_escape::escape_html(&mut out, &clean(text)).expect("writing to a string");
    out
}

/// `text` escaped, its line breaks as `<br>` (multi-line fact values, addresses).
pub fn esc_lines(text: &str) -> String {
    text.lines().map(esc).collect::<Vec<_>>().join("<br>")
}

/// A URL fragment for `id`: what is not unreserved is percent-encoded (browsers decode the
/// fragment before looking for the id).
pub fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a link target in a text from the public may become a link: http, https and mailto
/// only, and nothing a browser would strip or reinterpret (whitespace, controls).
pub fn allowed_url(url: &str, link_type: LinkType) -> bool {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if link_type == LinkType::Email {
        // pulldown-cmark writes "mailto:" before it.
        return true;
    }
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A Markdown text (measure texts, introductions, the foreword) as HTML. Raw HTML stays the
/// literal text it is; headings become bold paragraphs (the page's headings are the outline);
/// links to anything but http, https and mailto keep only their text; images their description.
pub fn markdown(text: &str) -> String {
    let source = clean(text);
    // Per open link: whether it was kept (its end tag is written only then).
    let mut links: Vec<bool> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new(&source) {
        match event {
            Event::Html(t) | Event::InlineHtml(t) => events.push(Event::Text(t)),
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { .. }) => {
                events.push(Event::Start(Tag::Paragraph));
                events.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) => {
                events.push(Event::End(TagEnd::Strong));
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = allowed_url(&dest_url, link_type);
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            // The description stays as text: no request leaves the page.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Text(t) => events.push(Event::Text(t)),
            other => events.push(other),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

/// The plain text of a Markdown text, shortened to about `max` characters at a word boundary
/// (for the search index).
pub fn plain_excerpt(markdown: &str, max: usize) -> String {
    let text = crate::history::markdown_text(markdown);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{} …", cut[..at].trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let h = markdown(
            "Vorher <script>alert(1)</script> nachher\n\n<div onclick=\"x()\">Block</div>",
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
        assert!(!h.contains("<div"), "{h}");
        assert!(h.contains("&lt;div onclick="), "{h}");
    }

    #[test]
    fn links_only_to_the_web_and_mail() {
        let h = markdown(
            "[a](javascript:alert(1)) [b](https://example.org/?a=1&b=\"2\") <javascript:alert(2)> \
             [c](JaVaScRiPt:x) [d](data:text/html,x) [e](mailto:a@b.de) <info@example.org> [f](relative.html)",
        );
        assert!(!h.to_ascii_lowercase().contains("href=\"javascript"), "{h}");
        assert!(!h.contains("data:"), "{h}");
        assert!(!h.contains("href=\"relative"), "{h}");
        assert!(
            h.contains("href=\"https://example.org/?a=1&amp;b=%222%22\""),
            "{h}"
        );
        assert!(h.contains("href=\"mailto:a@b.de\""), "{h}");
        assert!(h.contains("href=\"mailto:info@example.org\""), "{h}");
        // The text of a refused link stays.
        assert!(
            h.contains(">b</a>") && h.contains("<p>a ") && h.contains(" c "),
            "{h}"
        );
    }

    #[test]
    fn headings_and_images_stay_out_of_the_outline() {
        let h = markdown("# Titel\n\n![Bild <b>](https://evil.example/x.png) Text");
        assert!(!h.contains("<h1"), "{h}");
        assert!(h.contains("<p><strong>Titel</strong></p>"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("Bild"), "{h}");
    }

    #[test]
    fn escapes_attributes_and_controls() {
        assert_eq!(esc("\"><img onerror=x>"), "&quot;&gt;&lt;img onerror=x&gt;");
        assert_eq!(esc("a\u{0}b\u{7}c'"), "abc&#39;");
        assert_eq!(esc_lines("a<\nb"), "a&lt;<br>b");
        assert_eq!(fragment("3.5-2"), "3.5-2");
        assert_eq!(fragment("a b\"<"), "a%20b%22%3C");
    }

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(plain_excerpt("**Kurz** und gut", 100), "Kurz und gut");
        let e = plain_excerpt("eins zwei drei vier fünf", 12);
        assert_eq!(e, "eins zwei …");
    }
}
