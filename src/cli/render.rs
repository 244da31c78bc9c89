//! `konzeptstudio render`: the printable documents.

use super::args::{Cli, RenderCommand};
use super::{print, print_json};
use crate::error::Result;
use crate::render::{self, Kind};
use crate::store::Store;

pub async fn run(cli: &Cli, store: &Store, command: &RenderCommand) -> Result<()> {
    let (kind, bytes, out, edition) = match command {
        RenderCommand::Long(a) | RenderCommand::Short(a) | RenderCommand::Report(a) => {
            let kind = match command {
                RenderCommand::Long(_) => Kind::Long,
                RenderCommand::Short(_) => Kind::Short,
                _ => Kind::Report,
            };
            let bytes = render::render(store, kind, a.edition.as_deref()).await?;
            (kind, bytes, &a.out, a.edition.clone())
        }
        RenderCommand::Synopse { from, to, out } => {
            let bytes = render::synopsis::render(store, from, to).await?;
            (Kind::Synopsis, bytes, out, Some(format!("{from} → {to}")))
        }
    };
    render::write_atomically(out, &bytes)?;
    // Only the trailer and page tree are read: loading a 1,000-page file whole costs as much
    // as writing it.
    let pages = lopdf::Document::load_metadata_mem(&bytes)
        .map(|m| m.page_count)
        .unwrap_or(0);
    if cli.json {
        print_json(&serde_json::json!({
            "document": kind.label(),
            "edition": edition,
            "out": out.display().to_string(),
            "pages": pages,
            "bytes": bytes.len(),
        }))
    } else {
        print(&format!(
            "{} geschrieben: {} ({} Seiten)",
            kind.label(),
            out.display(),
            pages
        ))
    }
}
