//! Who may do what. Pure functions over the acting user and the entity, called by every write
//! path of the store (never only by a UI). The same rules are meant to be mirrored by row-level
//! security on PostgreSQL later; keep them expressible in SQL (ministry and role only).

use crate::error::{Error, Result};
use crate::messages::{Message, MessageKey};
use crate::model::{MeasureData, Role, User};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Something a user asks to do. The table [`RULES`] says who may.
#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    /// Structural work: fields of action, goals, ministries, the concept's front matter.
    EditStructure,
    ManageEditions,
    ManageUsers,
    /// Assigning, weighing, answering, clustering, importing, anonymising comments.
    ManageComments,
    CreateMeasure,
    /// Proposing a vote and an answer to a comment (members for their ministry's comments:
    /// which comments a member sees is the inbox's visibility rule).
    ProposeAnswer,
    /// Acting as another user (scripts, tests, support).
    ActAs,
    /// Writing a backup: a copy of everything, internal notes and personal data included.
    Backup,
    /// Opening, moving and closing co-signing rounds; settling reservations.
    ManageCosign,
    /// Answering a co-signing round for `ministry` (members for their own ministry; drafters
    /// record an answer received by letter for any).
    AnswerCosign {
        ministry: &'a str,
    },
    /// Opening reporting rounds, reopening a submitted report.
    ManageReports,
    /// Filling in `ministry`'s report form (members for their own ministry; staff for any:
    /// the Excel route).
    FillReport {
        ministry: &'a str,
    },
    /// Submitting `ministry`'s report, which updates its measures (members for their own
    /// ministry; drafters for any).
    SubmitReport {
        ministry: &'a str,
    },
    /// Changing the measure `code` from `current` to `proposed`.
    EditMeasure {
        code: &'a str,
        current: &'a MeasureData,
        proposed: &'a MeasureData,
    },
}

/// An [`Action`] without its data: the table's first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    EditStructure,
    ManageEditions,
    ManageUsers,
    ManageComments,
    CreateMeasure,
    ProposeAnswer,
    ActAs,
    Backup,
    ManageCosign,
    AnswerCosign,
    ManageReports,
    FillReport,
    SubmitReport,
    EditMeasure,
}

impl<'a> Action<'a> {
    /// [`Action::EditMeasure`], short enough for a call site's one line.
    pub fn edit(code: &'a str, current: &'a MeasureData, proposed: &'a MeasureData) -> Self {
        Action::EditMeasure {
            code,
            current,
            proposed,
        }
    }

    /// The ministry an action is for (scope [`Scope::OwnMinistryMembers`]).
    pub fn ministry(&self) -> Option<&'a str> {
        match *self {
            Action::AnswerCosign { ministry }
            | Action::FillReport { ministry }
            | Action::SubmitReport { ministry } => Some(ministry),
            _ => None,
        }
    }

    pub fn kind(&self) -> ActionKind {
        match self {
            Action::EditStructure => ActionKind::EditStructure,
            Action::ManageEditions => ActionKind::ManageEditions,
            Action::ManageUsers => ActionKind::ManageUsers,
            Action::ManageComments => ActionKind::ManageComments,
            Action::CreateMeasure => ActionKind::CreateMeasure,
            Action::ProposeAnswer => ActionKind::ProposeAnswer,
            Action::ActAs => ActionKind::ActAs,
            Action::Backup => ActionKind::Backup,
            Action::ManageCosign => ActionKind::ManageCosign,
            Action::AnswerCosign { .. } => ActionKind::AnswerCosign,
            Action::ManageReports => ActionKind::ManageReports,
            Action::FillReport { .. } => ActionKind::FillReport,
            Action::SubmitReport { .. } => ActionKind::SubmitReport,
            Action::EditMeasure { .. } => ActionKind::EditMeasure,
        }
    }
}

/// Who besides the listed roles may, for one entity: what row-level security will test against
/// the row's ministry columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Nobody else.
    Roles,
    /// Members whose ministry is the measure's lead or one of its co-responsible ministries,
    /// as long as lead, co-responsibility, field and parent stay as they are (the drafters'
    /// call, [`MessageKey::MeasureResponsibilityReserved`]).
    ResponsibleMembers,
    /// Members for their own ministry.
    OwnMinistryMembers,
}

/// One row of the permission table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub action: ActionKind,
    /// Roles allowed on every entity.
    pub roles: &'static [Role],
    /// Who else, on their own entities.
    pub scope: Scope,
    /// The denial for everybody else.
    pub denied: MessageKey,
}

