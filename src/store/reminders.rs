//! What the working group's two rounds share: for whom an action is (the actor's own ministry
//! unless one is named), and reminders as texts to send, naming each ministry's open points.
//! Nothing is sent: the working group uses its own mail.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::{Error, Result};

/// The reminder for one ministry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reminder {
    pub ministry: String,
    /// The open points, one line each.
    pub points: Vec<String>,
    /// The whole text, ready to copy.
    pub text: String,
}

impl Reminder {
    /// The letter to `name` (the ministry's full name) about `subject`: `intro` ends with the
    /// colon before the open points; `ask` is what to do.
    pub(crate) fn new(
        ministry: &str,
        name: &str,
        subject: &str,
        intro: &str,
        points: Vec<String>,
        ask: &str,
    ) -> Reminder {
        let mut text = format!(
            "An: {name}\nBetreff: {subject} – Erinnerung\n\nSehr geehrte Damen und Herren,\n\n{intro}\n\n"
        );
        for p in &points {
            text.push_str(&format!("- {p}.\n"));
        }
        text.push_str(&format!("\n{ask}\n\nMit freundlichen Grüßen\n"));
        Reminder {
            ministry: ministry.to_string(),
            points,
            text,
        }
    }
}

impl Store {
    /// `ministry` if given (and not blank), else the acting user's own; `what` says what the
    /// ministry is needed for ("dessen Antwort vermerkt wird").
    pub fn ministry_or_own(&self, ministry: Option<&str>, what: &str) -> Result<String> {
        match ministry.map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => Ok(m.to_string()),
            None => self.actor().ministry.clone().ok_or_else(|| {
                Error::invalid(
                    "ministry",
                    format!(
                        "{} gehört keinem Ressort an; --ministry nennt das Ressort, {what}",
                        self.actor().name
                    ),
                )
            }),
        }
    }
}
