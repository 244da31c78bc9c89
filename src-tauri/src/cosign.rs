//! Co-signing rounds (Mitzeichnung) in the app: the rounds and what the acting user may do with
//! them, what a ministry is asked to sign, answering, settling, closing, reminders, opening a
//! round, and the two documents (the cabinet statement as PDF or Word, a ministry's Synopse since
//! the edition it last co-signed) written to a path the user chose. Each command is one call
//! into the core (`Store::cosign_*`, `render::cosign`, `render::synopsis`).

use chrono::NaiveDate;
use konzeptstudio::Store;
use konzeptstudio::access::{self, Action};
use konzeptstudio::model::{CosignAnswer, CosignResult, CosignRound, EditionStatus};
use konzeptstudio::render::{self, Content, Kind, Options};
use konzeptstudio::store::cosign::{CosignBrief, CosignReply, NewRound};
use konzeptstudio::store::reminders::Reminder;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::{Reply, on_store};
use crate::documents::{SavedDocument, target, write};
use crate::session::AppState;

/// What the Mitzeichnung screen starts from: the rounds, and what the acting user may do.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CosignRounds {
    /// Every round, newest first.
    pub rounds: Vec<CosignRound>,
    /// Opening a round, recording an answer for any ministry, settling a reservation, closing
    /// (`ManageCosign`: drafters and admins).
    pub may_manage: bool,
    /// The ministry the acting user answers for themselves (a member's own), if any.
    pub own_ministry: Option<String>,
    /// The drafts a round may be opened on: editions with status „Ressortabstimmung“, newest
    /// first.
    pub drafts: Vec<String>,
    /// Where the save fields propose to write (the app's export folder).
    pub export_dir: String,
}

/// The cabinet statement's two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StatementFormat {
    Pdf,
    Docx,
}

impl StatementFormat {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            StatementFormat::Pdf => "pdf",
            StatementFormat::Docx => "docx",
        }
    }
}

async fn rounds(s: &Store, export_dir: String) -> konzeptstudio::Result<CosignRounds> {
    let rounds = s.cosign_rounds().await?;
    let mut drafts: Vec<String> = s
        .editions()
        .await?
        .into_iter()
        .filter(|e| e.status == EditionStatus::Ressortabstimmung)
        .map(|e| e.name)
        .collect();
    drafts.reverse();
    let actor = s.actor();
    let own_ministry = actor
        .ministry
        .clone()
        .filter(|m| access::ensure(actor, Action::AnswerCosign { ministry: m }).is_ok());
    Ok(CosignRounds {
        rounds,
        may_manage: access::ensure(actor, Action::ManageCosign).is_ok(),
        own_ministry,
        drafts,
        export_dir,
    })
}

/// The cabinet statement of round `round` (as `konzeptstudio render cosign` writes it).
async fn statement(
    s: &Store,
    round: i64,
    format: StatementFormat,
) -> konzeptstudio::Result<Vec<u8>> {
    let round = s.cosign_round(round).await?;
    let content = Content::load(s, Some(&round.edition)).await?;
    let created = konzeptstudio::pdf::creation_time();
    match format {
        StatementFormat::Pdf => {
            Ok(render::cosign::layout(&content, &round, Options::at(created)).to_pdf()?)
        }
        StatementFormat::Docx => render::word::render_blocks(
            &content,
            Kind::Cosign,
            created,
            &render::cosign::blocks(&content, &round, created),
        ),
    }
}

