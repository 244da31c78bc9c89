//! The IPC commands: each one calls the core and converts its error to `{code, message}`.
//! Nothing here decides anything about the domain; parameters keep their snake_case names so the
//! UI uses the same names as the generated types.

use chrono::NaiveDate;
use konzeptstudio::access::{self, EditRights};
use konzeptstudio::error::ErrorPayload;
use konzeptstudio::import::concept::{self, Plan};
use konzeptstudio::model::{Concept, EditionStatus, Measure, MeasureData};
/// The core's reference data, as the UI's generated bindings name it.
pub use konzeptstudio::store::ReferenceData;
use konzeptstudio::store::{
    AsOf, BulkChange, ChangeFeedItem, MeasureDiff, MeasureFilter, MeasureListItem, MeasureWrite,
    Overview, RestructureReport, Revision, SearchResults, VersionedCode,
};
use konzeptstudio::{Error, Location, Store};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::session::{AppState, LastChoice, SessionInfo};

pub(crate) type Reply<T> = Result<T, ErrorPayload>;

pub(crate) fn reply<T>(result: konzeptstudio::Result<T>) -> Reply<T> {
    result.map_err(|e| {
        tracing::debug!(error = %e, "command failed");
        e.to_payload()
    })
}

/// Runs `f` on the store of the open concept (acting as the session's user).
pub(crate) async fn on_store<T, F, Fut>(state: &AppState, f: F) -> Reply<T>
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = konzeptstudio::Result<T>>,
{
    reply(
        async {
            // The server or the network dropped the store's connection: the error names the
            // server, and the next call opens a new connection instead of failing on the dead
            // one again.
            state.store().await?.recovering(f).await
        }
        .await,
    )
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StartInfo {
    /// `KONZEPTSTUDIO_DB`, when set: the app opened it directly.
    pub env_db: Option<String>,
    pub last: Option<LastChoice>,
    /// Where "Demokonzept anlegen" puts the demo concept.
    pub demo_location: String,
    pub demo_exists: bool,
    pub session: Option<SessionInfo>,
}

/// The concept's front matter and imprint as the settings form edits them, with its version and
/// what the acting user may change (the core's permission rules).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ConceptSettings {
    pub concept: Concept,
    pub version: i64,
    /// Front matter and imprint: drafters and admins.
    pub may_edit: bool,
    /// The working group's rules: admins.
    pub may_set_rules: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MeasureView {
    pub measure: Measure,
    pub rights: EditRights,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChangeFeed {
    /// The newest changeset id: ask from it next time, or from below an id not seen yet
    /// (PostgreSQL commits ids out of order; see `FeedCursor` in ui/src/data.ts).
    pub latest: i64,
    pub items: Vec<ChangeFeedItem>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn start_info(state: State<'_, AppState>) -> Reply<StartInfo> {
    let env_db = std::env::var("KONZEPTSTUDIO_DB")
        .ok()
        .filter(|s| !s.is_empty());
    let session = match state.session.read().await.as_ref() {
        Some(s) => Some(reply(s.info().await)?),
        None => None,
    };
    Ok(StartInfo {
        env_db,
        last: state.last_choice(),
        demo_location: state.demo_file.display().to_string(),
        demo_exists: state.demo_file.exists(),
        session,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn open_concept(
    state: State<'_, AppState>,
    location: String,
    user: Option<String>,
) -> Reply<SessionInfo> {
    reply(state.open(location.trim(), user.as_deref()).await)
}

/// Creates the ZIK II demo concept at `location` (a new file) and opens it.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_demo(state: State<'_, AppState>, location: String) -> Reply<SessionInfo> {
    let loc = Location::parse(location.trim());
    if let Location::File(path) = &loc
        && let Some(dir) = path.parent()
    {
        reply(std::fs::create_dir_all(dir).map_err(Error::from))?;
    }
    let store = reply(konzeptstudio::demo::create(&loc).await)?;
    reply(state.start(store, None, location.trim()).await)
}

/// What a Word document holds, before anything is created: the start screen shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct WordConceptPreview {
    pub plan: Plan,
    /// Where the new concept file would go: next to the document, not overwriting a file.
    pub proposed_location: String,
}

/// Where a concept adopted from `docx` goes: next to it, with its name, never over a file.
fn proposed_location(docx: &std::path::Path) -> std::path::PathBuf {
    let dir = docx.parent().unwrap_or(std::path::Path::new("."));
    let stem = docx
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "konzept".into());
    (1..1000)
        .map(|n| {
            dir.join(if n == 1 {
                format!("{stem}.sqlite")
            } else {
                format!("{stem} ({n}).sqlite")
            })
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}.sqlite")))
}

/// Reads and recognises a Word document (`init --from … --preview`); writes nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_word_concept(
    _state: State<'_, AppState>,
    path: String,
) -> Reply<WordConceptPreview> {
    let path = std::path::PathBuf::from(path.trim());
    let read = path.clone();
    let plan = reply(
        tauri::async_runtime::spawn_blocking(move || concept::from_file(&read))
            .await
            .map_err(|e| Error::Internal(e.to_string()))
            .and_then(|r| r),
    )?;
    let proposed = proposed_location(&path);
    Ok(WordConceptPreview {
        plan,
        proposed_location: proposed.display().to_string(),
    })
}

/// Creates a concept at `location` (a new file) from a Word document (`init --from`) and opens
/// it. Nothing is created if the document holds no field or anything fails.
#[tauri::command(rename_all = "snake_case")]
pub async fn adopt_word_concept(
    state: State<'_, AppState>,
    path: String,
    location: String,
) -> Reply<SessionInfo> {
    let read = std::path::PathBuf::from(path.trim());
    let plan = reply(
        tauri::async_runtime::spawn_blocking(move || concept::from_file(&read))
            .await
            .map_err(|e| Error::Internal(e.to_string()))
            .and_then(|r| r),
    )?;
    let loc = Location::parse(location.trim());
    if let Location::File(path) = &loc
        && let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        reply(std::fs::create_dir_all(dir).map_err(Error::from))?;
    }
    let (store, _) = reply(Store::init_from(&loc, &plan, None).await)?;
    reply(state.start(store, None, location.trim()).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn switch_user(state: State<'_, AppState>, name: String) -> Reply<SessionInfo> {
    reply(state.switch_user(&name).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn overview(state: State<'_, AppState>) -> Reply<Overview> {
    on_store(&state, |s| async move { s.overview().await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn reference_data(state: State<'_, AppState>) -> Reply<ReferenceData> {
    on_store(&state, |store| async move {
        Ok(ReferenceData::clone(&*store.reference_data().await?))
    })
    .await
}

async fn concept_settings_of(store: &Store) -> konzeptstudio::Result<ConceptSettings> {
    Ok(ConceptSettings {
        concept: store.concept().await?,
        version: store.concept_version().await?,
        may_edit: access::ensure(store.actor(), access::Action::EditStructure).is_ok(),
        may_set_rules: access::ensure(store.actor(), access::Action::ManageUsers).is_ok(),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn concept_settings(state: State<'_, AppState>) -> Reply<ConceptSettings> {
    on_store(
        &state,
        |store| async move { concept_settings_of(&store).await },
    )
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_concept(
    state: State<'_, AppState>,
    expected_version: i64,
    concept: Concept,
    reason: Option<String>,
) -> Reply<ConceptSettings> {
    on_store(&state, |store| async move {
        store
            .update_concept(expected_version, &concept, reason.as_deref())
            .await?;
        concept_settings_of(&store).await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_measures(
    state: State<'_, AppState>,
    filter: MeasureFilter,
) -> Reply<Vec<MeasureListItem>> {
    on_store(&state, |s| async move { s.list_measures(&filter).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_measure(state: State<'_, AppState>, code: String) -> Reply<MeasureView> {
    on_store(&state, |store| async move {
        let measure = store.measure(&code).await?;
        let rights = access::edit_rights(store.actor(), &code, &measure.data);
        Ok(MeasureView { measure, rights })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn measure_at(
    state: State<'_, AppState>,
    code: String,
    version: i64,
) -> Reply<MeasureData> {
    on_store(
        &state,
        |s| async move { s.measure_at(&code, version).await },
    )
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_measure(
    state: State<'_, AppState>,
    code: String,
    expected_version: i64,
    data: MeasureData,
    reason: Option<String>,
) -> Reply<MeasureWrite> {
    on_store(&state, |s| async move {
        s.update_measure(&code, expected_version, data, reason.as_deref(), None)
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn bulk_update(
    state: State<'_, AppState>,
    targets: Vec<VersionedCode>,
    change: BulkChange,
    reason: Option<String>,
) -> Reply<usize> {
    on_store(&state, |s| async move {
        s.update_measures_bulk(&targets, &change, reason.as_deref())
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn measure_history(state: State<'_, AppState>, code: String) -> Reply<Vec<Revision>> {
    on_store(&state, |s| async move { s.measure_history(&code).await }).await
}

/// A measure as it was at a moment: the history screen's „Stand am …“.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MeasureAsOf {
    /// The moment as documents say it: „31.12.2019“ or „31.12.2019, 14:30 Uhr“.
    pub label: String,
    /// The measure then (`version`, and `updated_at` the time of that version); `None` if it
    /// did not exist yet or had been removed.
    pub measure: Option<Measure>,
}

/// `as_of` as the CLI's `--as-of` takes it (`YYYY-MM-DD` for the end of that day,
/// `YYYY-MM-DDTHH:MM`), in German time; the core reconstructs the concept at that moment.
#[tauri::command(rename_all = "snake_case")]
pub async fn measure_as_of(
    state: State<'_, AppState>,
    code: String,
    as_of: String,
) -> Reply<MeasureAsOf> {
    on_store(&state, |s| async move {
        let at = AsOf::parse(&as_of, "as_of")?;
        let then = s.state_at(&at).await?;
        Ok(MeasureAsOf {
            label: at.label,
            measure: then.measures.into_iter().find(|m| m.code == code),
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn measure_diff(
    state: State<'_, AppState>,
    code: String,
    from: i64,
    to: i64,
) -> Reply<MeasureDiff> {
    on_store(
        &state,
        |s| async move { s.measure_diff(&code, from, to).await },
    )
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_measure(
    state: State<'_, AppState>,
    code: String,
    version: i64,
    expected_version: i64,
    reason: Option<String>,
) -> Reply<MeasureWrite> {
    on_store(&state, |s| async move {
        s.restore_measure(&code, version, Some(expected_version), reason.as_deref())
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn search(state: State<'_, AppState>, query: String) -> Reply<SearchResults> {
    on_store(&state, |s| async move { s.search(&query, 20).await }).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restructure_ministry(
    state: State<'_, AppState>,
    from: String,
    to: String,
    date: NaiveDate,
    reason: Option<String>,
) -> Reply<RestructureReport> {
    on_store(&state, |s| async move {
        s.restructure_ministry(&from, &to, date, reason.as_deref())
            .await
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn freeze_edition(
    state: State<'_, AppState>,
    name: String,
    status: EditionStatus,
    adopted_on: Option<NaiveDate>,
    note: String,
) -> Reply<konzeptstudio::model::Edition> {
    on_store(&state, |s| async move {
        s.freeze_edition(&name, status, adopted_on, &note).await
    })
    .await
}

/// What changed since `after` (team mode polls this every few seconds).
#[tauri::command(rename_all = "snake_case")]
pub async fn changes_since(state: State<'_, AppState>, after: i64) -> Reply<ChangeFeed> {
    on_store(&state, |store| async move {
        let latest = store.latest_changeset().await?;
        let items = if latest > after {
            store.changes_since(after, 500).await?
        } else {
            Vec::new()
        };
        Ok(ChangeFeed { latest, items })
    })
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_adopted_concept_is_proposed_next_to_its_document_never_over_a_file() {
        let dir = std::env::temp_dir().join(format!("ks-proposed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let docx = dir.join("ZIK II Entwurf.docx");
        assert_eq!(
            super::proposed_location(&docx),
            dir.join("ZIK II Entwurf.sqlite")
        );
        std::fs::write(dir.join("ZIK II Entwurf.sqlite"), b"x").unwrap();
        assert_eq!(
            super::proposed_location(&docx),
            dir.join("ZIK II Entwurf (2).sqlite")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