/// The permission table: action → roles allowed → message key. The one place that says who
/// may do what; PostgreSQL row-level security is to mirror it (roles and ministry only).
pub const RULES: [Rule; 14] = [
    Rule {
        action: ActionKind::EditStructure,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::StructureDenied,
    },
    Rule {
        action: ActionKind::ManageEditions,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::EditionsDenied,
    },
    Rule {
        action: ActionKind::ManageUsers,
        roles: &[Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::UsersDenied,
    },
    Rule {
        action: ActionKind::ManageComments,
        roles: &[Role::Staff, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::CommentsDenied,
    },
    Rule {
        action: ActionKind::CreateMeasure,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::CreateMeasureDenied,
    },
    Rule {
        action: ActionKind::ProposeAnswer,
        roles: &[Role::Member, Role::Staff, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::ProposalsDenied,
    },
    Rule {
        action: ActionKind::ActAs,
        roles: &[Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::ActAsDenied,
    },
    Rule {
        action: ActionKind::Backup,
        roles: &[Role::Staff, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::BackupDenied,
    },
    Rule {
        action: ActionKind::ManageCosign,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::CosignDenied,
    },
    Rule {
        action: ActionKind::AnswerCosign,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::OwnMinistryMembers,
        denied: MessageKey::CosignAnswerDenied,
    },
    Rule {
        action: ActionKind::ManageReports,
        roles: &[Role::Staff, Role::Admin],
        scope: Scope::Roles,
        denied: MessageKey::ReportsDenied,
    },
    Rule {
        action: ActionKind::FillReport,
        roles: &[Role::Staff, Role::Admin],
        scope: Scope::OwnMinistryMembers,
        denied: MessageKey::ReportFillDenied,
    },
    Rule {
        action: ActionKind::SubmitReport,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::OwnMinistryMembers,
        denied: MessageKey::ReportSubmitDenied,
    },
    Rule {
        action: ActionKind::EditMeasure,
        roles: &[Role::Drafter, Role::Admin],
        scope: Scope::ResponsibleMembers,
        denied: MessageKey::MeasureNotEditable,
    },
];

/// The table's row for `action`.
pub fn rule(action: ActionKind) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.action == action)
        .expect("every ActionKind has a row in RULES")
}

/// Whether `user` may do `action`; the denial names who, what, and who may instead.
pub fn ensure(user: &User, action: Action<'_>) -> Result<()> {
    let rule = rule(action.kind());
    if rule.roles.contains(&user.role) {
        return Ok(());
    }
    if let (
        Scope::ResponsibleMembers,
        Role::Member,
        Action::EditMeasure {
            code,
            current,
            proposed,
        },
    ) = (rule.scope, user.role, action)
    {
        let mine = user.ministry.as_deref().unwrap_or_default();
        let responsible =
            current.lead_ministry == mine || current.co_ministries.iter().any(|m| m == mine);
        if !responsible {
            return Err(Error::denied(Message::MeasureNotResponsible {
                code: code.to_string(),
                lead: current.lead_ministry.clone(),
                co: current.co_ministries.clone(),
                user: user.name.clone(),
                ministry: mine.to_string(),
            }));
        }
        if current.lead_ministry != proposed.lead_ministry
            || current.co_ministries != proposed.co_ministries
            || current.field != proposed.field
            || current.parent != proposed.parent
        {
            return Err(Error::denied(Message::MeasureResponsibilityReserved {
                code: code.to_string(),
                user: user.name.clone(),
                ministry: mine.to_string(),
            }));
        }
        return Ok(());
    }
    if let (Scope::OwnMinistryMembers, Role::Member, Some(ministry)) =
        (rule.scope, user.role, action.ministry())
        && user.ministry.as_deref() == Some(ministry)
    {
        return Ok(());
    }
    Err(Error::denied(denial(rule.denied, user, &action)))
}

/// The message of a table row's key for `user`.
fn denial(key: MessageKey, user: &User, action: &Action<'_>) -> Message {
    let (name, role) = (user.name.clone(), user.role);
    match key {
        MessageKey::StructureDenied => Message::StructureDenied { user: name, role },
        MessageKey::EditionsDenied => Message::EditionsDenied { user: name, role },
        MessageKey::UsersDenied => Message::UsersDenied { user: name, role },
        MessageKey::CommentsDenied => Message::CommentsDenied { user: name, role },
        MessageKey::CreateMeasureDenied => Message::CreateMeasureDenied { user: name, role },
        MessageKey::ProposalsDenied => Message::ProposalsDenied { user: name, role },
        MessageKey::ActAsDenied => Message::ActAsDenied { user: name, role },
        MessageKey::BackupDenied => Message::BackupDenied { user: name, role },
        MessageKey::CosignDenied => Message::CosignDenied { user: name, role },
        MessageKey::CosignAnswerDenied => Message::CosignAnswerDenied {
            user: name,
            role,
            ministry: action.ministry().unwrap_or_default().to_string(),
        },
        MessageKey::ReportsDenied => Message::ReportsDenied { user: name, role },
        MessageKey::ReportFillDenied => Message::ReportFillDenied {
            user: name,
            role,
            ministry: action.ministry().unwrap_or_default().to_string(),
        },
        MessageKey::ReportSubmitDenied => Message::ReportSubmitDenied {
            user: name,
            role,
            ministry: action.ministry().unwrap_or_default().to_string(),
        },
        MessageKey::MeasureNotEditable => Message::MeasureNotEditable {
            user: name,
            role,
            code: match action {
                Action::EditMeasure { code, .. } => code.to_string(),
                _ => String::new(),
            },
        },
        other => unreachable!("{other:?} is no denial of the permission table"),
    }
}

/// What `user` may do with a measure, for screens that show it read-only with the reason
/// instead of failing on save. The store still checks every write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditRights {
    pub can_edit: bool,
    /// Why not, in German, when `can_edit` is false.
    pub reason: Option<String>,
    /// Why not, as a message for the UI's catalogue.
    pub denial: Option<Message>,
    /// Lead, co-responsible ministries, field and parent: the drafters' call.
    pub can_change_responsibility: bool,
}

pub fn edit_rights(user: &User, code: &str, current: &MeasureData) -> EditRights {
    let unchanged = ensure(
        user,
        Action::EditMeasure {
            code,
            current,
            proposed: current,
        },
    );
    let denial = unchanged.err().map(|e| e.message());
    EditRights {
        can_edit: denial.is_none(),
        reason: denial.as_ref().map(Message::to_string),
        denial,
        can_change_responsibility: rule(ActionKind::EditMeasure).roles.contains(&user.role),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure_sample;

    fn ensure_can_edit_measure(
        user: &User,
        code: &str,
        current: &MeasureData,
        proposed: &MeasureData,
    ) -> Result<()> {
        ensure(
            user,
            Action::EditMeasure {
                code,
                current,
                proposed,
            },
        )
    }

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
        assert!(ensure(&member, Action::EditStructure).is_err());
        assert!(ensure(&drafter, Action::EditStructure).is_ok());
        assert!(ensure(&staff, Action::ManageEditions).is_err());
        assert!(ensure(&drafter, Action::ManageEditions).is_ok());
        assert!(ensure(&drafter, Action::ManageUsers).is_err());
        assert!(ensure(&admin, Action::ManageUsers).is_ok());
        assert!(ensure(&drafter, Action::ManageComments).is_err());
        assert!(ensure(&staff, Action::ManageComments).is_ok());
        assert!(
            ensure_can_edit_measure(&staff, "1", &measure_sample(), &measure_sample()).is_err()
        );
        assert!(ensure(&member, Action::CreateMeasure).is_err());
        assert!(ensure(&drafter, Action::ProposeAnswer).is_err());
        assert!(ensure(&member, Action::ProposeAnswer).is_ok());
        assert!(ensure(&staff, Action::ProposeAnswer).is_ok());
        assert!(ensure(&drafter, Action::ActAs).is_err());
        assert!(ensure(&admin, Action::ActAs).is_ok());
        assert_eq!(
            ensure(&drafter, Action::ActAs).unwrap_err().to_string(),
            "Keine Berechtigung: nur die Administration darf als anderer Benutzer handeln (test ist Redaktion)"
        );
    }

    #[test]
    fn members_answer_a_cosigning_round_for_their_own_ministry_only() {
        let sms = user(Role::Member, Some("SMS"));
        assert!(ensure(&sms, Action::AnswerCosign { ministry: "SMS" }).is_ok());
        let err = ensure(&sms, Action::AnswerCosign { ministry: "SMK" }).unwrap_err();
        assert_eq!(err.exit_code(), 4);
        assert!(
            err.to_string().contains("nicht für SMK mitzeichnen"),
            "{err}"
        );
        // Drafters record an answer received by letter; staff do not answer.
        assert!(
            ensure(
                &user(Role::Drafter, Some("SMS")),
                Action::AnswerCosign { ministry: "SMK" }
            )
            .is_ok()
        );
        assert!(
            ensure(
                &user(Role::Staff, Some("SMS")),
                Action::AnswerCosign { ministry: "SMS" }
            )
            .is_err()
        );
        assert!(ensure(&sms, Action::ManageCosign).is_err());
    }

    #[test]
    fn every_action_has_one_row() {
        use ActionKind as K;
        for kind in [
            K::EditStructure,
            K::ManageEditions,
            K::ManageUsers,
            K::ManageComments,
            K::CreateMeasure,
            K::ProposeAnswer,
            K::ActAs,
            K::Backup,
            K::ManageCosign,
            K::AnswerCosign,
            K::ManageReports,
            K::FillReport,
            K::SubmitReport,
            K::EditMeasure,
        ] {
            assert_eq!(
                RULES.iter().filter(|r| r.action == kind).count(),
                1,
                "{kind:?}"
            );
        }
    }

    /// Every row denies with its own key, for every role it does not list.
    #[test]
    fn every_row_denies_with_its_key() {
        let m = measure_sample();
        for rule in &RULES {
            let action = match rule.action {
                ActionKind::EditStructure => Action::EditStructure,
                ActionKind::ManageEditions => Action::ManageEditions,
                ActionKind::ManageUsers => Action::ManageUsers,
                ActionKind::ManageComments => Action::ManageComments,
                ActionKind::CreateMeasure => Action::CreateMeasure,
                ActionKind::ProposeAnswer => Action::ProposeAnswer,
                ActionKind::ActAs => Action::ActAs,
                ActionKind::Backup => Action::Backup,
                ActionKind::ManageCosign => Action::ManageCosign,
                ActionKind::AnswerCosign => Action::AnswerCosign { ministry: "SMK" },
                ActionKind::ManageReports => Action::ManageReports,
                ActionKind::FillReport => Action::FillReport { ministry: "SMK" },
                ActionKind::SubmitReport => Action::SubmitReport { ministry: "SMK" },
                ActionKind::EditMeasure => Action::edit("3.5.2", &m, &m),
            };
            for role in [Role::Member, Role::Drafter, Role::Staff, Role::Admin] {
                // A member of no ministry: the scope grants nothing.
                let result = ensure(&user(role, None), action);
                if rule.roles.contains(&role) {
                    assert!(result.is_ok(), "{:?} {role:?}", rule.action);
                    continue;
                }
                let err = result.unwrap_err();
                assert_eq!(err.code(), "permission_denied");
                if rule.scope == Scope::Roles || role != Role::Member {
                    assert_eq!(
                        MessageKey::from(&err.message()),
                        rule.denied,
                        "{:?} {role:?}",
                        rule.action
                    );
                }
            }
        }
    }

    #[test]
    fn denials_keep_their_wording_and_key() {
        let member = user(Role::Member, Some("SMS"));
        let err = ensure(&member, Action::EditStructure).unwrap_err();
        assert_eq!(err.message().key(), "structure_denied");
        assert_eq!(
            err.to_string(),
            "Keine Berechtigung: test (Mitglied der Arbeitsgruppe) darf Handlungsfelder, Ziele und Ressorts nicht ändern; das dürfen Redaktion und Administration"
        );
        let staff = user(Role::Staff, None);
        let m = measure_sample();
        let err = ensure_can_edit_measure(&staff, "3.5.2", &m, &m).unwrap_err();
        assert_eq!(
            err.message(),
            Message::MeasureNotEditable {
                user: "test".into(),
                role: Role::Staff,
                code: "3.5.2".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "Keine Berechtigung: test (Geschäftsstelle) darf Maßnahme 3.5.2 nicht ändern"
        );
        let mut moved = m.clone();
        moved.field = "3.1".into();
        let err = ensure_can_edit_measure(&user(Role::Member, Some("SMWA")), "3.5.2", &m, &moved)
            .unwrap_err();
        assert_eq!(err.message().key(), "measure_responsibility_reserved");
        let rights = edit_rights(&user(Role::Member, Some("SMK")), "3.5.2", &m);
        assert_eq!(
            rights.denial.map(|d| d.key()),
            Some("measure_not_responsible")
        );
    }
}
