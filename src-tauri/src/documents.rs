//! IPC commands for the printable concept: render a document of an edition into the export
//! folder, hand it to the UI for the preview, and open it in the system's PDF viewer.

use std::path::PathBuf;

use base64::Engine;
use konzeptstudio::Error;
use konzeptstudio::messages::Message;
use konzeptstudio::render::{self, Kind};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::{Reply, on_store, reply};
use crate::session::AppState;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RenderedDocument {
    /// Where the file was written (the export folder).
    pub path: String,
    pub bytes: usize,
    /// The PDF itself, base64, for the preview of its first pages.
    pub data: String,
}

/// The documents the app prints (the UI chooses from these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum DocumentKind {
    #[serde(rename = "long")]
    Long,
    #[serde(rename = "short")]
    Short,
    #[serde(rename = "synopse")]
    Synopsis,
    #[serde(rename = "report")]
    Report,
}

fn kind(k: DocumentKind) -> Kind {
    match k {
        DocumentKind::Long => Kind::Long,
        DocumentKind::Short => Kind::Short,
        DocumentKind::Synopsis => Kind::Synopsis,
        DocumentKind::Report => Kind::Report,
    }
}

/// The Synopse compares two frozen editions; the other documents print one state: the
/// current one, a frozen edition, or the concept as it was at `as_of`.
async fn bytes_of(
    s: &konzeptstudio::Store,
    kind: Kind,
    edition: Option<&str>,
    from: Option<&str>,
    as_of: Option<&str>,
) -> konzeptstudio::Result<Vec<u8>> {
    if kind != Kind::Synopsis {
        let content = render::Content::of(s, edition, as_of).await?;
        return render::render_content(&content, kind, konzeptstudio::pdf::creation_time());
    }
    if as_of.is_some() {
        return Err(Error::invalid("as_of", Message::SynopsisNeedsTwoEditions));
    }
    match (from, edition) {
        (Some(from), Some(to)) => render::synopsis::render(s, from, to).await,
        (None, _) => Err(Error::invalid("from", Message::SynopsisNeedsOlder)),
        (_, None) => Err(Error::invalid("edition", Message::SynopsisNeedsNewer)),
    }
}

/// What a file name says of the state printed: the moment (`Stand-2019-12-31`), the edition,
/// or `aktuell`.
fn which_state(edition: Option<&str>, as_of: Option<&str>) -> String {
    match (as_of, edition) {
        (Some(at), _) => format!("Stand-{}", file_part(at)),
        (None, Some(e)) => file_part(e),
        (None, None) => "aktuell".to_string(),
    }
}

/// File names keep to letters, digits and dashes (edition names are free text).
fn file_part(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[tauri::command(rename_all = "snake_case")]
pub async fn render_document(
    state: State<'_, AppState>,
    kind_name: DocumentKind,
    edition: Option<String>,
    from: Option<String>,
    as_of: Option<String>,
) -> Reply<RenderedDocument> {
    let dir = state.export_dir.clone();
    on_store(&state, |s| async move {
        let kind = kind(kind_name);
        let edition = edition.filter(|e| !e.is_empty());
        let from = from.filter(|e| !e.is_empty());
        let as_of = as_of.filter(|e| !e.trim().is_empty());
        let bytes = bytes_of(
            &s,
            kind,
            edition.as_deref(),
            from.as_deref(),
            as_of.as_deref(),
        )
        .await?;
        let stamp = chrono::Local::now().format("%Y-%m-%d_%H%M%S");
        let which = match (&from, &edition) {
            (Some(from), Some(to)) if kind == Kind::Synopsis => {
                format!("{}_{}", file_part(from), file_part(to))
            }
            _ => which_state(edition.as_deref(), as_of.as_deref()),
        };
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}_{which}_{stamp}.pdf", kind.label()));
        render::write_atomically(&path, &bytes)?;
        Ok(RenderedDocument {
            path: path.display().to_string(),
            bytes: bytes.len(),
            data: base64::engine::general_purpose::STANDARD.encode(&bytes),
        })
    })
    .await
}

/// The editions besides the PDF: Word (every document but the Synopse) and the web edition
/// (the Langfassung as a website).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum EditionFormat {
    Docx,
    Html,
}

/// A document written into the export folder: the file to open (for the web edition its
/// start page) and its size (the web edition's: all its files).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SavedDocument {
    pub path: String,
    pub bytes: usize,
}

