//! The crate as the core uses it, from outside: blocks typeset into a book, written as a tagged
//! PDF and read back as assistive technology reads it. Nothing of a concept is needed.

use chrono::DateTime;
use konzeptstudio_pdf::reading::read_structure;
use konzeptstudio_pdf::{
    Block, Document, Look, Margins, Metadata, PageSize, Span, Style, mm, typeset,
};

const TEXT: &str = "Die Arbeitsmarktmentorinnen und Arbeitsmarktmentoren begleiten \
    Geflüchtete in Ausbildung und Arbeit. Im Jahr 2018 wurden 1.358 \
    Integrationsvereinbarungen geschlossen; die Förderung betrug 9,8 Mio. € aus \
    Landesmitteln des Freistaates Sachsen.";

fn start() -> Document {
    Document::new(
        PageSize::a4_portrait(),
        Margins::all(mm(20.0)),
        Metadata {
            title: "Zuwanderungs- und Integrationskonzept".into(),
            language: "de-DE".into(),
            ..Metadata::default()
        },
        DateTime::parse_from_rfc3339("2026-11-25T10:00:00+00:00").unwrap(),
    )
}

fn book() -> Vec<u8> {
    let blocks = vec![
        Block::heading(1, Look::Section, "3.5 Arbeitsmarkt"),
        Block::Paragraph(vec![Span::new(TEXT.repeat(6), Style::Regular)]),
    ];
    let (doc, placed) = typeset(start, &blocks);
    assert_eq!(placed[0].anchor.page, 0, "the heading opens the first page");
    doc.to_pdf().unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_book_reads_back_in_order_with_its_german_text() {
    let pdf = book();
    assert!(pdf.starts_with(b"%PDF-"));
    let read = read_structure(&pdf).unwrap();
    let h1: Vec<_> = read.iter().filter(|e| e.role == "H1").collect();
    assert_eq!(h1.len(), 1);
    assert_eq!(squash(&h1[0].text), "3.5 Arbeitsmarkt");
    // The paragraph reads as it was written: hyphenation and justification leave no trace in
    // the tagged text.
    let text: String = read
        .iter()
        .filter(|e| e.role == "P")
        .map(|e| e.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(squash(&text), squash(&TEXT.repeat(6)));
}

#[test]
fn the_same_blocks_and_time_give_the_same_bytes() {
    assert_eq!(book(), book());
}

#[test]
fn a_damaged_file_is_an_error_with_a_german_message() {
    let err = read_structure(b"%PDF-1.7 kaputt").unwrap_err();
    assert!(err.to_string().starts_with("PDF lesen: "), "{err}");
}
