//! Who may do what. Pure functions over the acting user and the entity, called by every write
//! path of the store (never only by a UI). The same rules are meant to be mirrored by row-level
//! security on PostgreSQL later; keep them expressible in SQL (ministry and role only).

use crate::error::{Error, Result};
use crate::model::{MeasureData, Role, User};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Structural work: fields of action, goals, ministries, the concept's front matter.
pub fn ensure_can_edit_structure(user: &User) -> Result<()> {
    match user.role {
        Role::Drafter | Role::Admin => Ok(()),
        _ => Err(Error::denied(format!(
            "{} ({}) darf Handlungsfelder, Ziele und Ressorts nicht ändern; das dürfen Redaktion und Administration",
            user.name,
            user.role.label()
        ))),
    }
}

pub fn ensure_can_manage_editions(user: &User) -> Result<()> {
    match user.role {
        Role::Drafter | Role::Admin => Ok(()),
        _ => Err(Error::denied(format!(
            "{} ({}) darf keine Fassungen verwalten; das dürfen Redaktion und Administration",
            user.name,
            user.role.label()
        ))),
    }
}

pub fn ensure_can_manage_users(user: &User) -> Result<()> {
    match user.role {
        Role::Admin => Ok(()),
        _ => Err(Error::denied(format!(
            "{} ({}) darf keine Benutzer verwalten; das darf nur die Administration",
            user.name,
            user.role.label()
        ))),
    }
}

pub fn ensure_can_manage_comments(user: &User) -> Result<()> {
    match user.role {
        Role::Staff | Role::Admin => Ok(()),
        _ => Err(Error::denied(format!(
            "{} ({}) darf Stellungnahmen nicht bearbeiten; das dürfen Geschäftsstelle und Administration",
            user.name,
            user.role.label()
        ))),
    }
}

pub fn ensure_can_create_measure(user: &User) -> Result<()> {
    match user.role {
        Role::Drafter | Role::Admin => Ok(()),
        _ => Err(Error::denied(format!(
            "{} ({}) darf keine Maßnahmen anlegen; das dürfen Redaktion und Administration",
            user.name,
            user.role.label()
        ))),
    }
}

/// Whether `user` may edit a measure whose current state is `current`, and change it to
/// `proposed`. Members edit the measures of their ministry (lead or co-responsible) but cannot
/// move responsibility, the field or the hierarchy: that is the drafters' call.
pub fn ensure_can_edit_measure(
    user: &User,
    code: &str,
    current: &MeasureData,
    proposed: &MeasureData,
) -> Result<()> {
    match user.role {
        Role::Drafter | Role::Admin => Ok(()),
        Role::Staff => Err(Error::denied(format!(
            "{} (Geschäftsstelle) darf Maßnahme {code} nicht ändern",
            user.name
        ))),
        Role::Member => {
            let mine = user.ministry.as_deref().unwrap_or_default();
            let responsible =
                current.lead_ministry == mine || current.co_ministries.iter().any(|m| m == mine);
            if !responsible {
                return Err(Error::denied(format!(
                    "Maßnahme {code} liegt bei {} (beteiligt: {}); {} ({mine}) ist weder federführend noch beteiligt",
                    current.lead_ministry,
                    if current.co_ministries.is_empty() {
                        "keine".to_string()
                    } else {
                        current.co_ministries.join(", ")
                    },
                    user.name
                )));
            }
            if current.lead_ministry != proposed.lead_ministry
                || current.co_ministries != proposed.co_ministries
                || current.field != proposed.field
                || current.parent != proposed.parent
            {
                return Err(Error::denied(format!(
                    "Federführung, Beteiligung, Handlungsfeld und Zuordnung von Maßnahme {code} ändert die Redaktion, nicht {} ({mine})",
                    user.name
                )));
            }
            Ok(())
        }
    }
}

