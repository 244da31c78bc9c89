//! Users and their roles; what a role may do is decided in `access`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Edits measures where their ministry is lead or co-responsible.
    Member,
    /// Edits everything in the concept, manages editions and documents.
    Drafter,
    /// Manages stakeholder comments.
    Staff,
    /// Everything, including users; may act as another user.
    Admin,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Drafter => "drafter",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "Mitglied der Arbeitsgruppe",
            Role::Drafter => "Redaktion",
            Role::Staff => "Geschäftsstelle",
            Role::Admin => "Administration",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "member" => Role::Member,
            "drafter" => Role::Drafter,
            "staff" => Role::Staff,
            "admin" => Role::Admin,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    /// Abbreviation of the user's ministry (required for members).
    pub ministry: Option<String>,
    pub ministry_id: Option<i64>,
    pub db_login: Option<String>,
    pub active: bool,
}
