//! Backups in the app: "Sicherung erstellen" (into a file the user chose) and, for a concept
//! file, the daily backup beside it (`<name>.sicherungen/<name>-JJJJ-MM-TT.sqlite`, the core's
//! `Store::daily_backup`), made when the concept is opened and again once the date has changed
//! while it stays open.
//!
//! How many daily backups are kept is a setting of the app on this computer (`einstellungen.json`
//! in its config folder), not of the concept: the daily backups are this computer's copies on
//! its disk, of a file that may be opened elsewhere too; a team database has none (its IT backs
//! it up); and changing the number is no change to the concept, so it needs no right to change
//! the concept's rules and no entry in its history.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use konzeptstudio::access::{self, Action};
use konzeptstudio::messages::Message;
use konzeptstudio::store::{BackupReport, DailyBackups, transfer};
use konzeptstudio::{Error, Location, Store};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::{Reply, reply};
use crate::session::AppState;

/// Daily backups kept unless the user says otherwise.
pub const DEFAULT_KEEP: i64 = 7;

/// The most daily backups the setting allows (a year).
pub const MAX_KEEP: i64 = 366;

/// How often an open concept checks whether the day's backup is due: the date changes while
/// the app stays open (and a computer wakes from sleep at any time).
const CHECK_EVERY: Duration = Duration::from_secs(15 * 60);

/// The app's own settings on this computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppSettings {
    /// Daily backups of a concept file kept beside it (0: none).
    pub daily_backups_keep: i64,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            daily_backups_keep: DEFAULT_KEEP,
        }
    }
}

/// What the session screen shows about backups.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupStatus {
    /// The daily backups of the open concept file (none for a team database, or while the
    /// first one is still being written).
    pub daily: Option<DailyBackups>,
    pub keep: i64,
    /// Whether the concept is a file (daily backups exist only for files).
    pub is_file: bool,
    /// Whether the acting user may write backups (staff and admins).
    pub may_backup: bool,
    /// Why the last daily backup failed.
    pub daily_error: Option<Message>,
    /// Where "Sicherung erstellen" proposes to write: next to a concept file, else in the
    /// export folder; named with the date.
    pub proposed_path: String,
}

/// The daily backups' state, shared with their task.
#[derive(Default)]
struct Daily {
    last: Option<DailyBackups>,
    error: Option<Message>,
}

/// The daily backups of the open concept: their task and what it found last.
#[derive(Default)]
pub struct Backups {
    /// Where the app's settings are kept (its config folder).
    settings_file: Option<PathBuf>,
    task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
    daily: Arc<Mutex<Daily>>,
}

impl Backups {
    pub fn new(settings_file: Option<PathBuf>) -> Self {
        Backups {
            settings_file,
            ..Default::default()
        }
    }

    pub fn settings(&self) -> AppSettings {
        read_settings(self.settings_file.as_deref())
    }

    fn save(&self, settings: &AppSettings) -> Result<(), Error> {
        let Some(file) = &self.settings_file else {
            return Ok(());
        };
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text =
            serde_json::to_string_pretty(settings).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(file, text)?;
        Ok(())
    }

    /// Starts the daily backups of `base` (the store as its identity opened it), ending those
    /// of the concept before. Nothing for a team database or a user who may not write backups.
    pub fn start(&self, base: &Store) {
        if let Some(old) = lock(&self.task).take() {
            old.abort();
        }
        *lock(&self.daily) = Daily::default();
        if !matches!(base.location(), Location::File(_))
            || access::ensure(base.actor(), Action::Backup).is_err()
        {
            return;
        }
        let store = base.clone();
        let daily = self.daily.clone();
        let settings_file = self.settings_file.clone();
        let task = tauri::async_runtime::spawn(async move {
            loop {
                let keep = read_settings(settings_file.as_deref()).daily_backups_keep;
                run_daily(&store, keep, &daily).await;
                tokio::time::sleep(CHECK_EVERY).await;
            }
        });
        *lock(&self.task) = Some(task);
    }
}

/// A poisoned lock (a panic elsewhere) still holds usable state.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The day's backup (if due) and the pruning, with the result kept for the session screen.
async fn run_daily(store: &Store, keep: i64, daily: &Mutex<Daily>) {
    let today = chrono::Local::now().date_naive();
    let result = store.daily_backup(keep, today).await;
    let mut d = lock(daily);
    match result {
        Ok(status) => {
            if let Some(w) = &status.written {
                tracing::info!(path = %w.path, bytes = w.bytes, "daily backup written");
            }
            d.last = Some(status);
            d.error = None;
        }
        Err(e) => {
            tracing::warn!(error = %e, "daily backup failed");
            d.error = Some(e.message());
        }
    }
}

