//! `konzeptstudio render`: the printable documents.

use super::args::{Cli, CosignRenderArgs, RenderArgs, RenderCommand};
use super::table::Table;
use super::{print, print_json};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::ReportRound;
use crate::pdf::quality::Report;
use crate::render::{self, Content, Kind, Options};
use crate::store::Store;

pub async fn run(cli: &Cli, store: &Store, command: &RenderCommand) -> Result<()> {
    let format = match command {
        RenderCommand::Long(a) | RenderCommand::Short(a) | RenderCommand::Report(a) => {
            a.format.as_str()
        }
        RenderCommand::Synopse { .. } => "pdf",
        RenderCommand::Cosign(a) => return run_cosign(cli, store, a).await,
    };
    match format {
        "pdf" => run_pdf(cli, store, command).await,
        "html" => run_html(cli, store, command).await,
        "docx" => run_docx(cli, store, command).await,
        other => Err(Error::invalid(
            "format",
            format!("unbekanntes Format „{other}“: pdf, docx oder html"),
        )),
    }
}

/// What `a` asks to print: the current state, a frozen edition, the state at `--as-of`, or
/// the measures as a reporting round's reports give them (`--round`, with the round).
async fn content_of(
    store: &Store,
    kind: Kind,
    a: &RenderArgs,
) -> Result<(Content, Option<ReportRound>)> {
    if let Some(id) = a.round {
        if kind != Kind::Report {
            return Err(Error::invalid(
                "round",
                "--round gilt für den Umsetzungsbericht einer Berichtsabfrage: konzeptstudio render report --round N",
            ));
        }
        let round = store.report_round(id).await?;
        return Ok((Content::for_report_round(store, &round).await?, Some(round)));
    }
    Ok((
        Content::of(store, a.edition.as_deref(), a.as_of.as_deref()).await?,
        None,
    ))
}

/// The documents as Word files: the same content as the PDF, laid out by Word.
async fn run_docx(cli: &Cli, store: &Store, command: &RenderCommand) -> Result<()> {
    let (kind, a) = match command {
        RenderCommand::Long(a) => (Kind::Long, a),
        RenderCommand::Short(a) => (Kind::Short, a),
        RenderCommand::Report(a) => (Kind::Report, a),
        RenderCommand::Synopse { .. } => {
            return Err(Error::invalid("format", "Die Synopse gibt es nur als PDF"));
        }
        RenderCommand::Cosign(_) => unreachable!("handled by run_cosign"),
    };
    if a.quality {
        return Err(Error::invalid(
            "quality",
            "--quality misst den PDF-Satz; Word setzt DOCX-Dateien selbst",
        ));
    }
    let (content, round) = content_of(store, kind, a).await?;
    let created = crate::pdf::creation_time();
    let bytes = match &round {
        Some(r) => render::word::render_blocks(
            &content,
            kind,
            created,
            &render::report_round::blocks(&content, r, created),
        )?,
        None => render::word::render(&content, kind, created)?,
    };
    render::write_atomically(&a.out, &bytes)?;
    if cli.json {
        print_json(&serde_json::json!({
            "document": kind.label(),
            "edition": a.edition,
            "as_of": content.as_of.map(|a| a.until),
            "round": a.round,
            "format": "docx",
            "out": a.out.display().to_string(),
            "bytes": bytes.len(),
        }))
    } else {
        print(&format!(
            "{} geschrieben: {} (Word, {} KB)",
            kind.label(),
            a.out.display(),
            bytes.len().div_ceil(1024)
        ))
    }
}

