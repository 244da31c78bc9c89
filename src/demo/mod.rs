//! The ZIK II demo concept (`konzeptstudio init --demo`): real facts from the press release and
//! public sources (shared/data/zik2-facts.md) plus illustrative measures and comments, which
//! carry `illustrative = true`. Deterministic: the same content on every run.

pub mod content;

use chrono::NaiveDate;

use crate::error::Result;
use crate::model::{
    AnswerTemplate, BudgetLine, Comment, Concept, EditionStatus, Imprint, Indicator, MeasureData,
    Milestone, Role, Vote,
};
use crate::store::{Location, NewUser, Store};

/// Ministries of the Free State of Saxony 2014–2019 (facts file).
pub const MINISTRIES: &[(&str, &str)] = &[
    ("SK", "Sächsische Staatskanzlei"),
    ("SMI", "Sächsisches Staatsministerium des Innern"),
    ("SMF", "Sächsisches Staatsministerium der Finanzen"),
    ("SMJus", "Sächsisches Staatsministerium der Justiz"),
    ("SMK", "Sächsisches Staatsministerium für Kultus"),
    (
        "SMWK",
        "Sächsisches Staatsministerium für Wissenschaft und Kunst",
    ),
    (
        "SMWA",
        "Sächsisches Staatsministerium für Wirtschaft, Arbeit und Verkehr",
    ),
    (
        "SMS",
        "Sächsisches Staatsministerium für Soziales und Verbraucherschutz",
    ),
    (
        "SMUL",
        "Sächsisches Staatsministerium für Umwelt und Landwirtschaft",
    ),
];

pub fn concept() -> Concept {
    Concept {
        title: "Zuwanderungs- und Integrationskonzept II des Freistaates Sachsen".into(),
        short_title: "ZIK II".into(),
        leitidee: content::LEITIDEE.into(),
        motto: content::MOTTO.into(),
        foreword: content::FOREWORD.into(),
        issuer: "Sächsisches Staatsministerium für Soziales und Verbraucherschutz – Geschäftsbereich Gleichstellung und Integration".into(),
        imprint: Imprint {
            address: "Albertstraße 10\n01097 Dresden\nwww.sms.sachsen.de".into(),
            editor: "Geschäftsstelle der Interministeriellen Arbeitsgruppe (Beispiel)".into(),
            design: "Konzeptstudio (Beispiel)".into(),
            printer: "Beispieldruckerei, Dresden (Beispiel)".into(),
            ordering: "Zentraler Broschürenversand der Sächsischen Staatsregierung, Hammerweg 30, 01127 Dresden (Beispiel); \
                       als PDF unter www.publikationen.sachsen.de (Beispiel)".into(),
            copyright: "Diese Veröffentlichung ist urheberrechtlich geschützt. Alle Rechte, auch die des Nachdrucks von Auszügen und der fotomechanischen Wiedergabe, sind dem Herausgeber vorbehalten.".into(),
            distribution_note: DISTRIBUTION_NOTE.into(),
        },
        rules: Default::default(),
    }
}

/// The distribution note (Verteilerhinweis) Saxon state publications carry, in its usual
/// wording: government information must not serve an election campaign.
pub const DISTRIBUTION_NOTE: &str = "Diese Informationsschrift wird von der Sächsischen Staatsregierung im Rahmen ihrer verfassungsmäßigen Verpflichtung zur Information der Öffentlichkeit herausgegeben. Sie darf weder von Parteien noch von deren Kandidaten oder Helfern im Zeitraum von sechs Monaten vor einer Wahl zum Zwecke der Wahlwerbung verwendet werden. Dies gilt für alle Wahlen. Missbräuchlich ist insbesondere die Verteilung auf Wahlveranstaltungen, an Informationsständen der Parteien sowie das Einlegen, Aufdrucken oder Aufkleben parteipolitischer Informationen oder Werbemittel. Untersagt ist auch die Weitergabe an Dritte zur Verwendung bei der Wahlwerbung. Auch ohne zeitlichen Bezug zu einer bevorstehenden Wahl darf die vorliegende Druckschrift nicht so verwendet werden, dass dies als Parteinahme des Herausgebers zugunsten einzelner politischer Gruppen verstanden werden könnte. Diese Beschränkungen gelten unabhängig vom Vertriebsweg, also unabhängig davon, auf welchem Wege und in welcher Anzahl diese Informationsschrift dem Empfänger zugegangen ist. Erlaubt ist jedoch den Parteien, diese Informationsschrift zur Unterrichtung ihrer Mitglieder zu verwenden.";