/// What `user` may do with a measure, for screens that show it read-only with the reason
/// instead of failing on save. The store still checks every write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditRights {
    pub can_edit: bool,
    /// Why not, in German, when `can_edit` is false.
    pub reason: Option<String>,
    /// Lead, co-responsible ministries, field and parent: the drafters' call.
    pub can_change_responsibility: bool,
}

pub fn edit_rights(user: &User, code: &str, current: &MeasureData) -> EditRights {
    let unchanged = ensure_can_edit_measure(user, code, current, current);
    EditRights {
        can_edit: unchanged.is_ok(),
        reason: unchanged.err().map(|e| match e {
            Error::PermissionDenied(message) => message,
            other => other.to_string(),
        }),
        can_change_responsibility: matches!(user.role, Role::Drafter | Role::Admin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure_sample;

    fn user(role: Role, ministry: Option<&str>) -> User {
        User {
            id: 1,
            name: "test".into(),
            display_name: "Test".into(),
            role,
            ministry: ministry.map(str::to_string),
            ministry_id: None,
            db_login: None,
            active: true,
        }
    }

    #[test]
    fn rights_say_why_not() {
        let m = measure_sample(); // lead SMWA, co SMS
        let own = edit_rights(&user(Role::Member, Some("SMWA")), "3.5.2", &m);
        assert!(own.can_edit && !own.can_change_responsibility);
        let other = edit_rights(&user(Role::Member, Some("SMK")), "3.5.2", &m);
        assert!(!other.can_edit);
        assert!(
            other
                .reason
                .unwrap()
                .contains("weder federführend noch beteiligt")
        );
        assert!(edit_rights(&user(Role::Drafter, None), "3.5.2", &m).can_change_responsibility);
    }

    #[test]
    fn members_edit_only_their_ministrys_measures() {
        let m = measure_sample(); // lead SMWA, co SMS
        let mut changed = m.clone();
        changed.title.push_str(" (neu)");
        assert!(
            ensure_can_edit_measure(&user(Role::Member, Some("SMWA")), "3.5.2", &m, &changed)
                .is_ok()
        );
        assert!(
            ensure_can_edit_measure(&user(Role::Member, Some("SMS")), "3.5.2", &m, &changed)
                .is_ok()
        );
        let err = ensure_can_edit_measure(&user(Role::Member, Some("SMK")), "3.5.2", &m, &changed)
            .unwrap_err();
        assert_eq!(err.code(), "permission_denied");
        assert!(err.to_string().contains("SMK"));
    }

    #[test]
    fn members_cannot_move_responsibility() {
        let m = measure_sample();
        let mut moved = m.clone();
        moved.lead_ministry = "SMS".into();
        moved.co_ministries = vec!["SMWA".into()];
        assert!(
            ensure_can_edit_measure(&user(Role::Member, Some("SMWA")), "3.5.2", &m, &moved)
                .is_err()
        );
        assert!(ensure_can_edit_measure(&user(Role::Drafter, None), "3.5.2", &m, &moved).is_ok());
    }

    #[test]
    fn roles_for_structure_editions_users_comments() {
        let member = user(Role::Member, Some("SMS"));
        let staff = user(Role::Staff, None);
        let drafter = user(Role::Drafter, None);
        let admin = user(Role::Admin, None);
        assert!(ensure_can_edit_structure(&member).is_err());
        assert!(ensure_can_edit_structure(&drafter).is_ok());
        assert!(ensure_can_manage_editions(&staff).is_err());
        assert!(ensure_can_manage_editions(&drafter).is_ok());
        assert!(ensure_can_manage_users(&drafter).is_err());
        assert!(ensure_can_manage_users(&admin).is_ok());
        assert!(ensure_can_manage_comments(&drafter).is_err());
        assert!(ensure_can_manage_comments(&staff).is_ok());
        assert!(
            ensure_can_edit_measure(&staff, "1", &measure_sample(), &measure_sample()).is_err()
        );
        assert!(ensure_can_create_measure(&member).is_err());
    }
}
