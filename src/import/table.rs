//! Reading an export into a table of text cells with line numbers: CSV in whatever encoding and
//! delimiter German tools write, or the first sheet of an XLSX workbook.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::messages::Message;

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
    /// Why the row could not be read whole (an opening quote never closed), with the column
    /// where it happened: the row is reported, never imported.
    pub defect: Option<(usize, String)>,
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
                Message::NotAChoice {
                    value: other.to_string(),
                    choices: ["csv", "xlsx"].map(String::from).to_vec(),
                },
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
                Message::NotAChoice {
                    value: other.to_string(),
                    choices: ["auto", "utf-8", "windows-1252"].map(String::from).to_vec(),
                },
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
                Message::NotAChoice {
                    value: other.to_string(),
                    choices: ["auto", "\";\"", "\",\"", "tab"].map(String::from).to_vec(),
                },
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
            let (text, encoding) = decode(bytes, encoding)?;
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
/// (what German Excel writes as "CSV (Trennzeichen-getrennt)"). UTF-8 chosen by the user (or
/// by a UTF-8 BOM) must be valid: replacement characters would be imported as the text.
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Result<(String, &'static str)> {
    let encoding = match choice {
        EncodingChoice::Utf8 => encoding_rs::UTF_8,
        EncodingChoice::Windows1252 => encoding_rs::WINDOWS_1252,
        EncodingChoice::Auto => match encoding_rs::Encoding::for_bom(bytes) {
            Some((e, _)) => e,
            None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
            None => encoding_rs::WINDOWS_1252,
        },
    };
    if encoding == encoding_rs::UTF_8 {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Err(e) = std::str::from_utf8(body) {
            return Err(invalid_utf8(body, e.valid_up_to()));
        }
    }
    // `decode` strips a BOM of the same encoding (Windows-1252 maps every byte).
    let (text, used, _) = encoding.decode(bytes);
    Ok((text.into_owned(), used.name()))
}

/// The error for bytes that are not UTF-8 at byte `at`: line and column (in characters) of the
/// first invalid byte, and the byte itself.
fn invalid_utf8(bytes: &[u8], at: usize) -> Error {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // The prefix is valid UTF-8 up to `at`.
    let column = std::str::from_utf8(&before[line_start..])
        .map_or(at - line_start, |s| s.chars().count())
        + 1;
    Error::invalid(
        format!("Zeile {line}, Zeichen {column}"),
        Message::NotUtf8 {
            byte: format!("{:02X}", bytes[at]),
        },
    )
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
    // A quote that is never closed makes a CSV reader take the rest of the file as one field:
    // every row after it would become one comment. Such a row is cut out as a defect and the
    // reading resumes on the line after it.
    let mut headers = None;
    let mut records = Vec::new();
    let (mut from, mut line) = (0usize, 1u64);
    loop {
        let rest = &text[from..];
        let Some(open) = unclosed_quote(rest.as_bytes(), delimiter) else {
            read_rows(rest, delimiter, line, &mut headers, &mut records)?;
            break;
        };
        read_rows(
            &rest[..open.record],
            delimiter,
            line,
            &mut headers,
            &mut records,
        )?;
        let row_line = line + count_lines(&rest.as_bytes()[..open.record]);
        let quote_line = line + count_lines(&rest.as_bytes()[..open.quote]);
        if headers.is_none() {
            return Err(Error::invalid(
                format!("Zeile {quote_line}"),
                Message::HeaderQuoteOpen { line: quote_line },
            ));
        }
        // The row's cells up to the broken one, to show; the rest of its line is lost.
        let cells = rest[open.record..open.quote]
            .split(delimiter as char)
            .map(str::to_string)
            .collect();
        records.push(Record {
            line: row_line,
            cells,
            defect: Some((
                open.field,
                format!(
                    "Anführungszeichen nicht geschlossen (Zeile {quote_line}): die Zeile ist \
                     nicht lesbar, die Zeilen danach wurden einzeln gelesen"
                ),
            )),
        });
        // Resume on the line after the opening quote (LF, CRLF, or a lone CR of old Macs).
        let after = rest[open.quote..]
            .find(['\n', '\r'])
            .map_or(rest.len(), |i| {
                let end = open.quote + i;
                end + if rest[end..].starts_with("\r\n") {
                    2
                } else {
                    1
                }
            });
        line += count_lines(&rest.as_bytes()[..after]);
        from += after;
        if from >= text.len() {
            break;
        }
    }
    Ok(Table {
        headers: headers.unwrap_or_default(),
        records,
        format: Format::Csv,
        encoding,
        delimiter: Some(delimiter as char),
    })
}

