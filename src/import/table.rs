//! Reading an export into a table of text cells with line numbers: CSV in whatever encoding and
//! delimiter German tools write, or the first sheet of an XLSX workbook.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    #[default]
    Auto,
    Utf8,
    Windows1252,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DelimiterChoice {
    #[default]
    Auto,
    Byte(u8),
}

/// One data row; `line` is where it starts in the file (1-based, the header is line 1), so a
/// quoted field with line breaks does not shift the numbers of the rows after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub records: Vec<Record>,
    /// What was detected or chosen, to show the user (and let them override it).
    pub format: Format,
    pub encoding: &'static str,
    pub delimiter: Option<char>,
}

const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];

impl Format {
    /// `csv` or `xlsx`, as a user names it.
    pub fn parse(s: &str) -> Result<Format> {
        match s.to_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(Error::invalid(
                "format",
                format!("„{other}“: csv oder xlsx"),
            )),
        }
    }
}

impl EncodingChoice {
    /// `auto`, `utf-8` or `windows-1252` (also `utf8`, `cp1252`, `latin1`).
    pub fn parse(s: &str) -> Result<EncodingChoice> {
        match s.to_lowercase().as_str() {
            "auto" => Ok(EncodingChoice::Auto),
            "utf-8" | "utf8" => Ok(EncodingChoice::Utf8),
            "windows-1252" | "cp1252" | "latin1" => Ok(EncodingChoice::Windows1252),
            other => Err(Error::invalid(
                "encoding",
                format!("„{other}“: auto, utf-8 oder windows-1252"),
            )),
        }
    }
}

impl DelimiterChoice {
    /// `auto`, `;`, `,`, `|` or `tab` (also `\t`).
    pub fn parse(s: &str) -> Result<DelimiterChoice> {
        match s {
            "auto" => Ok(DelimiterChoice::Auto),
            "tab" | "\\t" => Ok(DelimiterChoice::Byte(b'\t')),
            ";" | "," | "|" => Ok(DelimiterChoice::Byte(s.as_bytes()[0])),
            other => Err(Error::invalid(
                "delimiter",
                format!("„{other}“: auto, \";\", \",\" oder tab"),
            )),
        }
    }
}

pub fn detect_format(name: &str, bytes: &[u8]) -> Format {
    // XLSX is a ZIP archive; a CSV never starts with "PK\x03\x04".
    if bytes.starts_with(b"PK\x03\x04") || name.to_lowercase().ends_with(".xlsx") {
        Format::Xlsx
    } else {
        Format::Csv
    }
}

pub fn read(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
    encoding: EncodingChoice,
    delimiter: DelimiterChoice,
) -> Result<Table> {
    match format.unwrap_or_else(|| detect_format(name, bytes)) {
        Format::Csv => {
            let (text, encoding) = decode(bytes, encoding);
            let delimiter = match delimiter {
                DelimiterChoice::Byte(b) => b,
                DelimiterChoice::Auto => sniff_delimiter(&text),
            };
            read_csv(&text, delimiter, encoding)
        }
        Format::Xlsx => read_xlsx(name, bytes),
    }
}

/// Text from bytes: a BOM decides; else UTF-8 if the bytes are valid UTF-8, else Windows-1252
/// (what German Excel writes as "CSV (Trennzeichen-getrennt)").
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> (String, &'static str) {
    let encoding = match choice {
        EncodingChoice::Utf8 => encoding_rs::UTF_8,
        EncodingChoice::Windows1252 => encoding_rs::WINDOWS_1252,
        EncodingChoice::Auto => match encoding_rs::Encoding::for_bom(bytes) {
            Some((e, _)) => e,
            None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
            None => encoding_rs::WINDOWS_1252,
        },
    };
    // `decode` strips a BOM of the same encoding and replaces invalid bytes (never fails).
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// The delimiter that splits the first rows into the same number (> 1) of fields most often.
pub fn sniff_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(50).collect::<Vec<_>>().join("\n");
    let mut best = (b';', 0usize);
    for d in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .flexible(true)
            .has_headers(false)
            .from_reader(sample.as_bytes());
        let counts: Vec<usize> = reader
            .records()
            .take(20)
            .filter_map(|r| r.ok())
            .map(|r| r.len())
            .collect();
        let Some(&header) = counts.first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == header).count();
        let score = consistent * header;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn read_csv(text: &str, delimiter: u8, encoding: &'static str) -> Result<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted from byte offsets: the reader's own line count does not include line
    // breaks inside quoted fields.
    let (mut counted_to, mut line) = (0usize, 1u64);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The reader's position may sit on the line break before the record (CRLF,
                // blank lines): the record starts after it.
                let bytes = text.as_bytes();
                let mut start = record
                    .position()
                    .map_or(0, |p| p.byte() as usize)
                    .min(bytes.len());
                while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
                    start += 1;
                }
                // A lone CR (old Mac files) ends a line too; CRLF counts once.
                line += (counted_to..start)
                    .filter(|&k| {
                        bytes[k] == b'\n' || (bytes[k] == b'\r' && bytes.get(k + 1) != Some(&b'\n'))
                    })
                    .count() as u64;
                counted_to = start;
                // Blank lines between rows are not rows.
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                records.push(Record {
                    line,
                    cells: record.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => return Err(csv_error(&e)),
        }
    }
    Ok(Table {
        headers,
        records,
        format: Format::Csv,
        encoding,
        delimiter: Some(delimiter as char),
    })
}

