//! `konzeptstudio render`: the printable documents.

use super::args::{Cli, RenderCommand};
use super::{print, print_json};
use crate::error::Result;
use crate::render::{self, Kind};
use crate::store::Store;

pub async fn run(cli: &Cli, store: &Store, command: &RenderCommand) -> Result<()> {
    let (kind, args) = match command {
        RenderCommand::Long(a) => (Kind::Long, a),
        RenderCommand::Short(a) => (Kind::Short, a),
    };
    let bytes = render::render(store, kind, args.edition.as_deref()).await?;
    render::write_atomically(&args.out, &bytes)?;
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    if cli.json {
        print_json(&serde_json::json!({
            "document": kind.label(),
            "edition": args.edition,
            "out": args.out.display().to_string(),
            "pages": pages,
            "bytes": bytes.len(),
        }))
    } else {
        print(&format!(
            "{} geschrieben: {} ({} Seiten)",
            kind.label(),
            args.out.display(),
            pages
        ))
    }
}
