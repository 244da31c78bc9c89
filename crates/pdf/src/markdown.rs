//! The Markdown of measure texts, forewords and introductions as blocks of styled spans:
//! paragraphs, bullet and numbered lists, bold and italic. Nothing else is interpreted: raw HTML
//! and anything a PDF could act on is kept as the literal text it is.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::font::Style;
use super::paragraph::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum TextBlock {
    Paragraph(Vec<Span>),
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
}

/// The blocks of `markdown`, with `base` as the style of plain text.
pub fn parse(markdown: &str, base: Style) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    // Open lists: ordered, items so far.
    let mut lists: Vec<(bool, Vec<Vec<Span>>)> = Vec::new();
    let push = |spans: &mut Vec<Span>, text: &str, style: Style| match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => spans.push(Span::new(text, style)),
    };
    for event in Parser::new(markdown) {
        let style = base.with(bold > 0, italic > 0);
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => bold += 1,
            Event::End(TagEnd::Heading(_)) => {
                bold = bold.saturating_sub(1);
                end_paragraph(&mut blocks, &mut spans, &lists);
            }
            Event::Start(Tag::List(first)) => lists.push((first.is_some(), Vec::new())),
            Event::End(TagEnd::List(_)) => {
                if let Some((ordered, items)) = lists.pop() {
                    match lists.last_mut() {
                        // A nested list continues its parent item's text.
                        Some((_, outer)) => {
                            for item in items {
                                if let Some(last) = outer.last_mut() {
                                    last.push(Span::new("\n", base));
                                    last.extend(item);
                                }
                            }
                        }
                        None => blocks.push(TextBlock::List { ordered, items }),
                    }
                }
            }
            Event::Start(Tag::Item) => {
                if let Some((_, items)) = lists.last_mut() {
                    items.push(Vec::new());
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((_, items)) = lists.last_mut()
                    && let Some(item) = items.last_mut()
                {
                    item.append(&mut spans);
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if lists.is_empty() {
                    end_paragraph(&mut blocks, &mut spans, &lists);
                } else if !spans.is_empty() {
                    push(&mut spans, "\n", base);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut spans, &t, style)
            }
            Event::SoftBreak => push(&mut spans, " ", style),
            Event::HardBreak => push(&mut spans, "\n", style),
            Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock) => {
                end_paragraph(&mut blocks, &mut spans, &lists)
            }
            _ => {}
        }
    }
    end_paragraph(&mut blocks, &mut spans, &lists);
    blocks
}

fn end_paragraph(
    blocks: &mut Vec<TextBlock>,
    spans: &mut Vec<Span>,
    lists: &[(bool, Vec<Vec<Span>>)],
) {
    if lists.is_empty() && spans.iter().any(|s| !s.text.trim().is_empty()) {
        blocks.push(TextBlock::Paragraph(std::mem::take(spans)));
    }
    if lists.is_empty() {
        spans.clear();
    }
}

/// The plain text of `markdown`, emphasis dropped (for one-line uses such as a heading).
pub fn plain(markdown: &str) -> String {
    parse(markdown, Style::Regular)
        .into_iter()
        .map(|b| match b {
            TextBlock::Paragraph(s) => s.into_iter().map(|s| s.text).collect::<String>(),
            TextBlock::List { items, .. } => items
                .into_iter()
                .map(|i| i.into_iter().map(|s| s.text).collect::<String>())
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let md = "Der Freistaat fördert **ergänzende Sprachkursangebote**, *rasch*.\n\nDazu gehören:\n\n- Kurse im ländlichen Raum,\n- flexible Zeiten.\n\n<script>alert(1)</script> bleibt Text.";
        let blocks = parse(md, Style::Regular);
        assert_eq!(blocks.len(), 4, "{blocks:#?}");
        let TextBlock::Paragraph(first) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            first.iter().map(|s| s.style).collect::<Vec<_>>(),
            [
                Style::Regular,
                Style::Bold,
                Style::Regular,
                Style::Italic,
                Style::Regular
            ]
        );
        let TextBlock::List { ordered, items } = &blocks[2] else {
            panic!("{blocks:?}")
        };
        assert!(!ordered);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1][0].text.trim(), "flexible Zeiten.");
        let all = plain(md);
        assert!(all.contains("<script>alert(1)</script>"), "{all}");
    }
}