/// Line breaks in `bytes`: LF, CRLF once, and a lone CR (old Mac files).
fn count_lines(bytes: &[u8]) -> u64 {
    (0..bytes.len())
        .filter(|&k| bytes[k] == b'\n' || (bytes[k] == b'\r' && bytes.get(k + 1) != Some(&b'\n')))
        .count() as u64
}

/// Where a quoted field opens that is never closed.
#[derive(Debug, PartialEq)]
struct OpenQuote {
    /// Byte offset of the record holding it.
    record: usize,
    /// Byte offset of the quote.
    quote: usize,
    /// The field's index in its record.
    field: usize,
}

/// The first quoted field in `bytes` that is never closed, read as the `csv` crate reads
/// (RFC 4180: a quote opens a field only at its start; `""` inside is a quote). A quote left
/// open pairs up with the next quote in the file, usually the opening quote of a later
/// multi-line text, so "closed" is only believed if a delimiter or the line's end follows (or
/// spaces and then one); otherwise the field that opened is the one left open.
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<OpenQuote> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        /// A quote inside a quoted field: the end, or the first half of `""`.
        QuoteInQuoted,
        /// After a closing quote, spaces.
        Closed,
    }
    let mut state = State::FieldStart;
    let (mut record, mut field, mut quote) = (0, 0, 0);
    let open = |record, quote, field| {
        Some(OpenQuote {
            record,
            quote,
            field,
        })
    };
    for (i, &b) in bytes.iter().enumerate() {
        let ends_record = b == b'\n' || b == b'\r';
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            _ if ends_record => {
                record = i + 1;
                field = 0;
                State::FieldStart
            }
            _ if b == delimiter => {
                field += 1;
                State::FieldStart
            }
            State::QuoteInQuoted | State::Closed if b == b' ' || b == b'\t' => State::Closed,
            State::QuoteInQuoted | State::Closed => return open(record, quote, field),
            State::FieldStart if b == b'"' => {
                quote = i;
                State::Quoted
            }
            State::FieldStart | State::Unquoted => State::Unquoted,
        };
    }
    match state {
        State::Quoted => open(record, quote, field),
        _ => None,
    }
}

/// Reads the rows of `text`, which starts at line `line` of the file; the first row is the
/// header if none was read yet.
fn read_rows(
    text: &str,
    delimiter: u8,
    line: u64,
    headers: &mut Option<Vec<String>>,
    records: &mut Vec<Record>,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(headers.is_none())
        .from_reader(text.as_bytes());
    if headers.is_none() {
        if text.trim().is_empty() {
            return Ok(());
        }
        *headers = Some(
            reader
                .headers()
                .map_err(|e| csv_error(&e, line))?
                .iter()
                .map(|h| h.trim().to_string())
                .collect(),
        );
    }
    let mut record = csv::StringRecord::new();
    // Lines are counted from byte offsets: the reader's own line count does not include line
    // breaks inside quoted fields.
    let (mut counted_to, mut line) = (0usize, line);
    let bytes = text.as_bytes();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The reader's position may sit on the line break before the record (CRLF,
                // blank lines): the record starts after it.
                let mut start = record
                    .position()
                    .map_or(0, |p| p.byte() as usize)
                    .min(bytes.len());
                while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
                    start += 1;
                }
                line += count_lines(&bytes[counted_to..start]);
                counted_to = start;
                // Blank lines between rows are not rows.
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                records.push(Record {
                    line,
                    cells: record.iter().map(str::to_string).collect(),
                    defect: None,
                });
            }
            Err(e) => return Err(csv_error(&e, line)),
        }
    }
    Ok(())
}

fn csv_error(e: &csv::Error, first_line: u64) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(1) + first_line - 1;
    Error::invalid(
        format!("Zeile {line}"),
        Message::CsvUnreadable {
            detail: e.to_string(),
        },
    )
}

fn read_xlsx(name: &str, bytes: &[u8]) -> Result<Table> {
    read_xlsx_sheet(name, bytes, None)
}

