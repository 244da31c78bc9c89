//! `konzeptstudio measures …`

use super::args::{Cli, MeasuresCommand};
use super::table::Table;
use super::{parse_date, print, print_json, printable};
use crate::error::{Error, Result};
use crate::format;
use crate::history::{SegmentKind, field_label, render_words, word_diff};
use crate::model::MeasureData;
use crate::store::{AsOf, MeasureFilter, Store};
use crate::workbook;

pub async fn run(cli: &Cli, store: &Store, c: &MeasuresCommand) -> Result<()> {
    match c {
        MeasuresCommand::List {
            field,
            ministry,
            status,
            search,
            limit,
            as_of,
        } => {
            let filter = MeasureFilter {
                field: field.clone(),
                ministry: ministry.clone(),
                status: status.clone(),
                search: search.clone(),
                limit: *limit,
            };
            let as_of = as_of
                .as_deref()
                .map(|a| AsOf::parse(a, "as_of"))
                .transpose()?;
            let list = match &as_of {
                None => store.list_measures(&filter).await?,
                Some(a) => store.state_at(a).await?.list(&filter),
            };
            if cli.json {
                return print_json(&list);
            }
            let mut t = Table::new([
                "Code",
                "Titel",
                "Feld",
                "Federführung",
                "Beteiligt",
                "Status",
                "%",
                "Version",
            ]);
            for m in &list {
                t.row(vec![
                    m.code.clone(),
                    m.title.clone(),
                    m.field.clone(),
                    m.lead_ministry.clone(),
                    m.co_ministries.join(", "),
                    m.status.clone(),
                    m.progress.to_string(),
                    m.version.to_string(),
                ]);
            }
            let when = as_of.map_or_else(String::new, |a| format!(" (Stand vom {})", a.label));
            print(&format!("{}{} Maßnahmen{when}", t.render(), list.len()))
        }
        MeasuresCommand::Show { code, as_of } => {
            let m = match as_of {
                None => store.measure(code).await?,
                Some(a) => store
                    .state_at(&AsOf::parse(a, "as_of")?)
                    .await?
                    .measure(code)?
                    .clone(),
            };
            if cli.json {
                return print_json(&m);
            }
            let status = store
                .statuses()
                .await?
                .into_iter()
                .find(|s| s.key == m.data.status)
                .map(|s| s.label)
                .unwrap_or_else(|| m.data.status.clone());
            print(&render_measure(&m.code, m.version, &m.data, &status))
        }
        MeasuresCommand::Set {
            code,
            assignments,
            expect_version,
            reason,
            comment,
        } => {
            let current = store.measure(code).await?;
            let mut data = current.data.clone();
            for a in assignments {
                apply_assignment(&mut data, a)?;
            }
            let w = store
                .update_measure(code, *expect_version, data, reason.as_deref(), *comment)
                .await?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "code": w.measure.code,
                    "version": w.measure.version,
                    "changed": w.changed,
                }));
            }
            print(&if w.changed {
                format!(
                    "Maßnahme {} gespeichert, jetzt Version {}.",
                    w.measure.code, w.measure.version
                )
            } else {
                format!(
                    "Keine Änderung; Maßnahme {} bleibt bei Version {}.",
                    w.measure.code, w.measure.version
                )
            })
        }
        MeasuresCommand::History { code } => {
            let revs = store.measure_history(code).await?;
            if cli.json {
                return print_json(&revs);
            }
            let mut s = String::new();
            for r in &revs {
                s.push_str(&format!(
                    "Version {}  {}  {}  {}{}\n",
                    r.version,
                    format::timestamp(&r.changeset.at),
                    r.changeset.actor,
                    op_label(&r.op),
                    r.changeset
                        .reason
                        .as_ref()
                        .map(|x| format!(" – {x}"))
                        .unwrap_or_default()
                ));
                if let Some(c) = r.changeset.comment_id {
                    s.push_str(&format!("    zu Stellungnahme {c}\n"));
                }
                for ch in &r.changes {
                    s.push_str(&format!(
                        "    {}: {}\n",
                        field_label(&ch.field),
                        change_summary(&ch.old, &ch.new)
                    ));
                }
            }
            print(&s)
        }
        MeasuresCommand::Diff { code, v1, v2 } => {
            let d = store.measure_diff(code, *v1, *v2).await?;
            if cli.json {
                return print_json(&d);
            }
            let mut s = format!("Maßnahme {code}: Version {v1} → Version {v2}\n");
            if d.fields.is_empty() {
                s.push_str("(keine Unterschiede)\n");
            }
            for f in &d.fields {
                match &f.words {
                    Some(words) if words.iter().any(|w| w.kind == SegmentKind::Equal) => {
                        s.push_str(&format!(
                            "{}:\n  {}\n",
                            field_label(&f.field),
                            render_words(words)
                        ));
                    }
                    _ => s.push_str(&format!(
                        "{}: {} → {}\n",
                        field_label(&f.field),
                        short(&f.old),
                        short(&f.new)
                    )),
                }
            }
            print(&s)
        }
        MeasuresCommand::Delete {
            code,
            expect_version,
            reason,
        } => {
            let version = store
                .delete_measure(code, *expect_version, reason.as_deref())
                .await?;
            if cli.json {
                return print_json(
                    &serde_json::json!({"code": code, "version": version, "deleted": true}),
                );
            }
            print(&format!(
                "Maßnahme {code} entfällt (Version {version}); Geschichte und Fassungen bleiben."
            ))
        }
        MeasuresCommand::Export {
            format,
            out,
            field,
            ministry,
        } => {
            let filter = MeasureFilter {
                field: field.clone(),
                ministry: ministry.clone(),
                ..Default::default()
            };
            let (bytes, n) =
                workbook::export_measures(store, &filter, workbook::ExportFormat::parse(format)?)
                    .await?;
            crate::render::write_atomically(out, &bytes)?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "out": out.display().to_string(),
                    "measures": n,
                    "bytes": bytes.len(),
                }));
            }
            print(&format!("{n} Maßnahmen → {}", out.display()))
        }
        MeasuresCommand::Import {
            file,
            preview,
            reason,
            skip_conflicts,
        } => {
            let bytes = std::fs::read(file).map_err(|e| {
                Error::invalid("file", format!("{} ist nicht lesbar: {e}", file.display()))
            })?;
            let options = workbook::import::Options {
                preview: *preview,
                reason: reason.clone(),
                skip_conflicts: *skip_conflicts,
            };
            let r = workbook::import_measures(store, &file.display().to_string(), &bytes, &options)
                .await?;
            if cli.json {
                print_json(&r)?;
            } else {
                print(&printable(&import_summary(&r, *preview)))?;
            }
            match r.refusal(*skip_conflicts) {
                Some(e) if !*preview => Err(e),
                _ => Ok(()),
            }
        }
        MeasuresCommand::Restore {
            code,
            version,
            expect_version,
            reason,
        } => {
            let w = store
                .restore_measure(code, *version, *expect_version, reason.as_deref())
                .await?;
            if cli.json {
                return print_json(&serde_json::json!({
                    "code": w.measure.code,
                    "version": w.measure.version,
                    "changed": w.changed,
                }));
            }
            print(&format!(
                "Version {version} von Maßnahme {code} wiederhergestellt, jetzt Version {}.",
                w.measure.version
            ))
        }
    }
}