/// Illustrative members of the working group (names are examples).
const DEMO_USERS: &[(&str, &str, Role, Option<&str>)] = &[
    ("redaktion", "Redaktion ZIK (Beispiel)", Role::Drafter, None),
    (
        "geschaeftsstelle",
        "Geschäftsstelle IMAG (Beispiel)",
        Role::Staff,
        None,
    ),
    (
        "mueller.sms",
        "A. Müller, SMS (Beispiel)",
        Role::Member,
        Some("SMS"),
    ),
    (
        "schmidt.smwa",
        "B. Schmidt, SMWA (Beispiel)",
        Role::Member,
        Some("SMWA"),
    ),
    (
        "weber.smk",
        "C. Weber, SMK (Beispiel)",
        Role::Member,
        Some("SMK"),
    ),
    (
        "nguyen.smwk",
        "D. Nguyen, SMWK (Beispiel)",
        Role::Member,
        Some("SMWK"),
    ),
    (
        "yilmaz.smi",
        "E. Yılmaz, SMI (Beispiel)",
        Role::Member,
        Some("SMI"),
    ),
];

/// Adds the ZIK II ministries and fields of action (with goals) if the concept has none yet.
pub async fn ensure_structure(store: &Store) -> Result<()> {
    if store.ministries().await?.is_empty() {
        for (abbr, name) in MINISTRIES {
            store.add_ministry(abbr, name, None).await?;
        }
    }
    if store.fields().await?.is_empty() {
        for (i, f) in content::FIELDS.iter().enumerate() {
            store
                .add_field(f.number, f.title, f.parent, f.intro, i as i64)
                .await?;
            for g in f.goals {
                store.add_goal(f.number, g).await?;
            }
        }
    }
    Ok(())
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn measure_data(
    m: &content::DemoMeasure,
    goal_ids: &std::collections::HashMap<String, Vec<i64>>,
    sort_order: i64,
) -> MeasureData {
    let field_goals = goal_ids.get(m.field).cloned().unwrap_or_default();
    MeasureData {
        title: m.title.into(),
        text_long: m.text_long.into(),
        text_short: m.text_short.into(),
        field: m.field.into(),
        parent: m.parent.map(str::to_string),
        goals: m
            .goals
            .iter()
            .filter_map(|i| field_goals.get(i.wrapping_sub(1)).copied())
            .collect(),
        lead_ministry: m.lead.into(),
        co_ministries: m.co.iter().map(|s| s.to_string()).collect(),
        partners: m.partners.iter().map(|s| s.to_string()).collect(),
        start: m.start.and_then(date),
        end: m.end.and_then(date),
        ongoing: m.end.is_none(),
        budget: m
            .budget
            .iter()
            .map(|b| BudgetLine {
                amount_cents: b.amount_cents,
                budget_item: b.budget_item.into(),
                period: b.period.into(),
                note: b.note.into(),
            })
            .collect(),
        status: m.status.into(),
        progress: i64::from(m.progress),
        indicators: m
            .indicators
            .iter()
            .map(|i| Indicator {
                name: i.name.into(),
                unit: i.unit.into(),
                baseline: i.baseline,
                target: i.target,
                actual: i.actual,
                as_of: i.as_of.and_then(date),
            })
            .collect(),
        milestones: m
            .milestones
            .iter()
            .map(|x| Milestone {
                title: x.title.into(),
                due: date(x.due),
                done: x.done,
            })
            .collect(),
        in_short: m.in_short,
        sort_order,
        illustrative: m.illustrative,
    }
}

/// Creates the demo concept at `location`.
pub async fn create(location: &Location) -> Result<Store> {
    let admin = Store::init(location, &concept()).await?;
    ensure_structure(&admin).await?;
    for (name, display, role, ministry) in DEMO_USERS {
        admin
            .add_user(NewUser {
                name: name.to_string(),
                display_name: Some(display.to_string()),
                role: *role,
                ministry: ministry.map(str::to_string),
                db_login: None,
            })
            .await?;
    }
    let drafter = admin.act_as("redaktion").await?;
    let staff = admin.act_as("geschaeftsstelle").await?;

    let mut goal_ids: std::collections::HashMap<String, Vec<i64>> = Default::default();
    for g in admin.goals(None).await? {
        goal_ids.entry(g.field.clone()).or_default().push(g.id);
    }
    let sort = |code: &str| {
        content::MEASURES
            .iter()
            .position(|m| m.code == code)
            .unwrap_or(0) as i64
    };

    // 1. The 2012 concept: the measures that existed then, as they read then.
    let in_2012: Vec<(String, MeasureData)> = content::MEASURES
        .iter()
        .filter_map(|m| {
            m.text_long_2012.map(|old| {
                let mut d = measure_data(m, &goal_ids, sort(m.code));
                d.text_long = old.into();
                d.status = "in-umsetzung".into();
                d.progress = 0;
                d.indicators.clear();
                d.milestones.clear();
                (m.code.to_string(), d)
            })
        })
        .collect();
    drafter
        .create_measures(in_2012, Some("Übernahme aus dem Konzept 2012"))
        .await?;
    drafter
        .freeze_edition(
            "ZIK 2012",
            EditionStatus::Beschlossen,
            NaiveDate::from_ymd_opt(2012, 3, 20),
            "Zuwanderungs- und Integrationskonzept 2012 (Inhalte des Demokonzepts sind Beispiele)",
        )
        .await?;

    // 2. The update to ZIK II: revise the old measures, add the new ones.
    for m in content::MEASURES
        .iter()
        .filter(|m| m.text_long_2012.is_some())
    {
        let current = drafter.measure(m.code).await?;
        drafter
            .update_measure(
                m.code,
                current.version,
                measure_data(m, &goal_ids, sort(m.code)),
                Some("Fortschreibung ZIK II"),
                None,
            )
            .await?;
    }
    let new_measures: Vec<(String, MeasureData)> = content::MEASURES
        .iter()
        .filter(|m| m.text_long_2012.is_none())
        .map(|m| (m.code.to_string(), measure_data(m, &goal_ids, sort(m.code))))
        .collect();
    drafter
        .create_measures(new_measures, Some("Neue Maßnahme im ZIK II"))
        .await?;

    // 3. Participation: illustrative comments from two online rounds and the forums.
    insert_demo_comments(&staff).await?;

    drafter
        .freeze_edition(
            "ZIK II Entwurf Kabinett",
            EditionStatus::Ressortabstimmung,
            None,
            "Entwurf für die Kabinettsbefassung",
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
            "ZIK II 2018",
            EditionStatus::Beschlossen,
            NaiveDate::from_ymd_opt(2018, 4, 24),
            "Von der Staatsregierung beschlossen am 24. April 2018",
        )
        .await?;
    drafter
        .set_edition_status("ZIK 2012", EditionStatus::Abgeloest, None)
        .await?;

    // 5. Working through the feedback: answer templates, form letters clustered, the comments
    // on measures assigned to their lead ministries, the first ones answered.
    triage_demo_comments(&staff, &comments).await?;
    Ok(admin)
}

/// Answer templates (Textbausteine) of the demo.
const DEMO_TEMPLATES: [(&str, Option<Vote>, &str); 3] = [
    (
        "Dank und Aufnahme",
        Some(Vote::Beruecksichtigt),
        "Vielen Dank für Ihre Stellungnahme {Nr} vom {Eingang}. Ihre Anregung wurde in {Maßnahme} aufgenommen.",
    ),
    (
        "Zur Kenntnis",
        Some(Vote::ZurKenntnis),
        "Vielen Dank für Ihre Stellungnahme vom {Eingang} ({Kanal}). Die Interministerielle Arbeitsgruppe hat sie zur Kenntnis genommen.",
    ),
    (
        "Nicht zuständig",
        Some(Vote::NichtZustaendig),
        "Vielen Dank für Ihre Stellungnahme. Das Anliegen liegt außerhalb der Zuständigkeit des Freistaates; wir haben es an die zuständige Stelle weitergeleitet.",
    ),
];

async fn triage_demo_comments(staff: &Store, comments: &[Comment]) -> Result<()> {
    for (title, vote, body) in DEMO_TEMPLATES {
        staff
            .save_answer_template(&AnswerTemplate {
                id: None,
                title: title.into(),
                vote,
                body: body.into(),
                version: None,
            })
            .await?;
    }
    staff
        .cluster_comments(crate::cluster::DEFAULT_THRESHOLD)
        .await?;
    let mut by_lead: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
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
                NaiveDate::from_ymd_opt(2017, 6, 30),
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
            DEMO_TEMPLATES[0].2,
            None,
            Some("Erste Abwägung"),
        )
        .await?;
    Ok(())
}

