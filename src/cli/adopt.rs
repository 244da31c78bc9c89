//! `init --from konzept.docx [--preview]`: a concept from a Word document.

use std::path::Path;

use super::args::InitArgs;
use super::{Cli, DEFAULT_TITLE, location, print, print_json};
use crate::error::Result;
use crate::format;
use crate::import::concept::{self, Plan};
use crate::store::Store;

pub(super) async fn run(cli: &Cli, a: &InitArgs, from: &Path) -> Result<()> {
    let plan = concept::from_file(from)?;
    if a.preview {
        if cli.json {
            print_json(&plan)?;
        } else {
            print(&preview(&plan))?;
        }
        return if plan.fields.is_empty() {
            Err(concept::nothing_found(&plan.source))
        } else {
            Ok(())
        };
    }
    let loc = location(cli)?;
    let (store, adopted) = Store::init_from(&loc, &plan, a.title.as_deref()).await?;
    super::warn_if_on_share(cli, &store);
    let reason = concept::adoption_reason(&plan);
    if cli.json {
        return print_json(&serde_json::json!({
            "location": loc.display(),
            "admin": store.actor().name,
            "demo": false,
            "network_share": store.network_share(),
            "from": plan.source,
            "adopted": adopted,
            "notes": plan.notes,
            "unplaced": plan.unplaced,
        }));
    }
    let mut s = format!(
        "Konzept angelegt: {}\nAdministration: {}\nÜbernommen aus {} (eine Änderung, Grund „{reason}“): {}.",
        loc.display(),
        store.actor().name,
        plan.source,
        summary(&plan)
    );
    if !plan.unplaced.is_empty() {
        s.push_str(&format!(
            "\n\n{} nicht zugeordnet (nicht oder nur als Text übernommen):\n",
            count(plan.unplaced.len(), "Teil", "Teile")
        ));
        s.push_str(&unplaced(&plan));
    }
    print(&s)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(plan: &Plan) -> String {
    format!(
        "{}, {}, {}, {}",
        count(plan.fields.len(), "Handlungsfeld", "Handlungsfelder"),
        count(plan.goal_count(), "Ziel", "Ziele"),
        count(plan.measures.len(), "Maßnahme", "Maßnahmen"),
        count(plan.ministries.len(), "Ressort", "Ressorts"),
    )
}

fn quote(s: &str) -> String {
    const MAX: usize = 90;
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= MAX {
        format!("„{s}“")
    } else {
        format!("„{} …“", s.chars().take(MAX).collect::<String>().trim_end())
    }
}

fn unplaced(plan: &Plan) -> String {
    let mut s = String::new();
    for u in &plan.unplaced {
        s.push_str(&format!(
            "  {}: {}\n      → {}\n",
            u.place,
            quote(&u.text),
            u.reason
        ));
    }
    s
}

fn status_label(key: &str) -> &str {
    crate::model::DEFAULT_STATUSES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, l, _)| *l)
        .unwrap_or(key)
}

fn paragraphs(md: &str) -> usize {
    md.split("\n\n").filter(|p| !p.trim().is_empty()).count()
}

