//! Synthetic but realistic German data at any scale: measures for every field of action and
//! comments as participation platforms deliver them (with form-letter campaigns). Deterministic
//! for a seed. Used by `generate`, the benchmark and scale tests (the demo's illustrative
//! comments were generated with it once and are stored in `src/demo/zik2-comments.toml`).

pub mod words;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::error::Result;
use crate::model::{BudgetLine, Indicator, MeasureData, Milestone, NewComment};
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct GenerateReport {
    pub measures: usize,
    pub comments: usize,
    pub duplicates: usize,
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &'a [&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

/// The channels synthetic comments arrive through: key, name, share in percent.
pub const CHANNELS: [(&str, &str, u32); 3] = [
    ("online-1", "Online-Beteiligung, 1. Runde", 45),
    ("online-2", "Online-Beteiligung, 2. Runde", 35),
    ("forum", "Gesprächsforen", 20),
];

/// One synthetic comment. `index` makes the external id unique.
pub fn comment(
    rng: &mut fastrand::Rng,
    index: usize,
    measure_codes: &[String],
    start: NaiveDateTime,
    span_minutes: i64,
) -> NewComment {
    let (group, orgs) =
        words::ORGANISATIONS_BY_GROUP[rng.usize(..words::ORGANISATIONS_BY_GROUP.len())];
    let organisation = if orgs.is_empty() {
        None
    } else {
        Some(pick(rng, orgs).to_string())
    };
    let submitter = if rng.u32(..100) < 15 {
        None
    } else {
        Some(format!(
            "{} {}",
            pick(rng, words::FIRST_NAMES),
            pick(rng, words::LAST_NAMES)
        ))
    };
    let text = if rng.u32(..100) < 6 {
        // A form letter, sometimes with a sentence of the sender's own.
        let mut t = pick(rng, words::FORM_LETTERS).to_string();
        if rng.bool() {
            t.push(' ');
            t.push_str(pick(rng, words::COMMENT_ADDITIONS));
        }
        t
    } else {
        let mut t = format!(
            "{} {}.",
            pick(rng, words::COMMENT_OPENERS),
            pick(rng, words::COMMENT_CLAIMS)
        );
        for _ in 0..rng.usize(0..3) {
            t.push(' ');
            t.push_str(pick(rng, words::COMMENT_ADDITIONS));
        }
        if rng.bool() {
            t.push(' ');
            t.push_str(pick(rng, words::COMMENT_CLOSERS));
        }
        t
    };
    let measure = if !measure_codes.is_empty() && rng.u32(..100) < 45 {
        Some(measure_codes[rng.usize(..measure_codes.len())].clone())
    } else {
        None
    };
    let field = measure.as_ref().map(|code| field_of_code(code));
    let received = start + Duration::minutes(rng.i64(0..span_minutes.max(1)));
    NewComment {
        external_id: Some(format!("S-{index:07}")),
        submitter,
        organisation,
        submitter_type: Some(group.to_string()),
        received_at: received.format("%Y-%m-%dT%H:%M:00.000Z").to_string(),
        text,
        measure,
        field,
        illustrative: true,
    }
}

/// "3.5-2" → "3.5", "3.1.1-4.1" → "3.1.1": a measure's code starts with its field's number
/// and a hyphen (see ARCHITECTURE.md, "Numbering"); codes of the older scheme ("3.5.2") start
/// with their top-level field's number.
pub fn field_of_code(code: &str) -> String {
    match code.split_once('-') {
        Some((field, _)) => field.to_string(),
        None => {
            let parts: Vec<&str> = code.split('.').collect();
            parts[..2.min(parts.len())].join(".")
        }
    }
}

/// One synthetic measure for `field`, led by one of `ministries`.
pub fn measure(
    rng: &mut fastrand::Rng,
    field: &str,
    sort_order: i64,
    ministries: &[&str],
) -> MeasureData {
    let title = format!(
        "{} {}",
        pick(rng, words::MEASURE_TITLE_PREFIXES),
        pick(rng, words::MEASURE_TOPICS)
    );
    let mut text_long = String::new();
    for p in 0..rng.usize(2..4) {
        if p > 0 {
            text_long.push_str("\n\n");
        }
        for s in 0..rng.usize(2..5) {
            if s > 0 {
                text_long.push(' ');
            }
            text_long.push_str(pick(rng, words::MEASURE_SENTENCES));
        }
    }
    let lead = pick(rng, ministries).to_string();
    let mut co: Vec<String> = (0..rng.usize(0..3))
        .map(|_| pick(rng, ministries).to_string())
        .filter(|m| *m != lead)
        .collect();
    co.sort();
    co.dedup();
    let year = rng.i32(2017..2021);
    let ongoing = rng.u32(..100) < 20;
    let start = NaiveDate::from_ymd_opt(year, rng.u32(1..13), 1);
    let end = if ongoing {
        None
    } else {
        NaiveDate::from_ymd_opt(year + rng.i32(1..4), 12, 31)
    };
    let statuses = [
        "geplant",
        "in-umsetzung",
        "in-umsetzung",
        "umgesetzt",
        "verzoegert",
        "fortlaufend",
    ];
    let status = pick(rng, &statuses).to_string();
    let progress = match status.as_str() {
        "geplant" => 0,
        "umgesetzt" => 100,
        _ => i64::from(rng.u8(5..96)),
    };
    let budget = (0..rng.usize(0..3))
        .map(|i| BudgetLine {
            amount_cents: i64::from(rng.u32(5..500)) * 1_000_000,
            budget_item: format!(
                "{:02} {:02} / {} {:02}",
                rng.u8(1..16),
                rng.u8(1..9),
                rng.u16(400..900),
                rng.u8(1..99)
            ),
            period: (year + i as i32).to_string(),
            note: String::new(),
        })
        .collect();
    let indicators = (0..rng.usize(0..3))
        .map(|_| {
            let (name, unit) = words::INDICATOR_NAMES[rng.usize(..words::INDICATOR_NAMES.len())];
            let target = f64::from(rng.u32(10..2000));
            Indicator {
                name: name.to_string(),
                unit: unit.to_string(),
                baseline: Some(0.0),
                target: Some(target),
                actual: Some((target * progress as f64 / 100.0).round()),
                as_of: NaiveDate::from_ymd_opt(2018, 3, 31),
            }
        })
        .collect();
    let milestones = (0..rng.usize(0..3))
        .map(|i| Milestone {
            title: format!(
                "Meilenstein {}: {}",
                i + 1,
                pick(
                    rng,
                    &[
                        "Konzept liegt vor",
                        "Förderaufruf veröffentlicht",
                        "Zwischenbericht",
                        "Evaluation abgeschlossen"
                    ]
                )
            ),
            due: NaiveDate::from_ymd_opt(year + i as i32, 6, 30),
            done: rng.bool(),
        })
        .collect();
    MeasureData {
        text_short: pick(rng, words::MEASURE_SENTENCES).to_string(),
        title,
        text_long,
        field: field.to_string(),
        parent: None,
        goals: Vec::new(),
        lead_ministry: lead,
        co_ministries: co,
        partners: (0..rng.usize(0..4))
            .map(|_| pick(rng, words::PARTNERS).to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        start,
        end,
        ongoing,
        budget,
        status,
        progress,
        indicators,
        milestones,
        in_short: rng.bool(),
        sort_order,
        illustrative: true,
    }
}

/// Fills `store` with `n_measures` measures and `n_comments` comments. A concept without
/// fields of action and ministries gets the ZIK II structure first.
pub async fn generate(
    store: &Store,
    n_measures: usize,
    n_comments: usize,
    seed: u64,
) -> Result<GenerateReport> {
    crate::demo::ensure_structure(store).await?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let fields: Vec<String> = store
        .fields()
        .await?
        .into_iter()
        .filter(|f| f.parent.is_none())
        .map(|f| f.number)
        .collect();
    let ministries: Vec<String> = store
        .ministries()
        .await?
        .into_iter()
        .filter(|m| m.valid_to.is_none())
        .map(|m| m.abbreviation)
        .collect();
    let ministry_refs: Vec<&str> = ministries.iter().map(String::as_str).collect();
    let existing = store.list_measures(&Default::default()).await?;
    let mut next_number: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for m in &existing {
        let field = field_of_code(&m.code);
        let n: usize = m
            .code
            .rsplit(['.', '-'])
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let e = next_number.entry(field).or_insert(0);
        *e = (*e).max(n);
    }
    let mut codes: Vec<String> = existing.iter().map(|m| m.code.clone()).collect();
    let mut batch = Vec::new();
    for i in 0..n_measures {
        let field = &fields[i % fields.len()];
        let n = next_number.entry(field.clone()).or_insert(0);
        *n += 1;
        let code = format!("{field}-{n}");
        let data = measure(&mut rng, field, (existing.len() + i) as i64, &ministry_refs);
        codes.push(code.clone());
        batch.push((code, data));
        if batch.len() == 2000 {
            store
                .create_measures(std::mem::take(&mut batch), Some("Synthetische Daten"))
                .await?;
        }
    }
    if !batch.is_empty() {
        store
            .create_measures(batch, Some("Synthetische Daten"))
            .await?;
    }

    let start = NaiveDate::from_ymd_opt(2017, 3, 29)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("valid start");
    let span = 93 * 24 * 60;
    let mut report = GenerateReport {
        measures: n_measures,
        comments: 0,
        duplicates: 0,
    };
    let mut offset = 0;
    const CHUNK: usize = 50_000;
    while offset < n_comments {
        let n = CHUNK.min(n_comments - offset);
        for (key, name, share) in CHANNELS {
            let part = (n * share as usize).div_ceil(100).min(n_comments - offset);
            if part == 0 {
                continue;
            }
            let comments: Vec<NewComment> = (0..part)
                .map(|i| {
                    comment(
                        &mut rng,
                        seed as usize * 10_000_000 + offset + i,
                        &codes,
                        start,
                        span,
                    )
                })
                .collect();
            let r = store
                .insert_comments(key, name, &comments, Some("Synthetische Daten"))
                .await?;
            report.comments += r.imported;
            report.duplicates += r.duplicates;
            offset += part;
        }
    }
    store.index_pending_comments().await?;
    Ok(report)
}