/// The sheet named `preferred` of a workbook (a user may have moved it), else its first sheet.
pub fn read_xlsx_sheet(name: &str, bytes: &[u8], preferred: Option<&str>) -> Result<Table> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::invalid(
            name,
            Message::XlsxUnreadable {
                detail: e.to_string(),
            },
        )
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    let sheet = preferred
        .and_then(|p| names.iter().find(|n| n.as_str() == p))
        .or(names.first())
        .cloned()
        .ok_or_else(|| Error::invalid(name, Message::XlsxNoSheet))?;
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
            defect: None,
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
            decode(utf8_bom, EncodingChoice::Auto).unwrap(),
            ("Beitrag\nGrüße".into(), "UTF-8")
        );
        let cp1252 = b"Beitrag\nGr\xFC\xDFe \x84zitiert\x93";
        assert_eq!(
            decode(cp1252, EncodingChoice::Auto).unwrap(),
            ("Beitrag\nGrüße „zitiert“".into(), "windows-1252")
        );
        assert_eq!(
            decode(b"abc", EncodingChoice::Windows1252).unwrap().1,
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
    fn an_unclosed_quote_is_a_defect_and_the_rows_after_it_are_read() {
        let csv = "ID;Beitrag\n1;erste\n2;\"offen und nie zu\n3;dritte\n\n4;\"zwei\nZeilen\"\n";
        let t = read(
            "x.csv",
            csv.as_bytes(),
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap();
        let rows: Vec<_> = t
            .records
            .iter()
            .map(|r| (r.line, r.cells.clone(), r.defect.as_ref().map(|d| d.0)))
            .collect();
        assert_eq!(
            rows,
            vec![
                (2, vec!["1".to_string(), "erste".into()], None),
                (3, vec!["2".to_string(), String::new()], Some(1)),
                (4, vec!["3".to_string(), "dritte".into()], None),
                (6, vec!["4".to_string(), "zwei\nZeilen".into()], None),
            ]
        );
        assert!(
            t.records[1]
                .defect
                .as_ref()
                .unwrap()
                .1
                .contains("Anführungszeichen nicht geschlossen (Zeile 3)")
        );
        // Two unclosed quotes, and one in the header.
        let t = read(
            "x.csv",
            b"ID;Beitrag\n1;\"a\n2;\"b\n3;c",
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap();
        assert_eq!(t.records.iter().filter(|r| r.defect.is_some()).count(), 2);
        assert_eq!(t.records.last().unwrap().cells, vec!["3", "c"]);
        let e = read(
            "x.csv",
            b"ID;\"Beitrag\n1;a",
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap_err();
        assert!(e.to_string().contains("Kopfzeile"), "{e}");
        // Escaped quotes and a closing quote at the end are no defect.
        let t = read(
            "x.csv",
            b"ID;Beitrag\n1;\"sagt \"\"ja\"\"\"",
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap();
        assert_eq!(
            (
                t.records[0].cells[1].as_str(),
                t.records[0].defect.is_none()
            ),
            ("sagt \"ja\"", true)
        );
    }

    #[test]
    fn after_an_unclosed_quote_old_mac_line_ends_resume_too() {
        let t = read(
            "x.csv",
            b"ID;Beitrag\r1;\"offen\r2;zwei\r3;drei",
            None,
            EncodingChoice::Auto,
            DelimiterChoice::Auto,
        )
        .unwrap();
        let rows: Vec<_> = t
            .records
            .iter()
            .map(|r| (r.line, r.defect.is_some()))
            .collect();
        assert_eq!(rows, vec![(2, true), (3, false), (4, false)]);
        assert_eq!(t.records[2].cells, vec!["3", "drei"]);
    }

    #[test]
    fn utf8_chosen_for_other_bytes_names_line_and_column() {
        let e = decode(b"ID;Text\n1;Gr\xf6\xdfe", EncodingChoice::Utf8).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("Zeile 2, Zeichen 5") && s.contains("0xF6"),
            "{s}"
        );
        // A UTF-8 BOM claims UTF-8 too.
        assert!(decode(b"\xEF\xBB\xBFx\xff", EncodingChoice::Auto).is_err());
        // Auto still falls back to Windows-1252.
        assert_eq!(
            decode(b"Gr\xf6\xdfe", EncodingChoice::Auto).unwrap().0,
            "Größe"
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