fn read_settings(file: Option<&Path>) -> AppSettings {
    file.and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// `<stem>-Sicherung-JJJJ-MM-TT.sqlite` next to a concept file, else in `export_dir`.
fn proposed_path(location: &Location, export_dir: &Path) -> String {
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d");
    match location {
        Location::File(path) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "konzept".into());
            let dir = path.parent().unwrap_or(Path::new("."));
            dir.join(format!("{stem}-Sicherung-{today}.sqlite"))
        }
        Location::Postgres(_) => export_dir.join(format!("Teamdatenbank-Sicherung-{today}.sqlite")),
    }
    .display()
    .to_string()
}

async fn status(state: &AppState) -> Result<BackupStatus, Error> {
    let guard = state.session.read().await;
    let session = guard
        .as_ref()
        .ok_or_else(|| Error::not_found(Message::NoConceptOpen))?;
    let location = session.base.location().clone();
    let keep = state.backups.settings().daily_backups_keep;
    let (daily, daily_error) = {
        let d = lock(&state.backups.daily);
        (d.last.clone(), d.error.clone())
    };
    let daily = match (&location, daily) {
        (_, Some(d)) => Some(d),
        // Before the task's first run (or for a user who may not back up): what is on disk.
        (Location::File(path), None) => transfer::daily_backups(path, keep).ok(),
        (Location::Postgres(_), None) => None,
    };
    Ok(BackupStatus {
        daily,
        keep,
        is_file: matches!(location, Location::File(_)),
        may_backup: access::ensure(session.store.actor(), Action::Backup).is_ok(),
        daily_error,
        proposed_path: proposed_path(&location, &state.export_dir),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_status(state: State<'_, AppState>) -> Reply<BackupStatus> {
    reply(status(&state).await)
}

/// Writes a backup of the open concept to `path` (acting as the session's user); `replace`
/// when the user chose an existing file in the save dialog, which asked first.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_backup(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
) -> Reply<BackupReport> {
    let store = reply(state.store().await)?;
    let path = PathBuf::from(path.trim());
    reply(store.backup(&path, replace).await)
}

/// Sets how many daily backups are kept and applies it at once (a lower number removes the
/// oldest now; a first day's backup is written if there is none).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_daily_backups(state: State<'_, AppState>, keep: i64) -> Reply<BackupStatus> {
    if !(0..=MAX_KEEP).contains(&keep) {
        return reply(Err(Error::invalid(
            "keep",
            Message::DailyBackupsKeepRange { max: MAX_KEEP },
        )));
    }
    reply(state.backups.save(&AppSettings {
        daily_backups_keep: keep,
    }))?;
    let base = state.session.read().await.as_ref().map(|s| s.base.clone());
    if let Some(base) = base
        && matches!(base.location(), Location::File(_))
        && access::ensure(base.actor(), Action::Backup).is_ok()
    {
        run_daily(&base, keep, &state.backups.daily).await;
    }
    reply(status(&state).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_to_a_week_and_survive_a_broken_file() {
        let dir = std::env::temp_dir().join(format!("ks-settings-{}", std::process::id()));
        let file = dir.join("einstellungen.json");
        assert_eq!(read_settings(Some(&file)).daily_backups_keep, DEFAULT_KEEP);
        let backups = Backups::new(Some(file.clone()));
        backups
            .save(&AppSettings {
                daily_backups_keep: 3,
            })
            .unwrap();
        assert_eq!(backups.settings().daily_backups_keep, 3);
        std::fs::write(&file, "{kaputt").unwrap();
        assert_eq!(backups.settings().daily_backups_keep, DEFAULT_KEEP);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_backup_is_proposed_beside_the_concept_file() {
        let p = proposed_path(
            &Location::File(PathBuf::from("/akten/zik.sqlite")),
            Path::new("/export"),
        );
        assert!(p.starts_with("/akten/zik-Sicherung-"), "{p}");
        assert!(p.ends_with(".sqlite"), "{p}");
        let p = proposed_path(
            &Location::Postgres("postgres://h/zik".into()),
            Path::new("/export"),
        );
        assert!(p.starts_with("/export/Teamdatenbank-Sicherung-"), "{p}");
    }
}
