//! Daily backups of a concept file, beside it: `<dir>/<name>.sicherungen/<name>-JJJJ-MM-TT.sqlite`
//! (`<name>` is the file's name without its extension), one per day, the newest `keep` kept.
//! The app makes the day's backup when a concept file is opened and, while it stays open, once
//! the date has changed (see `src-tauri/src/backups.rs`); the core decides names and what to
//! delete, so that the rules are tested without the app.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::BackupReport;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::store::{Location, Store};

/// One daily backup on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyBackupFile {
    pub path: String,
    /// The day it holds, `YYYY-MM-DD`.
    pub date: String,
    pub bytes: i64,
}

/// The daily backups of one concept file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyBackups {
    /// The folder they are in.
    pub dir: String,
    /// How many are kept (0: no daily backups).
    pub keep: i64,
    /// Newest first.
    pub files: Vec<DailyBackupFile>,
    /// The backup this call wrote (none when the day's backup existed or `keep` is 0).
    pub written: Option<BackupReport>,
}

/// The concept file's name without extension, and the folder of its daily backups.
fn names(concept: &Path) -> Result<(String, PathBuf)> {
    let stem = concept
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::invalid(
                "out",
                Message::TargetNotAFile {
                    path: concept.display().to_string(),
                },
            )
        })?;
    let dir = concept
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        .join(format!("{stem}.sicherungen"));
    Ok((stem, dir))
}

/// The day a daily backup's file name says, if it is one of `stem`'s (other files in the
/// folder are never touched).
fn day_of(stem: &str, file_name: &str) -> Option<NaiveDate> {
    let date = file_name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".sqlite")?;
    (date.len() == 10)
        .then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
        .flatten()
}

/// The daily backups of the concept file `concept` as they are on disk, newest first.
pub fn daily_backups(concept: &Path, keep: i64) -> Result<DailyBackups> {
    let (stem, dir) = names(concept)?;
    let mut files = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(day) = day_of(&stem, &name)
                && entry.file_type()?.is_file()
            {
                files.push(DailyBackupFile {
                    path: entry.path().display().to_string(),
                    date: day.format("%Y-%m-%d").to_string(),
                    bytes: entry.metadata()?.len() as i64,
                });
            }
        }
    }
    files.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(DailyBackups {
        dir: dir.display().to_string(),
        keep,
        files,
        written: None,
    })
}

impl Store {
    /// The daily backup of this concept file for `today` (the local date), if it has none
    /// yet, then removes all but the newest `keep` (0: nothing is written or removed). Only
    /// for a concept file; staff and admins (as every backup).
    pub async fn daily_backup(&self, keep: i64, today: NaiveDate) -> Result<DailyBackups> {
        let Location::File(concept) = self.location() else {
            return Err(Error::input(Message::DailyBackupsFileOnly));
        };
        let (stem, dir) = names(concept)?;
        if keep <= 0 {
            return daily_backups(concept, keep);
        }
        let target = dir.join(format!("{stem}-{}.sqlite", today.format("%Y-%m-%d")));
        let written = if target.exists() {
            None
        } else {
            Some(self.backup(&target, false).await?)
        };
        let mut status = daily_backups(concept, keep)?;
        let keep_files = usize::try_from(keep).unwrap_or(usize::MAX);
        if status.files.len() > keep_files {
            for old in status.files.split_off(keep_files) {
                std::fs::remove_file(&old.path)?;
            }
        }
        status.written = written;
        Ok(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_concepts_own_dated_files_count() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(day_of("zik", "zik-2026-11-25.sqlite"), d("2026-11-25"));
        assert_eq!(day_of("zik", "zik-2026-11-25.sqlite-journal"), None);
        assert_eq!(day_of("zik", "zik2-2026-11-25.sqlite"), None);
        assert_eq!(day_of("zik", "zik-2026-13-25.sqlite"), None);
        assert_eq!(day_of("zik", "zik-2026-11-25-kopie.sqlite"), None);
        assert_eq!(day_of("zik", ".zik-2026-11-25.sqlite.entsteht-12"), None);
        let (stem, dir) = names(Path::new("/akten/zik.sqlite")).unwrap();
        assert_eq!(stem, "zik");
        assert_eq!(dir, Path::new("/akten/zik.sicherungen"));
    }
}