/// The preview as a drafter reads it: the structure found, then what was not placed.
pub fn preview(plan: &Plan) -> String {
    let mut s = format!(
        "Vorschau für {} – es wurde nichts angelegt.\n\n",
        plan.source
    );
    s.push_str(&format!(
        "Titel: {}\n",
        plan.title
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| format!("nicht erkannt (Vorgabe „{DEFAULT_TITLE}“ oder --title)"))
    ));
    if let Some(short) = &plan.short_title {
        s.push_str(&format!("Kurztitel: {}\n", quote(short)));
    }
    if plan.introduction.is_empty() {
        s.push_str("Einleitung: keine (kein Text vor dem ersten Handlungsfeld)\n");
    } else {
        s.push_str(&format!(
            "Einleitung → Vorwort des Konzepts: {}, beginnt mit {}\n",
            count(paragraphs(&plan.introduction), "Absatz", "Absätze"),
            quote(&crate::history::markdown_text(&plan.introduction))
        ));
    }
    if !plan.ministries.is_empty() {
        s.push_str(&format!("\nRessorts ({}):\n", plan.ministries.len()));
        let width = plan
            .ministries
            .iter()
            .map(|m| m.abbreviation.chars().count())
            .max()
            .unwrap_or(0);
        for m in &plan.ministries {
            s.push_str(&format!(
                "  {:width$}  {} ({})\n",
                m.abbreviation, m.name, m.origin
            ));
        }
    }
    s.push_str("\nHandlungsfelder, Ziele und Maßnahmen:\n");
    if plan.fields.is_empty() {
        s.push_str("  keine erkannt\n");
    }
    for f in &plan.fields {
        let depth = f.number.matches('.').count().saturating_sub(1);
        let indent = "  ".repeat(depth + 1);
        s.push_str(&format!(
            "\n{indent}Handlungsfeld {} {}  [{}]\n",
            f.number, f.title, f.place
        ));
        let inner = format!("{indent}    ");
        if !f.intro.is_empty() {
            s.push_str(&format!(
                "{inner}Einleitung: {}\n",
                count(paragraphs(&f.intro), "Absatz", "Absätze")
            ));
        }
        if !f.goals.is_empty() {
            s.push_str(&format!("{inner}Ziele ({}):\n", f.goals.len()));
            for g in &f.goals {
                s.push_str(&format!("{inner}  – {g}\n"));
            }
        }
        for m in plan.measures.iter().filter(|m| m.data.field == f.number) {
            let d = &m.data;
            s.push_str(&format!(
                "{inner}Maßnahme {} {}  [{}]\n",
                m.code, d.title, m.place
            ));
            let fact = format!("{inner}    ");
            let mut facts = vec![format!("Federführung: {}", d.lead_ministry)];
            if !d.co_ministries.is_empty() {
                facts.push(format!("Beteiligte: {}", d.co_ministries.join(", ")));
            }
            if !d.partners.is_empty() {
                facts.push(format!("Partner: {}", d.partners.join(", ")));
            }
            let period = crate::render::facts::period(d);
            if !period.is_empty() {
                facts.push(format!("Zeitraum: {period}"));
            }
            if !d.budget.is_empty() {
                facts.push(format!(
                    "Haushalt: {}{}",
                    format::euro(d.budget_total_cents()),
                    if d.budget.len() > 1 {
                        format!(" in {} Posten", d.budget.len())
                    } else {
                        String::new()
                    }
                ));
            }
            facts.push(format!(
                "Status: {}, {} %",
                status_label(&d.status),
                d.progress
            ));
            if !d.indicators.is_empty() {
                facts.push(format!(
                    "Indikatoren: {}",
                    d.indicators
                        .iter()
                        .map(|i| i.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            if let Some(p) = &d.parent {
                facts.push(format!("Untermaßnahme von {p}"));
            }
            for line in facts {
                s.push_str(&format!("{fact}{line}\n"));
            }
            if d.text_long.is_empty() {
                s.push_str(&format!("{fact}Text: keiner\n"));
            } else {
                s.push_str(&format!(
                    "{fact}Text: {}, beginnt mit {}\n",
                    count(paragraphs(&d.text_long), "Absatz", "Absätze"),
                    quote(&crate::history::markdown_text(&d.text_long))
                ));
            }
        }
    }
    if !plan.notes.is_empty() {
        s.push_str(&format!(
            "\nHinweise ({}) – so übernommen, bitte prüfen:\n",
            plan.notes.len()
        ));
        for n in &plan.notes {
            s.push_str(&format!("  {}: {}\n", n.place, n.message));
        }
    }
    if plan.unplaced.is_empty() {
        s.push_str("\nNicht zugeordnet: nichts – jeder Absatz und jede Tabelle hat einen Platz.\n");
    } else {
        s.push_str(&format!(
            "\nNicht zugeordnet ({}) – nicht oder nur als Text übernommen:\n",
            plan.unplaced.len()
        ));
        s.push_str(&unplaced(plan));
    }
    if !plan.skipped.is_empty() {
        s.push_str(&format!(
            "\nÜbersprungen: {}\n",
            plan.skipped
                .iter()
                .map(|k| format!("{} ({})", k.what, k.places))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    s.push_str(&format!(
        "\nErkannt: {}; {}.\n",
        summary(plan),
        count(
            plan.unplaced.len(),
            "Teil nicht zugeordnet",
            "Teile nicht zugeordnet"
        )
    ));
    if !plan.fields.is_empty() {
        s.push_str(&format!(
            "Anlegen mit: konzeptstudio --db NEUE-DATEI init --from {}\n",
            plan.source
        ));
    }
    s
}