/// Number of illustrative demo comments ("weit über 800 Anmerkungen").
pub const DEMO_COMMENTS: usize = 840;

async fn insert_demo_comments(staff: &Store) -> Result<()> {
    let mut rng = fastrand::Rng::with_seed(2017);
    let codes: Vec<String> = content::MEASURES
        .iter()
        .map(|m| m.code.to_string())
        .collect();
    let rounds = [
        // Online participation ran from 29 March to 30 June 2017 (facts file); the split into
        // two rounds and the forum dates are illustrative.
        (
            "online-1",
            "Online-Beteiligung, 1. Runde",
            "2017-03-29",
            45,
            380,
        ),
        (
            "online-2",
            "Online-Beteiligung, 2. Runde",
            "2017-05-15",
            46,
            320,
        ),
        (
            "forum",
            "Gesprächsforen",
            "2017-04-10",
            60,
            DEMO_COMMENTS - 700,
        ),
    ];
    let mut index = 0;
    for (key, name, start, days, n) in rounds {
        let start = date(start)
            .and_then(|d| d.and_hms_opt(7, 0, 0))
            .expect("valid date");
        let comments: Vec<_> = (0..n)
            .map(|_| {
                index += 1;
                let mut c = crate::synth::comment(&mut rng, index, &codes, start, days * 24 * 60);
                c.external_id = Some(format!("{}-{index:04}", key.to_uppercase()));
                c
            })
            .collect();
        staff
            .insert_comments(key, name, &comments, Some("Beispieldaten (illustrativ)"))
            .await?;
    }
    staff.index_pending_comments().await?;
    Ok(())
}
