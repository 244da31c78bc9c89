//! The ZIK II demo concept (`konzeptstudio init --demo`): real facts from the press release and
//! public sources (docs/zik2-facts.md) plus illustrative measures and comments, which carry
//! `illustrative = true`. The content is data (`zik2.toml`, `zik2-comments.toml`, read by
//! [`data`]); this module only plays its history into a store. Deterministic: the same content
//! on every run.

pub mod data;

use std::collections::{BTreeMap, HashMap};

use crate::error::Result;
use crate::model::{AnswerTemplate, Comment, EditionStatus, MeasureData, Vote};
use crate::store::{Location, NewUser, Store};

use data::{DemoData, demo};

/// Ministries of the Free State of Saxony 2014–2019 (facts file): abbreviation and name.
pub fn ministries() -> impl Iterator<Item = (&'static str, &'static str)> {
    demo()
        .ministries
        .iter()
        .map(|m| (m.abbreviation.as_str(), m.name.as_str()))
}

/// Adds the ZIK II ministries and fields of action (with goals) if the concept has none yet.
pub async fn ensure_structure(store: &Store) -> Result<()> {
    let demo = demo();
    if store.ministries().await?.is_empty() {
        for m in &demo.ministries {
            store.add_ministry(&m.abbreviation, &m.name, None).await?;
        }
    }
    if store.fields().await?.is_empty() {
        for (i, f) in demo.fields.iter().enumerate() {
            store
                .add_field(&f.number, &f.title, f.parent.as_deref(), &f.intro, i as i64)
                .await?;
            for g in &f.goals {
                store.add_goal(&f.number, g).await?;
            }
        }
    }
    Ok(())
}

/// A measure of the file with its goal positions mapped to the stored goal ids.
fn measure_data(data: &MeasureData, goal_ids: &HashMap<String, Vec<i64>>) -> MeasureData {
    MeasureData {
        goals: DemoData::goal_ids(data, goal_ids),
        ..data.clone()
    }
}

/// Creates the demo concept at `location`.
pub async fn create(location: &Location) -> Result<Store> {
    let demo = demo();
    let admin = Store::init(location, &demo.concept).await?;
    ensure_structure(&admin).await?;
    for u in &demo.users {
        admin
            .add_user(NewUser {
                name: u.name.clone(),
                display_name: Some(u.display_name.clone()),
                role: u.role,
                ministry: u.ministry.clone(),
                db_login: None,
            })
            .await?;
    }
    let drafter = admin.act_as("redaktion").await?;
    let staff = admin.act_as("geschaeftsstelle").await?;

    let mut goal_ids: HashMap<String, Vec<i64>> = Default::default();
    for g in admin.goals(None).await? {
        goal_ids.entry(g.field.clone()).or_default().push(g.id);
    }
    let editions = &demo.editions;

    // 1. The 2012 concept: the measures that existed then, as they read then.
    let in_2012: Vec<(String, MeasureData)> = demo
        .measures
        .iter()
        .filter_map(|m| {
            m.text_long_2012.as_ref().map(|old| {
                let mut d = measure_data(&m.data, &goal_ids);
                d.text_long = old.clone();
                d.status = "in-umsetzung".into();
                d.progress = 0;
                d.indicators.clear();
                d.milestones.clear();
                (m.code.clone(), d)
            })
        })
        .collect();
    drafter
        .create_measures(in_2012, Some("Übernahme aus dem Konzept 2012"))
        .await?;
    drafter
        .freeze_edition(
            &editions.concept_2012.name,
            editions.concept_2012.status,
            editions.concept_2012.adopted_on,
            &editions.concept_2012.note,
        )
        .await?;

    // 2. The update to ZIK II: revise the old measures, add the new ones.
    for m in demo.measures.iter().filter(|m| m.text_long_2012.is_some()) {
        let current = drafter.measure(&m.code).await?;
        drafter
            .update_measure(
                &m.code,
                current.version,
                measure_data(&m.data, &goal_ids),
                Some("Fortschreibung ZIK II"),
                None,
            )
            .await?;
    }
    let new_measures: Vec<(String, MeasureData)> = demo
        .measures
        .iter()
        .filter(|m| m.text_long_2012.is_none())
        .map(|m| (m.code.clone(), measure_data(&m.data, &goal_ids)))
        .collect();
    drafter
        .create_measures(new_measures, Some("Neue Maßnahme im ZIK II"))
        .await?;

    // 3. Participation: illustrative comments from two online rounds and the forums.
    insert_demo_comments(&staff).await?;

    drafter
        .freeze_edition(
            &editions.cabinet_draft.name,
            editions.cabinet_draft.status,
            editions.cabinet_draft.adopted_on,
            &editions.cabinet_draft.note,
        )
        .await?;

    // 4. Final edits before adoption, answering comments.
    let comments = staff.comments(&Default::default()).await?;
    if let Some(c) = comments
        .iter()
        .find(|c| c.measure.as_deref() == Some("3.1.1-1"))
    {
        let m = drafter.measure("3.1.1-1").await?;
        let mut d = m.data.clone();
        d.text_short = format!(
            "{} Die Angebote werden auch im ländlichen Raum mit Kinderbetreuung verbunden.",
            d.text_short.trim_end()
        );
        drafter
            .update_measure(
                "3.1.1-1",
                m.version,
                d,
                Some("Ergänzung aufgrund der Online-Beteiligung"),
                Some(c.id),
            )
            .await?;
    }
    drafter
        .freeze_edition(
            &editions.adopted_2018.name,
            editions.adopted_2018.status,
            editions.adopted_2018.adopted_on,
            &editions.adopted_2018.note,
        )
        .await?;
    drafter
        .set_edition_status(&editions.concept_2012.name, EditionStatus::Abgeloest, None)
        .await?;

    // 5. Working through the feedback: answer templates, form letters clustered, the comments
    // on measures assigned to their lead ministries, the first ones answered.
    triage_demo_comments(&staff, &demo.templates, &comments).await?;
    Ok(admin)
}

async fn triage_demo_comments(
    staff: &Store,
    templates: &[AnswerTemplate],
    comments: &[Comment],
) -> Result<()> {
    for t in templates {
        staff.save_answer_template(t).await?;
    }
    staff
        .cluster_comments(crate::cluster::DEFAULT_THRESHOLD)
        .await?;
    let mut by_lead: BTreeMap<String, Vec<i64>> = Default::default();
    for c in comments.iter().filter(|c| c.measure.is_some()).take(160) {
        let code = c.measure.as_deref().unwrap_or_default();
        let lead = staff.measure(code).await?.data.lead_ministry;
        by_lead.entry(lead).or_default().push(c.id);
    }
    for (lead, ids) in &by_lead {
        staff
            .assign_comments(
                ids,
                lead,
                None,
                chrono::NaiveDate::from_ymd_opt(2017, 6, 30),
                Some("Verteilung nach Federführung"),
            )
            .await?;
    }
    let first: Vec<i64> = by_lead
        .values()
        .flat_map(|ids| ids.iter().take(5))
        .copied()
        .collect();
    staff
        .answer_comments(
            &first,
            Vote::Beruecksichtigt,
            &templates[0].body,
            None,
            Some("Erste Abwägung"),
        )
        .await?;
    Ok(())
}

async fn insert_demo_comments(staff: &Store) -> Result<()> {
    for round in data::comments().rounds {
        staff
            .insert_comments(
                &round.key,
                &round.name,
                &round.comments,
                Some("Beispieldaten (illustrativ)"),
            )
            .await?;
    }
    staff.index_pending_comments().await?;
    Ok(())
}