/// Writes a document as Word file or website into the export folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_document(
    state: State<'_, AppState>,
    kind_name: DocumentKind,
    edition: Option<String>,
    format: EditionFormat,
    as_of: Option<String>,
) -> Reply<SavedDocument> {
    let dir = state.export_dir.clone();
    on_store(&state, |s| async move {
        let kind = kind(kind_name);
        let edition = edition.filter(|e| !e.is_empty());
        let as_of = as_of.filter(|e| !e.trim().is_empty());
        let which = which_state(edition.as_deref(), as_of.as_deref());
        let stamp = chrono::Local::now().format("%Y-%m-%d_%H%M%S");
        std::fs::create_dir_all(&dir)?;
        match format {
            EditionFormat::Docx => {
                if kind == Kind::Synopsis {
                    return Err(Error::invalid("format", Message::SynopsisPdfOnly));
                }
                let content = render::Content::of(&s, edition.as_deref(), as_of.as_deref()).await?;
                let bytes =
                    render::word::render(&content, kind, konzeptstudio::pdf::creation_time())?;
                let path = dir.join(format!("{}_{which}_{stamp}.docx", kind.label()));
                render::write_atomically(&path, &bytes)?;
                Ok(SavedDocument {
                    path: path.display().to_string(),
                    bytes: bytes.len(),
                })
            }
            EditionFormat::Html => {
                if kind != Kind::Long {
                    return Err(Error::invalid("format", Message::WebIsLongOnly));
                }
                if as_of.is_some() {
                    return Err(Error::invalid("as_of", Message::WebNotAsOf));
                }
                let folder = dir.join(format!("Webfassung_{which}_{stamp}"));
                let site = render::web::render(&s, edition.as_deref(), &folder).await?;
                Ok(SavedDocument {
                    path: folder.join("index.html").display().to_string(),
                    bytes: site.bytes(),
                })
            }
        }
    })
    .await
}

/// The file a document is written to: `path` as the user chose it, ending in `.ext` (so that a
/// typed path never lands on a concept file or anything else), its folder made if missing. A
/// file already there is replaced only with `replace` (the save dialog asked, or the user
/// pressed „Vorhandene Datei ersetzen“); the refusal names the field `replace`.
pub(crate) fn target(path: &str, ext: &str, replace: bool) -> konzeptstudio::Result<PathBuf> {
    let trimmed = path.trim();
    let file = PathBuf::from(trimmed);
    if trimmed.is_empty() || file.file_name().is_none() || file.is_dir() {
        return Err(Error::invalid(
            "path",
            Message::TargetNotAFile {
                path: trimmed.to_string(),
            },
        ));
    }
    let fits = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if !fits {
        return Err(Error::invalid(
            "path",
            format!("Der Dateiname „{trimmed}“ endet nicht auf .{ext}"),
        ));
    }
    if file.exists() && !replace {
        return Err(Error::invalid(
            "replace",
            format!(
                "{trimmed} gibt es schon; wählen Sie einen anderen Namen oder ersetzen Sie die Datei"
            ),
        ));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    Ok(file)
}

pub(crate) fn write(file: PathBuf, bytes: &[u8]) -> konzeptstudio::Result<SavedDocument> {
    render::write_atomically(&file, bytes)?;
    Ok(SavedDocument {
        path: file.display().to_string(),
        bytes: bytes.len(),
    })
}

/// Opens a document this app wrote with the program the system has for it (PDF viewer, Word,
/// spreadsheet, browser for a web edition's start page). Only files in the export folder: the
/// UI must not be able to open arbitrary paths or URLs.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_document(state: State<'_, AppState>, path: String) -> Reply<()> {
    const KINDS: [&str; 5] = ["pdf", "docx", "xlsx", "csv", "html"];
    reply((|| {
        let file = std::path::Path::new(&path).canonicalize()?;
        let dir = state.export_dir.canonicalize()?;
        let known = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| KINDS.contains(&e));
        if !file.starts_with(&dir) || !known {
            return Err(Error::denied(Message::OpenOnlyFrom {
                folder: dir.display().to_string(),
            }));
        }
        open::that_detached(&file)
            .map_err(|e| Error::Internal(format!("Kein Programm zum Öffnen gefunden: {e}")))
    })())
}