/// The printable documents as PDF.
async fn run_pdf(cli: &Cli, store: &Store, command: &RenderCommand) -> Result<()> {
    let (kind, out, edition, quality, args) = match command {
        RenderCommand::Long(a) => (Kind::Long, &a.out, a.edition.clone(), a.quality, Some(a)),
        RenderCommand::Short(a) => (Kind::Short, &a.out, a.edition.clone(), a.quality, Some(a)),
        RenderCommand::Report(a) => (Kind::Report, &a.out, a.edition.clone(), a.quality, Some(a)),
        RenderCommand::Synopse { out, quality, .. } => (Kind::Synopsis, out, None, *quality, None),
        RenderCommand::Cosign(_) => unreachable!("handled by run_cosign"),
    };
    let content = match args {
        Some(a) => Some(content_of(store, kind, a).await?),
        None => None,
    };
    let (content, round) = match content {
        Some((c, r)) => (Some(c), r),
        None => (None, None),
    };
    let synopsis = match command {
        RenderCommand::Synopse {
            from,
            to,
            round,
            ministry,
            ..
        } => Some(synopsis_contents(store, from, to, *round, ministry.as_deref()).await?),
        _ => None,
    };
    let edition = match &synopsis {
        Some((old, new)) => Some(format!(
            "{} → {}",
            old.edition.as_ref().map_or("", |e| e.name.as_str()),
            new.edition.as_ref().map_or("", |e| e.name.as_str())
        )),
        None => edition,
    };
    let options = Options {
        created: crate::pdf::creation_time(),
        sources: quality,
    };
    let doc = match (&synopsis, &round, &content) {
        (Some((old, new)), _, _) => render::synopsis::layout(old, new, options),
        (None, Some(r), Some(c)) => render::report_round::layout(c, r, options),
        (None, _, c) => render::layout(c.as_ref().expect("a document's content"), kind, options)?,
    };
    let (bytes, report) = if quality {
        let (bytes, report) = render::with_quality(doc)?;
        (bytes, Some(report))
    } else {
        (doc.to_pdf()?, None)
    };
    render::write_atomically(out, &bytes)?;
    // Only the trailer and page tree are read: loading a 1,000-page file whole costs as much
    // as writing it.
    let pages = lopdf::Document::load_metadata_mem(&bytes)
        .map(|m| m.page_count)
        .unwrap_or(0);
    if cli.json {
        let mut json = serde_json::json!({
            "document": kind.label(),
            "edition": edition,
            "as_of": content.and_then(|c| c.as_of).map(|a| a.until),
            "round": round.map(|r| r.id),
            "out": out.display().to_string(),
            "pages": pages,
            "bytes": bytes.len(),
        });
        if let Some(r) = &report {
            json["quality"] = serde_json::to_value(r).expect("serialises");
        }
        print_json(&json)
    } else {
        print(&format!(
            "{} geschrieben: {} ({} Seiten)",
            kind.label(),
            out.display(),
            pages
        ))?;
        match report {
            Some(r) => print(&quality_table(&r)),
            None => Ok(()),
        }
    }
}

/// The two editions a Synopse compares: `--from`/`--to`, or for `--round` the edition the
/// ministry last co-signed and the round's draft; with `--ministry` only its measures.
async fn synopsis_contents(
    store: &Store,
    from: &Option<String>,
    to: &Option<String>,
    round: Option<i64>,
    ministry: Option<&str>,
) -> Result<(Content, Content)> {
    if let (Some(round), Some(ministry)) = (round, ministry) {
        return render::synopsis::for_cosign_round(store, round, ministry).await;
    }
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (f.clone(), t.clone()),
        _ => {
            return Err(Error::invalid(
                "from",
                "Die Synopse braucht --from und --to, oder --round mit --ministry",
            ));
        }
    };
    let mut old = Content::load(store, Some(&from)).await?;
    let mut new = Content::load(store, Some(&to)).await?;
    if let Some(ministry) = ministry {
        render::synopsis::only_ministry(&mut old, &mut new, ministry);
    }
    Ok((old, new))
}

