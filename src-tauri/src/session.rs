//! The open concept and who is working on it, plus the remembered last choice. The only state
//! the shell keeps; everything else is asked of the core.

use std::path::PathBuf;

use konzeptstudio::messages::Message;
use konzeptstudio::model::User;
use konzeptstudio::store::{Dialect, NetworkShare};
use konzeptstudio::{Error, Location, Store};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;
use ts_rs::TS;

/// The concept and user chosen last time, offered on the next start.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct LastChoice {
    pub location: String,
    pub user: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionInfo {
    /// File path, or the PostgreSQL URL without its password.
    pub location: String,
    /// "sqlite" (a concept file) or "postgres" (a team database).
    pub dialect: String,
    /// Who is really at the keyboard (OS user or database login).
    pub identity: String,
    /// Whose rights apply and who is recorded in revisions.
    pub actor: User,
    /// Whom the session may switch to (admins may act as anybody).
    pub users: Vec<User>,
    /// The network share the concept file lies on: opened for one person at a time; the
    /// session screen says that a shared concept belongs in the team database.
    pub network_share: Option<NetworkShare>,
}

pub struct Session {
    /// The store as the identity opened it; `act_as` starts from here.
    pub base: Store,
    pub store: Store,
}

impl Session {
    pub async fn info(&self) -> konzeptstudio::Result<SessionInfo> {
        Ok(SessionInfo {
            location: self.store.location().display(),
            dialect: match self.store.dialect() {
                Dialect::Sqlite => "sqlite".into(),
                Dialect::Postgres => "postgres".into(),
            },
            identity: self.base.identity().to_string(),
            actor: self.store.actor().clone(),
            users: self.store.users().await?,
            network_share: self.store.network_share().cloned(),
        })
    }
}

pub struct AppState {
    pub session: RwLock<Option<Session>>,
    /// The daily backups of the open concept file and the app's backup setting.
    pub backups: crate::backups::Backups,
    /// Where the last choice is remembered (the app's config directory).
    pub settings_file: Option<PathBuf>,
    /// The default place for the demo concept (the app's data directory).
    pub demo_file: PathBuf,
    /// Where exports go (the user's documents; `KONZEPTSTUDIO_EXPORT_DIR` overrides).
    pub export_dir: PathBuf,
    /// The import running now, for the dialog's progress bar.
    pub import_progress: std::sync::Arc<std::sync::Mutex<Option<crate::feedback::ImportProgress>>>,
}

impl AppState {
    /// Indexes newly imported comments for search while the user works (SQLite).
    pub async fn index_in_background(&self) {
        if let Some(s) = self.session.read().await.as_ref() {
            drop(s.base.index_pending_comments_in_background());
        }
    }

    /// The acting store of the open concept.
    pub async fn store(&self) -> Result<Store, Error> {
        self.session
            .read()
            .await
            .as_ref()
            .map(|s| s.store.clone())
            .ok_or_else(|| Error::not_found(Message::NoConceptOpen))
    }

    pub async fn open(&self, location: &str, user: Option<&str>) -> Result<SessionInfo, Error> {
        let parsed = Location::parse(location);
        // A concept file on a network share is locked by the store that has it open: opening
        // it again closes that one first, or the new one would find the file in use.
        {
            let mut current = self.session.write().await;
            if current
                .as_ref()
                .is_some_and(|s| s.base.network_share().is_some() && *s.base.location() == parsed)
                && let Some(old) = current.take()
            {
                old.base.close().await;
            }
        }
        let base = Store::open(&parsed, None).await?;
        self.start(base, user, location).await
    }

    /// Makes `base` the open concept, acting as `user` where given.
    pub async fn start(
        &self,
        base: Store,
        user: Option<&str>,
        location: &str,
    ) -> Result<SessionInfo, Error> {
        let store = match user {
            Some(name) => base.act_as(name).await?,
            None => base.clone(),
        };
        // Comments an earlier process imported but did not get to index (SQLite) are indexed
        // while the user works; searches find them meanwhile (see the core's search).
        drop(base.index_pending_comments_in_background());
        // The day's backup of a concept file, beside it (and again when the date changes).
        self.backups.start(&base);
        let session = Session { base, store };
        let info = session.info().await?;
        if let Some(old) = self.session.write().await.replace(session) {
            old.base.close().await;
        }
        // A password in a PostgreSQL URL is not written to disk: the user enters it again (or
        // keeps it in ~/.pgpass).
        let parsed = Location::parse(location);
        if matches!(parsed, Location::File(_)) || parsed.display() == location {
            self.remember(&LastChoice {
                location: location.to_string(),
                user: user.map(str::to_string),
            });
        }
        Ok(info)
    }

    pub async fn switch_user(&self, name: &str) -> Result<SessionInfo, Error> {
        let mut guard = self.session.write().await;
        let session = guard
            .as_mut()
            .ok_or_else(|| Error::not_found(Message::NoConceptOpen))?;
        session.store = session.base.act_as(name).await?;
        let info = session.info().await?;
        let mut last = self.last_choice().unwrap_or_default();
        last.user = Some(name.to_string());
        self.remember(&last);
        Ok(info)
    }

    pub fn last_choice(&self) -> Option<LastChoice> {
        let text = std::fs::read_to_string(self.settings_file.as_ref()?).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Best effort: failing to remember must not fail the action.
    fn remember(&self, choice: &LastChoice) {
        let Some(file) = &self.settings_file else {
            return;
        };
        let result = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::write(
                    file,
                    serde_json::to_string_pretty(choice).unwrap_or_default(),
                )
            });
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not remember the last concept");
        }
    }
}