fn csv_error(e: &csv::Error) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    Error::invalid(
        format!("Zeile {line}"),
        format!("Die CSV-Datei ist nicht lesbar: {e}"),
    )
}

fn read_xlsx(name: &str, bytes: &[u8]) -> Result<Table> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::invalid(name, format!("Die Excel-Datei ist nicht lesbar: {e}"))
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::invalid(name, "Die Excel-Datei hat kein Tabellenblatt"))?;
    let range = book.worksheet_range(&sheet).map_err(|e| unreadable(&e))?;
    let first_row = range.start().map_or(0, |(r, _)| r as u64);
    let mut rows = range.rows().enumerate();
    let headers = rows
        .next()
        .map(|(_, r)| r.iter().map(|c| cell_text(c).trim().to_string()).collect())
        .unwrap_or_default();
    let records = rows
        .filter(|(_, r)| r.iter().any(|c| !cell_text(c).trim().is_empty()))
        .map(|(i, r)| Record {
            line: first_row + i as u64 + 1,
            cells: r.iter().map(cell_text).collect(),
        })
        .collect();
    Ok(Table {
        headers,
        records,
        format: Format::Xlsx,
        encoding: "xlsx",
        delimiter: None,
    })
}

/// A cell as text; dates as ISO (`2017-04-22T20:02:00`), which the row parser reads.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "wahr" } else { "falsch" }.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let utf8_bom = b"\xEF\xBB\xBFBeitrag\nGr\xC3\xBC\xC3\x9Fe";
        assert_eq!(
            decode(utf8_bom, EncodingChoice::Auto),
            ("Beitrag\nGrüße".into(), "UTF-8")
        );
        let cp1252 = b"Beitrag\nGr\xFC\xDFe \x84zitiert\x93";
        assert_eq!(
            decode(cp1252, EncodingChoice::Auto),
            ("Beitrag\nGrüße „zitiert“".into(), "windows-1252")
        );
        assert_eq!(
            decode(b"abc", EncodingChoice::Windows1252).1,
            "windows-1252"
        );
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(
            sniff_delimiter("ID;Text\n1;Hallo, Welt\n2;Noch, einer"),
            b';'
        );
        assert_eq!(sniff_delimiter("ID,Text\n1,\"Hallo; Welt\"\n2,x"), b',');
        assert_eq!(sniff_delimiter("ID\tText\n1\tHallo, Welt; ja"), b'\t');
    }

    #[test]
    fn xlsx_sheets_are_read_with_their_dates() {
        use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Beitrag").unwrap();
        sheet.write_string(0, 1, "Eingang").unwrap();
        sheet.write_string(1, 0, "Mehr Sprachkurse").unwrap();
        let date = ExcelDateTime::parse_from_str("2017-04-22T20:02:00").unwrap();
        let format = CellFormat::new().set_num_format("dd.mm.yyyy hh:mm");
        sheet
            .write_datetime_with_format(1, 1, &date, &format)
            .unwrap();
        sheet.write_number(3, 0, 42).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let t = read(
            "stellungnahmen.xlsx",
            &bytes,
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap();
        assert_eq!(t.format, Format::Xlsx);
        assert_eq!(t.headers, vec!["Beitrag", "Eingang"]);
        assert_eq!(
            t.records[0].cells,
            vec!["Mehr Sprachkurse", "2017-04-22T20:02:00"]
        );
        assert_eq!(
            (t.records[1].line, t.records[1].cells[0].as_str()),
            (4, "42"),
            "blank row 3 skipped"
        );
        assert!(
            read(
                "kaputt.xlsx",
                b"PK\x03\x04kaputt",
                None,
                EncodingChoice::Auto,
                DelimiterChoice::Auto
            )
            .is_err()
        );
    }

    #[test]
    fn quoted_line_breaks_keep_line_numbers() {
        let t = read(
            "x.csv",
            b"ID;Beitrag\r\n1;\"zwei\r\nZeilen\"\r\n\r\n2;drei\r\n",
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap();
        assert_eq!(t.headers, vec!["ID", "Beitrag"]);
        assert_eq!(
            t.records.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 5]
        );
        assert_eq!(t.records[0].cells[1], "zwei\r\nZeilen");
    }
}