/// `render cosign`: the co-signing round's result for the cabinet paper, as PDF or Word.
async fn run_cosign(cli: &Cli, store: &Store, a: &CosignRenderArgs) -> Result<()> {
    let round = store.cosign_round(a.round).await?;
    let content = Content::load(store, Some(&round.edition)).await?;
    let created = crate::pdf::creation_time();
    let (bytes, pages, report) = match a.format.as_str() {
        "pdf" => {
            let options = Options {
                created,
                sources: a.quality,
            };
            let doc = render::cosign::layout(&content, &round, options);
            let (bytes, report) = if a.quality {
                let (bytes, report) = render::with_quality(doc)?;
                (bytes, Some(report))
            } else {
                (doc.to_pdf()?, None)
            };
            let pages = lopdf::Document::load_metadata_mem(&bytes)
                .map(|m| m.page_count)
                .unwrap_or(0);
            (bytes, Some(pages), report)
        }
        "docx" => {
            if a.quality {
                return Err(Error::invalid(
                    "quality",
                    "--quality misst den PDF-Satz; Word setzt DOCX-Dateien selbst",
                ));
            }
            let blocks = render::cosign::blocks(&content, &round, created);
            let bytes = render::word::render_blocks(&content, Kind::Cosign, created, &blocks)?;
            (bytes, None, None)
        }
        other => {
            return Err(Error::invalid(
                "format",
                format!("unbekanntes Format „{other}“: pdf oder docx"),
            ));
        }
    };
    render::write_atomically(&a.out, &bytes)?;
    if cli.json {
        let mut json = serde_json::json!({
            "document": Kind::Cosign.label(),
            "round": round.id,
            "edition": round.edition,
            "format": a.format,
            "out": a.out.display().to_string(),
            "pages": pages,
            "bytes": bytes.len(),
        });
        if let Some(r) = &report {
            json["quality"] = serde_json::to_value(r).expect("serialises");
        }
        print_json(&json)
    } else {
        print(&format!(
            "{} geschrieben: {}{}",
            Kind::Cosign.label(),
            a.out.display(),
            pages.map(|p| format!(" ({p} Seiten)")).unwrap_or_default()
        ))?;
        match report {
            Some(r) => print(&quality_table(&r)),
            None => Ok(()),
        }
    }
}

/// The quality report as a table, with the first tagged-text mismatches below it.
fn quality_table(r: &Report) -> String {
    let mut t = Table::new(["Satzqualität", "Wert"]);
    for (k, v) in r.lines_de() {
        t.row(vec![k, v]);
    }
    let mut s = t.render();
    for (source, read) in &r.examples {
        s.push_str(&format!("\nGesetzt:  {source}\nGelesen:  {read}\n"));
    }
    s
}

/// The web edition: the Langfassung (with the Kurzfassung, a list of measures, search and
/// imprint) as a folder of static pages.
async fn run_html(cli: &Cli, store: &Store, command: &RenderCommand) -> Result<()> {
    let a = match command {
        RenderCommand::Long(a) => a,
        RenderCommand::Short(_)
        | RenderCommand::Report(_)
        | RenderCommand::Synopse { .. }
        | RenderCommand::Cosign(_) => {
            return Err(Error::invalid(
                "format",
                "Als Webfassung (html) gibt es nur die Langfassung; sie enthält die Kurzfassung \
                 als eigene Seite: konzeptstudio render long --format html --out ORDNER",
            ));
        }
    };
    if a.quality {
        return Err(Error::invalid(
            "quality",
            "--quality misst den Drucksatz und gilt nur für --format pdf",
        ));
    }
    if a.round.is_some() {
        return Err(Error::invalid(
            "round",
            "--round gilt für den Umsetzungsbericht einer Berichtsabfrage: konzeptstudio render report --round N",
        ));
    }
    if a.as_of.is_some() {
        return Err(Error::invalid("as_of", Message::WebNotAsOf));
    }
    let site = render::web::render(store, a.edition.as_deref(), &a.out).await?;
    let pages = site.pages().count();
    if cli.json {
        print_json(&serde_json::json!({
            "document": Kind::Long.label(),
            "format": "html",
            "edition": a.edition,
            "out": a.out.display().to_string(),
            "pages": pages,
            "files": site.files.len(),
            "bytes": site.bytes(),
        }))
    } else {
        print(&format!(
            "Webfassung geschrieben: {} ({} Seiten, {} Dateien; Startseite index.html)",
            a.out.display(),
            pages,
            site.files.len()
        ))
    }
}