/// The Synopse of `ministry`'s measures from the edition it last co-signed to the round's draft
/// (as `konzeptstudio render synopse --round … --ministry …` writes it).
async fn synopsis(s: &Store, round: i64, ministry: Option<&str>) -> konzeptstudio::Result<Vec<u8>> {
    let ministry = s.ministry_or_own(ministry, "dessen Synopse erstellt wird")?;
    let (old, new) = render::synopsis::for_cosign_round(s, round, &ministry).await?;
    let options = Options::at(konzeptstudio::pdf::creation_time());
    Ok(render::synopsis::layout(&old, &new, options).to_pdf()?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cosign_rounds(state: State<'_, AppState>) -> Reply<CosignRounds> {
    let dir = state.export_dir.display().to_string();
    on_store(&state, |s| async move { rounds(&s, dir).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cosign_round(state: State<'_, AppState>, round: i64) -> Reply<CosignRound> {
    on_store(&state, |s| async move { s.cosign_round(round).await }).await
}

/// What `ministry` (the acting member's own when `None`) is asked to sign in `round`.
#[tauri::command(rename_all = "snake_case")]
pub async fn cosign_brief(
    state: State<'_, AppState>,
    round: i64,
    ministry: Option<String>,
) -> Reply<CosignBrief> {
    on_store(&state, |s| async move {
        let ministry =
            s.ministry_or_own(ministry.as_deref(), "dessen Mitzeichnung gezeigt wird")?;
        s.cosign_brief(round, &ministry).await
    })
    .await
}

/// Opens a round on the draft `edition`; `ministries` `None` asks every ministry that leads or
/// shares one of its measures.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_cosign_round(
    state: State<'_, AppState>,
    edition: String,
    due: Option<NaiveDate>,
    ministries: Option<Vec<String>>,
    required: Vec<String>,
    note: String,
) -> Reply<CosignRound> {
    on_store(&state, |s| async move {
        s.open_cosign_round(NewRound {
            edition,
            due,
            ministries,
            required,
            note,
        })
        .await
    })
    .await
}

/// Answers `round` for the acting member's ministry (`ministry` `None`), or records the answer
/// of `ministry` received by letter (drafters: „für das Ressort vermerkt“).
#[tauri::command(rename_all = "snake_case")]
pub async fn answer_cosign(
    state: State<'_, AppState>,
    round: i64,
    result: CosignResult,
    text: String,
    measures: Vec<String>,
    ministry: Option<String>,
) -> Reply<CosignAnswer> {
    on_store(&state, |s| async move {
        s.answer_cosign(
            round,
            CosignReply {
                result,
                text,
                measures,
                ministry,
            },
        )
        .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn settle_cosign(
    state: State<'_, AppState>,
    round: i64,
    ministry: String,
    settlement: String,
) -> Reply<CosignAnswer> {
    on_store(&state, |s| async move {
        s.settle_cosign(round, &ministry, &settlement).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn close_cosign_round(
    state: State<'_, AppState>,
    round: i64,
    allow_missing: bool,
) -> Reply<CosignRound> {
    on_store(&state, |s| async move {
        s.close_cosign_round(round, allow_missing).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cosign_reminders(state: State<'_, AppState>, round: i64) -> Reply<Vec<Reminder>> {
    on_store(&state, |s| async move { s.cosign_reminders(round).await }).await
}

/// Writes the cabinet statement of `round` to `path` (see [`target`]).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_cosign_statement(
    state: State<'_, AppState>,
    round: i64,
    format: StatementFormat,
    path: String,
    replace: bool,
) -> Reply<SavedDocument> {
    on_store(&state, |s| async move {
        let file = target(&path, format.extension(), replace)?;
        write(file, &statement(&s, round, format).await?)
    })
    .await
}

/// Writes the Synopse of `ministry`'s measures (the acting member's own when `None`) to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_cosign_synopsis(
    state: State<'_, AppState>,
    round: i64,
    ministry: Option<String>,
    path: String,
    replace: bool,
) -> Reply<SavedDocument> {
    on_store(&state, |s| async move {
        let file = target(&path, "pdf", replace)?;
        write(file, &synopsis(&s, round, ministry.as_deref()).await?)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use konzeptstudio::{Error, Location};
    use std::path::PathBuf;
    use tauri::async_runtime::block_on;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ks-cosign-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_document_goes_only_to_a_file_of_its_kind_and_replaces_one_only_when_asked() {
        let dir = temp_dir("target");
        let field = |e: Error| e.to_payload().field;
        assert_eq!(
            field(target("  ", "pdf", false).unwrap_err()).as_deref(),
            Some("path")
        );
        let concept = dir.join("konzept.sqlite");
        std::fs::write(&concept, b"SQLite format 3\0").unwrap();
        let err = target(&concept.display().to_string(), "pdf", true).unwrap_err();
        assert_eq!(field(err).as_deref(), Some("path"));
        let pdf = dir.join("neu").join("Ergebnis.PDF");
        assert_eq!(
            target(&pdf.display().to_string(), "pdf", false).unwrap(),
            pdf
        );
        assert!(pdf.parent().unwrap().is_dir(), "the folder is made");
        std::fs::write(&pdf, b"%PDF").unwrap();
        let err = target(&pdf.display().to_string(), "pdf", false).unwrap_err();
        assert!(err.to_string().contains("gibt es schon"), "{err}");
        assert_eq!(field(err).as_deref(), Some("replace"));
        assert!(target(&pdf.display().to_string(), "pdf", true).is_ok());
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// A round on the demo concept: SMS co-signs the first draft, a second draft changes one of
    /// its measures, so SMS is asked again and its Synopse compares the two drafts.
    #[test]
    fn a_ministry_asked_again_gets_its_synopsis_and_the_round_its_statement() {
        let dir = temp_dir("round");
        block_on(async {
            let base = konzeptstudio::demo::create(&Location::File(dir.join("zik.sqlite")))
                .await
                .unwrap();
            let drafter = base.act_as("redaktion").await.unwrap();
            let member = base.act_as("mueller.sms").await.unwrap();
            let first = "ZIK II Entwurf Kabinett";
            let round = drafter
                .open_cosign_round(NewRound {
                    edition: first.into(),
                    due: NaiveDate::from_ymd_opt(2020, 1, 10),
                    ministries: None,
                    required: vec!["SMF".into()],
                    note: String::new(),
                })
                .await
                .unwrap();

            let seen = rounds(&member, "/export".into()).await.unwrap();
            assert_eq!(seen.own_ministry.as_deref(), Some("SMS"));
            assert!(!seen.may_manage);
            assert_eq!(seen.drafts, vec![first.to_string()]);
            let staff = base.act_as("geschaeftsstelle").await.unwrap();
            assert_eq!(
                rounds(&staff, String::new()).await.unwrap().own_ministry,
                None
            );
            assert!(rounds(&drafter, String::new()).await.unwrap().may_manage);

            let err = synopsis(&member, round.id, None).await.unwrap_err();
            assert!(err.to_string().contains("alle Maßnahmen"), "{err}");
            member
                .answer_cosign(
                    round.id,
                    CosignReply {
                        result: CosignResult::Mitgezeichnet,
                        text: String::new(),
                        measures: vec![],
                        ministry: None,
                    },
                )
                .await
                .unwrap();
            let m = drafter.measure("3.1.1-1").await.unwrap();
            let mut data = m.data.clone();
            data.title.push_str(" (überarbeitet)");
            drafter
                .update_measure("3.1.1-1", m.version, data, None, None)
                .await
                .unwrap();
            drafter
                .freeze_edition(
                    "Kabinettsentwurf überarbeitet",
                    EditionStatus::Ressortabstimmung,
                    None,
                    "",
                )
                .await
                .unwrap();

            let brief: CosignBrief = member.cosign_brief(round.id, "SMS").await.unwrap();
            assert_eq!(brief.since.as_deref(), Some(first));
            let changed = brief.measures.iter().find(|m| m.code == "3.1.1-1").unwrap();
            assert_eq!(
                changed.change,
                konzeptstudio::store::cosign::MeasureChange::Geaendert
            );
            let json = serde_json::to_value(changed).unwrap();
            assert_eq!(json["change"], "geaendert", "as the core writes it");

            let pdf = synopsis(&member, round.id, None).await.unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            let file = dir.join("Synopse SMS.pdf");
            let saved = write(
                target(&file.display().to_string(), "pdf", false).unwrap(),
                &pdf,
            )
            .unwrap();
            assert_eq!(std::fs::read(&file).unwrap().len(), saved.bytes);

            assert!(
                statement(&drafter, round.id, StatementFormat::Pdf)
                    .await
                    .unwrap()
                    .starts_with(b"%PDF")
            );
            assert!(
                statement(&drafter, round.id, StatementFormat::Docx)
                    .await
                    .unwrap()
                    .starts_with(b"PK")
            );
            base.close().await;
        });
        std::fs::remove_dir_all(dir).unwrap();
    }
}