/// Where a problem of a sheet is: "Bericht, Zeile 4, Spalte „Status“".
pub(super) fn place(p: &workbook::SheetProblem) -> String {
    format!(
        "{}, Zeile {}{}",
        p.sheet,
        p.row,
        p.column
            .as_deref()
            .map(|c| format!(", Spalte „{c}“"))
            .unwrap_or_default()
    )
}

/// What a measures file changes, as a drafter reads it before and after applying it.
fn import_summary(r: &workbook::MeasureImport, preview: bool) -> String {
    let mut s = format!("{}: {} Zeilen.\n", r.file, r.rows);
    for p in &r.problems {
        s.push_str(&format!("Problem: {}: {}\n", place(p), p.reason));
    }
    for p in &r.denied {
        s.push_str(&format!("Nicht erlaubt: {}: {}\n", place(p), p.reason));
    }
    for c in &r.changes {
        s.push_str(&format!(
            "\n{} {} (Zeile {}){}\n",
            c.code,
            c.title,
            c.row,
            if c.new { " – neu" } else { "" }
        ));
        for f in &c.fields {
            s.push_str(&format!(
                "    {}: {}\n",
                field_label(&f.field),
                change_summary(&f.old, &f.new)
            ));
        }
    }
    for c in &r.conflicts {
        s.push_str(&format!(
            "\nKonflikt: {} {} (Zeile {}): exportiert in Version {}, inzwischen Version {}\n",
            c.code, c.title, c.row, c.exported_version, c.current_version
        ));
        for rev in &c.since {
            s.push_str(&format!(
                "    Version {} am {} von {}: {}\n",
                rev.version,
                format::timestamp(&rev.changeset.at),
                rev.changeset.actor,
                rev.changes
                    .iter()
                    .map(|ch| format!(
                        "{} {}",
                        field_label(&ch.field),
                        change_summary(&ch.old, &ch.new)
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        for f in &c.fields {
            s.push_str(&format!(
                "    Ihre Änderung: {}: {}\n",
                field_label(&f.field),
                change_summary(&f.old, &f.new)
            ));
        }
    }
    s.push('\n');
    let changed = r.changes.len();
    s.push_str(&if r.written {
        format!(
            "{} Maßnahmen übernommen (eine Änderung: „{}“), {} unverändert; ausgelassene Konflikte: {}.",
            r.written_measures,
            r.reason,
            r.unchanged,
            r.conflicts.len()
        )
    } else if preview {
        format!(
            "Vorschau: {changed} Maßnahmen würden geändert, {} unverändert; Konflikte: {}, Probleme: {}. Nichts geschrieben.",
            r.unchanged,
            r.conflicts.len(),
            r.problems.len() + r.denied.len()
        )
    } else {
        "Nichts übernommen.".to_string()
    });
    s
}

fn op_label(op: &str) -> &'static str {
    match op {
        "create" => "angelegt",
        "update" => "geändert",
        "restore" => "wiederhergestellt",
        "delete" => "entfernt",
        _ => "geändert",
    }
}

/// "alt → neu" for short values; for long texts the size of the change (the full word diff is
/// what `measures diff` shows).
fn change_summary(old: &serde_json::Value, new: &serde_json::Value) -> String {
    match (old, new) {
        (serde_json::Value::String(a), serde_json::Value::String(b))
            if a.chars().count() > 60 || b.chars().count() > 60 =>
        {
            let words = |kind| -> usize {
                word_diff(a, b)
                    .iter()
                    .filter(|s| s.kind == kind)
                    .map(|s| s.text.split_whitespace().count())
                    .sum()
            };
            format!(
                "Text geändert ({} Wörter entfernt, {} hinzugefügt)",
                words(SegmentKind::Delete),
                words(SegmentKind::Insert)
            )
        }
        _ => format!("{} → {}", short(old), short(new)),
    }
}

fn short(v: &serde_json::Value) -> String {
    let s = match v {
        serde_json::Value::String(s) => format!("„{s}“"),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    };
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > 80 {
        s.chars().take(79).collect::<String>() + "…"
    } else {
        s
    }
}

fn render_measure(code: &str, version: i64, d: &MeasureData, status_label: &str) -> String {
    let mut s = format!("{code}  {}\n", d.title);
    let mut line = |k: &str, v: String| {
        if !v.is_empty() {
            s.push_str(&format!("  {k:<14}{v}\n"));
        }
    };
    line("Handlungsfeld", d.field.clone());
    line("Federführung", d.lead_ministry.clone());
    line("Beteiligt", d.co_ministries.join(", "));
    line("Partner", d.partners.join(", "));
    line(
        "Zeitraum",
        if d.ongoing {
            format!(
                "fortlaufend{}",
                d.start
                    .map(|x| format!(" seit {}", format::date(x)))
                    .unwrap_or_default()
            )
        } else {
            format!(
                "{} – {}",
                format::opt_date(d.start),
                format::opt_date(d.end)
            )
        },
    );
    line("Status", format!("{status_label} ({} %)", d.progress));
    if !d.budget.is_empty() {
        line("Haushalt", format::euro(d.budget_total_cents()));
        for b in &d.budget {
            line(
                "",
                format!(
                    "{} {} {} {}",
                    format::euro(b.amount_cents),
                    b.budget_item,
                    b.period,
                    b.note
                ),
            );
        }
    }
    for i in &d.indicators {
        line(
            "Indikator",
            format!(
                "{}: Ist {} / Ziel {} {}{}",
                i.name,
                i.actual.map(format::number).unwrap_or_else(|| "—".into()),
                i.target.map(format::number).unwrap_or_else(|| "—".into()),
                i.unit,
                i.as_of
                    .map(|x| format!(" (Stand {})", format::date(x)))
                    .unwrap_or_default()
            ),
        );
    }
    for m in &d.milestones {
        line(
            "Meilenstein",
            format!(
                "{} {} {}",
                if m.done { "✓" } else { "○" },
                format::opt_date(m.due),
                m.title
            ),
        );
    }
    line(
        "Kurzfassung",
        if d.in_short {
            "ja".into()
        } else {
            "nein".into()
        },
    );
    line("Version", version.to_string());
    if d.illustrative {
        line("Hinweis", "Beispielinhalt (illustrativ)".into());
    }
    s.push('\n');
    s.push_str(&d.text_long);
    s.push('\n');
    s
}

fn parse_bool(v: &str, field: &str) -> Result<bool> {
    match v.to_lowercase().as_str() {
        "ja" | "true" | "1" | "yes" => Ok(true),
        "nein" | "false" | "0" | "no" => Ok(false),
        _ => Err(Error::invalid(
            field,
            format!("„{v}“ ist weder ja noch nein"),
        )),
    }
}

fn list(v: &str, sep: char) -> Vec<String> {
    v.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Applies one `FELD=WERT` to the measure's content. `@datei` reads the value from a file.
pub fn apply_assignment(d: &mut MeasureData, assignment: &str) -> Result<()> {
    let (key, raw) = assignment.split_once('=').ok_or_else(|| {
        Error::invalid(
            "assignment",
            format!("„{assignment}“ hat nicht die Form FELD=WERT"),
        )
    })?;
    let key = key.trim();
    let value = super::text_or_file(raw, key)?;
    let opt_date = |v: &str| -> Result<Option<chrono::NaiveDate>> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(v.trim(), key).map(Some)
        }
    };
    match key {
        "title" => d.title = value,
        "text_long" => d.text_long = value,
        "text_short" => d.text_short = value,
        "status" => d.status = value.trim().to_string(),
        "progress" => {
            d.progress = value
                .trim()
                .trim_end_matches('%')
                .trim()
                .parse()
                .map_err(|_| Error::invalid("progress", format!("„{value}“ ist keine Zahl")))?
        }
        "lead_ministry" => d.lead_ministry = value.trim().to_string(),
        "co_ministries" => d.co_ministries = list(&value, ','),
        "partners" => d.partners = list(&value, ';'),
        "field" => d.field = value.trim().to_string(),
        "parent" => d.parent = Some(value.trim().to_string()).filter(|s| !s.is_empty()),
        "start" => d.start = opt_date(&value)?,
        "end" => d.end = opt_date(&value)?,
        "ongoing" => d.ongoing = parse_bool(value.trim(), key)?,
        "in_short" => d.in_short = parse_bool(value.trim(), key)?,
        other => {
            return Err(Error::invalid(
                other,
                "unbekanntes Feld (möglich: title, text_long, text_short, status, progress, lead_ministry, \
                 co_ministries, partners, field, parent, start, end, ongoing, in_short)",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure_sample;

    #[test]
    fn assignments_parse_and_name_bad_fields() {
        let mut d = measure_sample();
        apply_assignment(&mut d, "title=Neuer Titel = mit Gleichheitszeichen").unwrap();
        assert_eq!(d.title, "Neuer Titel = mit Gleichheitszeichen");
        apply_assignment(&mut d, "co_ministries=SMK, SMI").unwrap();
        assert_eq!(d.co_ministries, vec!["SMK", "SMI"]);
        apply_assignment(&mut d, "progress=75 %").unwrap();
        assert_eq!(d.progress, 75);
        apply_assignment(&mut d, "end=31.12.2020").unwrap();
        assert_eq!(d.end, chrono::NaiveDate::from_ymd_opt(2020, 12, 31));
        let e = apply_assignment(&mut d, "budget=5").unwrap_err();
        assert_eq!(e.exit_code(), 5);
        assert!(apply_assignment(&mut d, "progress=viel").is_err());
        assert!(apply_assignment(&mut d, "kein-gleich").is_err());
    }
}
