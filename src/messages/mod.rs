//! What the core has to say to a user, as a stable key with parameters: errors, permission
//! denials. The core never builds the sentence; the edges do, each from its catalogue: the CLI
//! and the IPC payload's `message` from [`de`], the UI from `ui/src/messages.ts` (which gets
//! the [`Message`] type and the key list through the generated bindings). A second language, or
//! another wording on one screen, changes a catalogue, not the core.
//!
//! A key is part of the contract with the UI: rename one only together with both catalogues
//! (the completeness tests on both sides fail otherwise).

pub mod de;

use crate::model::{CommentStatus, CosignResult, EditionStatus, FormState, Role};
use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumIter, IntoEnumIterator, IntoStaticStr};
use ts_rs::TS;

/// One message: `{"key": "...", "params": {...}}` on the wire. Variants without parameters
/// have no `params`. Parameters are values, never sentences (ministries, codes, numbers,
/// names), except in [`Message::Text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, EnumDiscriminants)]
#[serde(tag = "key", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(MessageKey),
    derive(EnumIter, IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
pub enum Message {
    /// Free text the core could not (yet) say as a key: a parser's explanation embedding the
    /// input, or a message of a module still being converted. Rendered as it is.
    Text {
        text: String,
    },

    // --- permissions (access.rs) ---
    StructureDenied {
        user: String,
        role: Role,
    },
    EditionsDenied {
        user: String,
        role: Role,
    },
    UsersDenied {
        user: String,
        role: Role,
    },
    CommentsDenied {
        user: String,
        role: Role,
    },
    CreateMeasureDenied {
        user: String,
        role: Role,
    },
    /// A role that may not edit measures at all (staff).
    MeasureNotEditable {
        user: String,
        role: Role,
        code: String,
    },
    /// A member whose ministry is neither lead nor co-responsible.
    MeasureNotResponsible {
        code: String,
        lead: String,
        co: Vec<String>,
        user: String,
        ministry: String,
    },
    /// A member changing lead, co-responsibility, field or parent.
    MeasureResponsibilityReserved {
        code: String,
        user: String,
        ministry: String,
    },

    // --- the store ---
    /// A measure's message, prefixed with where it came from (adopting a document).
    AtMeasure {
        code: String,
        place: String,
        message: Box<Message>,
    },

    // --- opening a concept (store/open.rs, store/mod.rs) ---
    ForeignDatabase,
    FileExists {
        path: String,
    },
    ConceptExists {
        location: String,
    },

    // --- users and identity (store/open.rs, store/mod.rs, store/users.rs) ---
    UnknownUser {
        user: String,
    },
    UnknownDbLogin {
        login: String,
    },
    UserDeactivated {
        user: String,
    },
    UserNotFound {
        user: String,
    },
    ActAsDenied {
        user: String,
        role: Role,
    },
    UserNameInvalid,
    MemberNeedsMinistry,
    UserExists {
        user: String,
    },
    DbLoginTaken {
        login: String,
    },
    CannotDeactivateSelf,

    // --- the team database's own rules (store/team.rs, store/open.rs, store/users.rs) ---
    /// `users add` on a team database: the login must exist on the server first.
    DbLoginMissing {
        login: String,
    },
    /// A login without the rights to read the concept (no group role yet).
    DbLoginWithoutRights {
        login: String,
    },
    /// The schema is older than the program and the login is not the owner's.
    SchemaUpdateNeeded {
        found: i64,
        supported: i64,
        owner: String,
    },
    NoConceptInDatabase {
        location: String,
    },
    TeamNeedsPostgres,
    TeamSetupNeedsOwner {
        login: String,
        owner: String,
    },
    TeamDatabaseNameTooLong {
        database: String,
    },
    TeamRoleIsLogin {
        role: String,
    },
    /// The database refused (missing privilege, row-level security, the team rules' triggers).
    DatabaseDenied {
        detail: String,
    },

    // --- concept, fields, goals (store/concept.rs, store/fields.rs, store/adopt.rs, store/rows.rs) ---
    ConceptTitleMissing,
    ReasonRequired,
    TitleEmpty,
    FieldNotFound {
        number: String,
    },
    GoalNotFound {
        id: i64,
    },
    FieldNumberAndTitleMissing,
    FieldExists {
        number: String,
    },
    FieldNumberIsMeasureCode {
        number: String,
    },
    GoalTextMissing,
    NoFieldRecognised {
        source: String,
    },
    InvalidDate {
        value: String,
    },

    // --- ministries (store/ministries.rs) ---
    MinistryNotFound {
        abbreviation: String,
    },
    MinistryDissolved {
        abbreviation: String,
    },
    MinistrySucceeded {
        abbreviation: String,
        successor: String,
    },
    AbbreviationInvalid,
    MinistryNameMissing,
    MinistryExists {
        abbreviation: String,
    },
    OwnSuccessor,
    RestructureTooEarly {
        ministry: String,
        valid_from: String,
    },

    // --- comments (store/triage.rs, store/inbox.rs, store/privacy.rs, store/changes.rs) ---
    CommentNotFound {
        id: i64,
    },
    NameNotFound {
        name: String,
    },
    NoCommentsGiven,
    AnswerEmpty {
        id: i64,
    },
    CommentNotAssigned {
        id: i64,
        status: CommentStatus,
    },
    CommentHasNoVote {
        id: i64,
        status: CommentStatus,
    },
    ProposalsDenied {
        user: String,
        role: Role,
    },
    CommentAlreadyWeighed {
        id: i64,
    },
    MeasureVersionNotFound {
        code: String,
        version: i64,
    },
    AssigneeUnfit {
        name: String,
    },
    CommentClosed {
        id: i64,
    },
    RejectionNeedsAnswer,
    NoPersonalData {
        id: i64,
    },

    // --- clusters and templates (store/clusters.rs, store/templates.rs) ---
    ThresholdRange,
    NotInCluster {
        cluster: i64,
    },
    ClusterKeepsOne,
    MergeNeedsTwo,
    ClusterNotFound {
        cluster: i64,
    },
    UnknownPlaceholder {
        name: String,
        known: Vec<String>,
    },
    TemplateTitleMissing,
    TemplateBodyMissing,
    TemplateExists {
        title: String,
    },
    TemplateNotFound {
        id: i64,
    },

    // --- a missing concept file (store/open.rs) ---
    NoConceptFile {
        path: String,
    },
    /// A concept file on a network share (`kind`: "SMB/CIFS", `\\server\share`, "Z:"):
    /// opened for one person at a time; a shared concept belongs in the team database.
    NetworkShare {
        path: String,
        kind: String,
    },
    /// A concept file on a network share that another program (another person) holds.
    ShareInUse {
        path: String,
        kind: String,
    },
    /// The team database's server cannot be reached (`server`: host and port).
    ServerUnreachable {
        server: String,
        detail: String,
    },
    /// The connection to the database broke during a step; `server` is empty where it is not
    /// known.
    ConnectionLost {
        server: String,
        detail: String,
    },

    // --- measures, comments, editions: ready for the lead's rewrite (store/measures.rs, store/comments.rs, store/editions.rs still say these as text) ---
    MeasureNotFound {
        code: String,
    },
    /// Not part of the concept at that moment (`when` as documents say it): not created yet,
    /// or removed by then.
    MeasureNotAsOf {
        code: String,
        when: String,
    },
    MeasureIdNotFound {
        id: i64,
    },
    ParentIsSelf,
    ParentNotFound {
        parent: String,
    },
    ParentIsChild {
        parent: String,
        code: String,
    },
    StatusNotFound {
        status: String,
        known: Vec<String>,
    },
    MeasureCodeExists {
        code: String,
    },
    CodeIsFieldNumber {
        code: String,
    },
    InvalidMeasureCode {
        code: String,
    },
    NoChangeGiven,
    MeasureVersionMissing {
        code: String,
        version: i64,
        current: i64,
    },
    MeasureHasChildren {
        code: String,
        children: Vec<String>,
    },
    CommentTextEmpty,
    EditionNotFound {
        name: String,
    },
    EditionNameInvalid,
    EditionExists {
        name: String,
    },
    AdoptionDateMissing,

    // --- reading files (import/table.rs, import/columns.rs, import/concept, workbook, export.rs) ---
    NotAChoice {
        value: String,
        choices: Vec<String>,
    },
    NotUtf8 {
        byte: String,
    },
    HeaderQuoteOpen {
        line: u64,
    },
    CsvUnreadable {
        detail: String,
    },
    XlsxUnreadable {
        detail: String,
    },
    XlsxNoSheet,
    NoTextColumn {
        headers: Vec<String>,
    },
    ColumnNotFound {
        name: String,
        headers: Vec<String>,
    },
    MappingInvalid {
        pair: String,
    },
    UnknownTarget {
        target: String,
        known: Vec<String>,
    },
    NothingRecognised {
        name: String,
    },
    FileUnreadable {
        name: String,
        detail: String,
    },
    NotWordFile {
        name: String,
        reason: String,
    },
    CellTooLong {
        code: String,
        column: String,
    },
    WorkbookProblems {
        count: u64,
        file: String,
    },
    WorkbookRowsDenied {
        count: u64,
        file: String,
        rows: Vec<u64>,
    },

    // --- documents (render/) ---
    SynopsisPdfOnly,
    SynopsisNeedsTwoEditions,
    NotAFolderName {
        path: String,
    },
    OutIsLink {
        path: String,
    },
    OutNotAFolder {
        path: String,
    },
    OutNotEmpty {
        path: String,
        marker: String,
    },
    OutHasForeign {
        path: String,
        foreign: String,
    },

    // --- a measure's content (model/measure.rs) ---
    TextHasNul,
    TitleTooLong {
        max: u64,
    },
    ProgressRange,
    EndBeforeStart {
        start: String,
        end: String,
    },
    OngoingHasEnd,
    LeadIsCo {
        ministry: String,
    },
    AmountNegative,
    IndicatorNameMissing,
    MilestoneTitleMissing,

    // --- the desktop shell's own (src-tauri) ---
    SynopsisNeedsOlder,
    SynopsisNeedsNewer,
    WebIsLongOnly,
    /// The web edition prints the current state or an edition, not an earlier moment.
    WebNotAsOf,
    OpenOnlyFrom {
        folder: String,
    },
    UploadIncomplete {
        detail: String,
    },
    NotADay {
        value: String,
    },
    ChannelMissing,
    MeasuresFormat {
        format: String,
    },

    // --- the desktop shell ---
    NoConceptOpen,

    // --- the audit chain (store/audit.rs) ---
    AuditHeadFormat {
        value: String,
    },
    AuditContentChanged {
        changeset: i64,
        at: String,
        action: String,
    },
    AuditLinkBroken {
        changeset: i64,
    },
    AuditChangesetMissing {
        changeset: i64,
        seq: i64,
    },
    AuditLinkMissing {
        seq: i64,
        after: i64,
    },
    AuditUnlinked {
        changeset: i64,
    },
    AuditHeadMismatch {
        seq: i64,
        changeset: i64,
    },
    AuditExpectedHeadDiffers {
        changeset: i64,
    },
    AuditExpectedHeadMissing {
        changeset: i64,
    },

    // --- the error type's own (error.rs) ---
    Conflict {
        entity: String,
        expected: i64,
        current: i64,
    },
    SchemaTooNew {
        found: i64,
        supported: i64,
    },
    Database {
        detail: String,
    },
    Migration {
        detail: String,
    },
    Io {
        detail: String,
    },
    Internal {
        detail: String,
    },
    /// A unique constraint the core did not check beforehand.
    UniqueViolation {
        constraint: String,
    },
    /// NUL (or another character PostgreSQL refuses) in a text.
    InvalidCharacter,

    // --- co-signing rounds (store/cosign) ---
    CosignDenied {
        user: String,
        role: Role,
    },
    /// Answering for a ministry that is not one's own (members), or as staff.
    CosignAnswerDenied {
        user: String,
        role: Role,
        ministry: String,
    },
    CosignRoundMissing {
        round: i64,
    },
    /// `closed_at` as the German date and time, if known.
    CosignRoundClosed {
        round: i64,
        closed_at: Option<String>,
    },
    /// A round goes out on a draft with status „Ressortabstimmung“.
    CosignNeedsDraft {
        edition: String,
        status: EditionStatus,
    },
    CosignDueMissing,
    /// One round at a time.
    CosignRoundStillOpen {
        round: i64,
    },
    /// The draft has no measures, and no ministries were named.
    CosignNoneAsked,
    /// A text says the conditions, the reservation or the reasons.
    CosignTextMissing {
        result: CosignResult,
    },
    CosignNotAsked {
        ministry: String,
        round: i64,
        asked: Vec<String>,
    },
    /// One answer per ministry and draft; `answered_at` as the German date and time.
    CosignAlreadyAnswered {
        ministry: String,
        edition: String,
        result: CosignResult,
        answered_at: String,
        answered_by: String,
    },
    CosignMeasureNotInDraft {
        code: String,
        edition: String,
    },
    CosignSettlementMissing,
    CosignNoReservation {
        ministry: String,
        round: i64,
        edition: String,
    },
    CosignAlreadySettled {
        ministry: String,
        settlement: String,
    },
    /// Closing is refused while a reservation is not settled.
    CosignReservationsOpen {
        round: i64,
        ministries: Vec<String>,
    },
    /// Closing is refused while a required ministry has not answered.
    CosignRequiredMissing {
        ministries: Vec<String>,
    },
    /// Closing is refused while answers are missing, unless the drafters close without them.
    CosignAnswersMissing {
        round: i64,
        ministries: Vec<String>,
    },
    /// Two members of one ministry answered at once; the other was first.
    CosignAnsweredMeanwhile {
        ministry: String,
    },

    // --- reporting rounds (store/reports) ---
    ReportsDenied {
        user: String,
        role: Role,
    },
    ReportFillDenied {
        user: String,
        role: Role,
        ministry: String,
    },
    ReportSubmitDenied {
        user: String,
        role: Role,
        ministry: String,
    },
    ReportRoundMissing {
        round: i64,
    },
    /// A submitted report is locked; `cutoff` and `submitted_at` as German dates.
    ReportLocked {
        round: i64,
        ministry: String,
        cutoff: String,
        submitted_at: Option<String>,
    },
    ReportDueBeforeCutoff {
        due: String,
        cutoff: String,
    },
    /// The concept has no measures, and no ministries were named.
    ReportNoneAsked,
    ReportCutoffTaken {
        cutoff: String,
        round: i64,
    },
    /// The measure is in no form of the round (unknown, or its lead was not asked).
    ReportMeasureNotInRound {
        code: String,
        round: i64,
    },
    /// `value` is the unknown status as given; `allowed` the concept's status keys.
    ReportStatusUnknown {
        code: String,
        value: String,
        allowed: Vec<String>,
    },
    ReportProgressRange {
        code: String,
        progress: i64,
    },
    ReportIndicatorUnknown {
        code: String,
        name: String,
        present: Vec<String>,
    },
    ReportMilestoneUnknown {
        code: String,
        title: String,
    },
    ReportNotAsked {
        ministry: String,
        round: i64,
    },
    ReportReasonMissing,
    /// Only a submitted report can be reopened.
    ReportNotSubmitted {
        ministry: String,
        state: FormState,
    },

    // --- backups, restores and copies (store/transfer) ---
    BackupDenied {
        user: String,
        role: Role,
    },
    BackupMissing {
        path: String,
    },
    BackupNotSqlite {
        path: String,
    },
    BackupTruncated {
        path: String,
        size: i64,
        expected: i64,
    },
    BackupDamaged {
        path: String,
        detail: String,
    },
    BackupNotConcept {
        path: String,
    },
    BackupWithoutManifest {
        path: String,
    },
    BackupTableMissing {
        path: String,
        table: String,
    },
    BackupRowsDiffer {
        path: String,
        table: String,
        expected: i64,
        found: i64,
    },
    BackupContentDiffers {
        path: String,
        table: String,
    },
    BackupOverConcept {
        path: String,
    },
    BackupExists {
        path: String,
    },
    JournalBeside {
        path: String,
    },
    TargetExists {
        path: String,
    },
    TargetNotAFile {
        path: String,
    },
    TargetNotEmpty {
        location: String,
        tables: i64,
        example: String,
    },
    TransferHeadDiffers {
        source: String,
        target: String,
    },
    TransferRowsDiffer {
        table: String,
        source: i64,
        target: i64,
    },
    LoginMappingFormat {
        value: String,
    },
    LoginsOnlyForPostgres,
    LoginsMissing {
        users: Vec<String>,
    },
    LoginActorMissing {
        login: String,
    },
    DailyBackupsFileOnly,
    DailyBackupsKeepRange {
        max: i64,
    },
}

impl Message {
    /// The stable key, as on the wire.
    pub fn key(&self) -> &'static str {
        MessageKey::from(self).into()
    }

    pub fn text(text: impl Into<String>) -> Self {
        Message::Text { text: text.into() }
    }
}

/// Every key, in declaration order: what both catalogues must cover.
pub fn keys() -> Vec<&'static str> {
    MessageKey::iter().map(<&'static str>::from).collect()
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&de::text(self))
    }
}

/// Free text becomes [`Message::Text`]: keeps `Error::invalid(field, format!(…))` compiling in
/// modules not converted yet; prefer a key.
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text { text }
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::text(text)
    }
}

/// One message of every key with sample parameters: the catalogue tests render them all, and
/// the UI's test compares its rendering with [`de`]'s (`ui/src/ipc/message-samples.json`).
pub fn samples() -> Vec<Message> {
    use Message as M;
    let user = || "Anna Beispiel".to_string();
    vec![
        M::text("Zeile 3: Spalte „Datum“ fehlt"),
        M::StructureDenied {
            user: user(),
            role: Role::Member,
        },
        M::EditionsDenied {
            user: user(),
            role: Role::Staff,
        },
        M::UsersDenied {
            user: user(),
            role: Role::Drafter,
        },
        M::CommentsDenied {
            user: user(),
            role: Role::Drafter,
        },
        M::CreateMeasureDenied {
            user: user(),
            role: Role::Member,
        },
        M::MeasureNotEditable {
            user: user(),
            role: Role::Staff,
            code: "3.5-2".into(),
        },
        M::MeasureNotResponsible {
            code: "3.5-2".into(),
            lead: "SMWA".into(),
            co: vec!["SMS".into(), "SMK".into()],
            user: user(),
            ministry: "SMI".into(),
        },
        M::MeasureNotResponsible {
            code: "3.5-2".into(),
            lead: "SMWA".into(),
            co: vec![],
            user: user(),
            ministry: "SMI".into(),
        },
        M::MeasureResponsibilityReserved {
            code: "3.5-2".into(),
            user: user(),
            ministry: "SMWA".into(),
        },
        M::AtMeasure {
            code: "3.5-1".into(),
            place: "Absatz 14".into(),
            message: Box::new(M::text("der Titel fehlt")),
        },
        M::ForeignDatabase,
        M::FileExists {
            path: "/home/anna/zik.konzept".into(),
        },
        M::ConceptExists {
            location: "postgres://konzept@db/zik".into(),
        },
        M::UnknownUser {
            user: "anna".into(),
        },
        M::UnknownDbLogin {
            login: "anna_b".into(),
        },
        M::UserDeactivated {
            user: "anna".into(),
        },
        M::UserNotFound {
            user: "anna".into(),
        },
        M::ActAsDenied {
            user: "anna".into(),
            role: Role::Drafter,
        },
        M::UserNameInvalid,
        M::MemberNeedsMinistry,
        M::UserExists {
            user: "anna".into(),
        },
        M::DbLoginTaken {
            login: "anna_b".into(),
        },
        M::CannotDeactivateSelf,
        M::DbLoginMissing {
            login: "anna_b".into(),
        },
        M::DbLoginWithoutRights {
            login: "anna_b".into(),
        },
        M::SchemaUpdateNeeded {
            found: 5,
            supported: 6,
            owner: "zik_owner".into(),
        },
        M::NoConceptInDatabase {
            location: "postgres://anna_b@db/zik".into(),
        },
        M::TeamNeedsPostgres,
        M::TeamSetupNeedsOwner {
            login: "anna_b".into(),
            owner: "zik_owner".into(),
        },
        M::TeamDatabaseNameTooLong {
            database: "zik".into(),
        },
        M::TeamRoleIsLogin {
            role: "konzeptstudio_zik_member".into(),
        },
        M::DatabaseDenied {
            detail: "permission denied for table revisions".into(),
        },
        M::ConceptTitleMissing,
        M::ReasonRequired,
        M::TitleEmpty,
        M::FieldNotFound {
            number: "3.9".into(),
        },
        M::GoalNotFound { id: 17 },
        M::FieldNumberAndTitleMissing,
        M::FieldExists {
            number: "3.5".into(),
        },
        M::FieldNumberIsMeasureCode {
            number: "3.5-2".into(),
        },
        M::GoalTextMissing,
        M::NoFieldRecognised {
            source: "konzept.docx".into(),
        },
        M::InvalidDate {
            value: "31.02.2026".into(),
        },
        M::MinistryNotFound {
            abbreviation: "SMX".into(),
        },
        M::MinistryDissolved {
            abbreviation: "SMGI".into(),
        },
        M::MinistrySucceeded {
            abbreviation: "SMGI".into(),
            successor: "SMS".into(),
        },
        M::AbbreviationInvalid,
        M::MinistryNameMissing,
        M::MinistryExists {
            abbreviation: "SMS".into(),
        },
        M::OwnSuccessor,
        M::RestructureTooEarly {
            ministry: "SMS".into(),
            valid_from: "2020-01-01".into(),
        },
        M::CommentNotFound { id: 42 },
        M::AuditHeadFormat {
            value: "12:abc".into(),
        },
        M::AuditContentChanged {
            changeset: 17,
            at: "2026-12-02T10:00:00.000Z".into(),
            action: "measure.update".into(),
        },
        M::AuditLinkBroken { changeset: 17 },
        M::AuditChangesetMissing {
            changeset: 17,
            seq: 16,
        },
        M::AuditLinkMissing { seq: 17, after: 16 },
        M::AuditUnlinked { changeset: 17 },
        M::AuditHeadMismatch {
            seq: 18,
            changeset: 17,
        },
        M::AuditExpectedHeadDiffers { changeset: 17 },
        M::AuditExpectedHeadMissing { changeset: 17 },
        M::NameNotFound { name: "SMX".into() },
        M::NoCommentsGiven,
        M::AnswerEmpty { id: 42 },
        M::CommentNotAssigned {
            id: 42,
            status: CommentStatus::InPruefung,
        },
        M::CommentHasNoVote {
            id: 42,
            status: CommentStatus::Abgewogen,
        },
        M::ProposalsDenied {
            user: "anna".into(),
            role: Role::Drafter,
        },
        M::CommentAlreadyWeighed { id: 42 },
        M::MeasureVersionNotFound {
            code: "3.5-2".into(),
            version: 9,
        },
        M::AssigneeUnfit {
            name: "anna".into(),
        },
        M::CommentClosed { id: 42 },
        M::RejectionNeedsAnswer,
        M::NoPersonalData { id: 42 },
        M::ThresholdRange,
        M::NotInCluster { cluster: 7 },
        M::ClusterKeepsOne,
        M::MergeNeedsTwo,
        M::ClusterNotFound { cluster: 7 },
        M::UnknownPlaceholder {
            name: "Anrede".into(),
            known: vec!["{name}".into(), "{datum}".into()],
        },
        M::TemplateTitleMissing,
        M::TemplateBodyMissing,
        M::TemplateExists {
            title: "Dank".into(),
        },
        M::TemplateNotFound { id: 3 },
        M::NoConceptFile {
            path: "/home/anna/zik.konzept".into(),
        },
        M::NetworkShare {
            path: r"\\fileserver\Ressorts\zik.konzept".into(),
            kind: r"\\fileserver\Ressorts".into(),
        },
        M::ShareInUse {
            path: "/mnt/ressorts/zik.konzept".into(),
            kind: "SMB/CIFS".into(),
        },
        M::ServerUnreachable {
            server: "db.land.de:5432".into(),
            detail: "Verbindung abgelehnt".into(),
        },
        M::ConnectionLost {
            server: "db.land.de:5432".into(),
            detail: "Verbindung vom Server beendet".into(),
        },
        M::MeasureNotFound {
            code: "3.5-9".into(),
        },
        M::MeasureNotAsOf {
            code: "3.5-2".into(),
            when: "31.12.2019".into(),
        },
        M::MeasureIdNotFound { id: 99 },
        M::ParentIsSelf,
        M::ParentNotFound {
            parent: "3.5-9".into(),
        },
        M::ParentIsChild {
            parent: "3.5-2.1".into(),
            code: "3.5-2".into(),
        },
        M::StatusNotFound {
            status: "fertig".into(),
            known: vec!["geplant".into(), "in-umsetzung".into()],
        },
        M::MeasureCodeExists {
            code: "3.5-2".into(),
        },
        M::CodeIsFieldNumber { code: "3.5".into() },
        M::InvalidMeasureCode {
            code: "3.5 2".into(),
        },
        M::NoChangeGiven,
        M::MeasureVersionMissing {
            code: "3.5-2".into(),
            version: 9,
            current: 4,
        },
        M::MeasureHasChildren {
            code: "3.5-2".into(),
            children: vec!["3.5-2.1".into(), "3.5-2.2".into()],
        },
        M::CommentTextEmpty,
        M::EditionNotFound {
            name: "ZIK III".into(),
        },
        M::EditionNameInvalid,
        M::EditionExists {
            name: "ZIK II".into(),
        },
        M::AdoptionDateMissing,
        M::NotAChoice {
            value: "ods".into(),
            choices: vec!["csv".into(), "xlsx".into(), "pdf".into()],
        },
        M::NotUtf8 { byte: "FC".into() },
        M::HeaderQuoteOpen { line: 1 },
        M::CsvUnreadable {
            detail: "invalid UTF-8".into(),
        },
        M::XlsxUnreadable {
            detail: "invalid zip header".into(),
        },
        M::XlsxNoSheet,
        M::NoTextColumn {
            headers: vec!["Datum".into(), "Name".into()],
        },
        M::ColumnNotFound {
            name: "Inhalt".into(),
            headers: vec!["Datum".into(), "Text".into()],
        },
        M::MappingInvalid {
            pair: "text".into(),
        },
        M::UnknownTarget {
            target: "inhalt".into(),
            known: vec!["text".into(), "date".into()],
        },
        M::NothingRecognised {
            name: "konzept.docx".into(),
        },
        M::FileUnreadable {
            name: "konzept.docx".into(),
            detail: "Zugriff verweigert".into(),
        },
        M::NotWordFile {
            name: "konzept.docx".into(),
            reason: "die Datei ist kein ZIP-Archiv".into(),
        },
        M::CellTooLong {
            code: "3.5-2".into(),
            column: "Langtext".into(),
        },
        M::WorkbookProblems {
            count: 3,
            file: "massnahmen.xlsx".into(),
        },
        M::WorkbookRowsDenied {
            count: 2,
            file: "massnahmen.xlsx".into(),
            rows: vec![4, 7],
        },
        M::SynopsisPdfOnly,
        M::SynopsisNeedsTwoEditions,
        M::NotAFolderName { path: "/".into() },
        M::OutIsLink { path: "web".into() },
        M::OutNotAFolder { path: "web".into() },
        M::OutNotEmpty {
            path: "web".into(),
            marker: ".konzeptstudio-webfassung".into(),
        },
        M::OutHasForeign {
            path: "web".into(),
            foreign: "notizen.txt".into(),
        },
        M::TextHasNul,
        M::TitleTooLong { max: 500 },
        M::ProgressRange,
        M::EndBeforeStart {
            start: "2026-01-01".into(),
            end: "2025-12-31".into(),
        },
        M::OngoingHasEnd,
        M::LeadIsCo {
            ministry: "SMWA".into(),
        },
        M::AmountNegative,
        M::IndicatorNameMissing,
        M::MilestoneTitleMissing,
        M::SynopsisNeedsOlder,
        M::SynopsisNeedsNewer,
        M::WebIsLongOnly,
        M::WebNotAsOf,
        M::OpenOnlyFrom {
            folder: "/home/anna/Dokumente/Konzeptstudio".into(),
        },
        M::UploadIncomplete {
            detail: "Invalid symbol 45, offset 3.".into(),
        },
        M::NotADay {
            value: "morgen".into(),
        },
        M::ChannelMissing,
        M::MeasuresFormat {
            format: "pdf".into(),
        },
        M::NoConceptOpen,
        M::Conflict {
            entity: "Maßnahme 3.5-2".into(),
            expected: 3,
            current: 4,
        },
        M::SchemaTooNew {
            found: 9,
            supported: 8,
        },
        M::Database {
            detail: "pool timed out".into(),
        },
        M::Migration {
            detail: "checksum mismatch".into(),
        },
        M::Io {
            detail: "Zugriff verweigert".into(),
        },
        M::Internal {
            detail: "snapshot: missing field".into(),
        },
        M::UniqueViolation {
            constraint: "measures_code_key".into(),
        },
        M::InvalidCharacter,
        M::CosignDenied {
            user: user(),
            role: Role::Member,
        },
        M::CosignAnswerDenied {
            user: user(),
            role: Role::Member,
            ministry: "SMK".into(),
        },
        M::ReportsDenied {
            user: user(),
            role: Role::Member,
        },
        M::ReportFillDenied {
            user: user(),
            role: Role::Member,
            ministry: "SMK".into(),
        },
        M::ReportSubmitDenied {
            user: user(),
            role: Role::Staff,
            ministry: "SMK".into(),
        },
        M::CosignRoundMissing { round: 7 },
        M::CosignRoundClosed {
            round: 7,
            closed_at: Some("03.12.2026, 10:15".into()),
        },
        M::CosignNeedsDraft {
            edition: "Entwurf 2026".into(),
            status: EditionStatus::Entwurf,
        },
        M::CosignDueMissing,
        M::CosignRoundStillOpen { round: 7 },
        M::CosignNoneAsked,
        M::CosignTextMissing {
            result: CosignResult::Massgaben,
        },
        M::CosignNotAsked {
            ministry: "SMI".into(),
            round: 7,
            asked: vec!["SMS".into(), "SMK".into()],
        },
        M::CosignAlreadyAnswered {
            ministry: "SMK".into(),
            edition: "Entwurf 2026".into(),
            result: CosignResult::Vorbehalt,
            answered_at: "03.12.2026, 10:15".into(),
            answered_by: user(),
        },
        M::CosignMeasureNotInDraft {
            code: "3.5-2".into(),
            edition: "Entwurf 2026".into(),
        },
        M::CosignSettlementMissing,
        M::CosignNoReservation {
            ministry: "SMK".into(),
            round: 7,
            edition: "Entwurf 2026".into(),
        },
        M::CosignAlreadySettled {
            ministry: "SMF".into(),
            settlement: "Finanzierung im Haushalt 2027 gesichert".into(),
        },
        M::CosignReservationsOpen {
            round: 7,
            ministries: vec!["SMF".into()],
        },
        M::CosignRequiredMissing {
            ministries: vec!["SMF".into()],
        },
        M::CosignAnswersMissing {
            round: 7,
            ministries: vec!["SMI".into(), "SMJus".into()],
        },
        M::CosignAnsweredMeanwhile {
            ministry: "SMK".into(),
        },
        M::ReportRoundMissing { round: 3 },
        M::ReportLocked {
            round: 3,
            ministry: "SMS".into(),
            cutoff: "31.12.2026".into(),
            submitted_at: Some("15.01.2027, 09:30".into()),
        },
        M::ReportDueBeforeCutoff {
            due: "30.12.2026".into(),
            cutoff: "31.12.2026".into(),
        },
        M::ReportNoneAsked,
        M::ReportCutoffTaken {
            cutoff: "31.12.2026".into(),
            round: 3,
        },
        M::ReportMeasureNotInRound {
            code: "9.9-9".into(),
            round: 3,
        },
        M::ReportStatusUnknown {
            code: "3.5-2".into(),
            value: "fertig".into(),
            allowed: vec!["geplant".into(), "umgesetzt".into()],
        },
        M::ReportProgressRange {
            code: "3.5-2".into(),
            progress: 150,
        },
        M::ReportIndicatorUnknown {
            code: "3.5-2".into(),
            name: "Kurse".into(),
            present: vec!["Teilnehmende".into()],
        },
        M::ReportMilestoneUnknown {
            code: "3.5-2".into(),
            title: "Auftakt".into(),
        },
        M::ReportNotAsked {
            ministry: "SMI".into(),
            round: 3,
        },
        M::ReportReasonMissing,
        M::ReportNotSubmitted {
            ministry: "SMS".into(),
            state: FormState::Entwurf,
        },
        M::BackupDenied {
            user: user(),
            role: Role::Member,
        },
        M::BackupMissing {
            path: "/sicherung/zik.sqlite".into(),
        },
        M::BackupNotSqlite {
            path: "zik.docx".into(),
        },
        M::BackupTruncated {
            path: "zik.sqlite".into(),
            size: 40_960,
            expected: 81_920,
        },
        M::BackupDamaged {
            path: "zik.sqlite".into(),
            detail: "database disk image is malformed".into(),
        },
        M::BackupNotConcept {
            path: "fremd.sqlite".into(),
        },
        M::BackupWithoutManifest {
            path: "zik.sqlite".into(),
        },
        M::BackupTableMissing {
            path: "zik.sqlite".into(),
            table: "comments".into(),
        },
        M::BackupRowsDiffer {
            path: "zik.sqlite".into(),
            table: "comments".into(),
            expected: 1_200,
            found: 1_199,
        },
        M::BackupContentDiffers {
            path: "zik.sqlite".into(),
            table: "measures".into(),
        },
        M::BackupOverConcept {
            path: "zik.sqlite".into(),
        },
        M::BackupExists {
            path: "sicherung.sqlite".into(),
        },
        M::JournalBeside {
            path: "sicherung.sqlite-journal".into(),
        },
        M::TargetExists {
            path: "zik.sqlite".into(),
        },
        M::TargetNotAFile {
            path: "/sicherungen/".into(),
        },
        M::TargetNotEmpty {
            location: "postgres://zik@db/zik".into(),
            tables: 3,
            example: "kunden".into(),
        },
        M::TransferHeadDiffers {
            source: "812:ab12".into(),
            target: "811:cd34".into(),
        },
        M::TransferRowsDiffer {
            table: "comments".into(),
            source: 1_200,
            target: 1_199,
        },
        M::LoginMappingFormat {
            value: "anna".into(),
        },
        M::LoginsOnlyForPostgres,
        M::LoginsMissing {
            users: vec!["anna".into(), "ben".into()],
        },
        M::LoginActorMissing {
            login: "postgres".into(),
        },
        M::DailyBackupsFileOnly,
        M::DailyBackupsKeepRange { max: 366 },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn samples_cover_every_key() {
        let sampled: BTreeSet<&str> = samples().iter().map(Message::key).collect();
        let all: BTreeSet<&str> = keys().into_iter().collect();
        assert_eq!(sampled, all, "add a sample for each new key");
    }

    #[test]
    fn wire_key_is_the_stable_key() {
        for m in samples() {
            let json = serde_json::to_value(&m).unwrap();
            assert_eq!(json["key"], m.key(), "serde and strum disagree on {m:?}");
            let back: Message = serde_json::from_value(json).unwrap();
            assert_eq!(back, m);
        }
    }

    /// Every sample renders, and says each of its parameters (enums such as a role are said
    /// by their German label, a nested message by its text).
    #[test]
    fn every_key_renders_with_its_parameters() {
        for m in samples() {
            let text = de::text(&m);
            assert!(!text.trim().is_empty(), "{} renders empty", m.key());
            let json = serde_json::to_value(&m).unwrap();
            let Some(params) = json.get("params").and_then(|p| p.as_object()) else {
                continue;
            };
            for (name, value) in params {
                let said: Vec<String> = match value {
                    serde_json::Value::String(s)
                        if !matches!(name.as_str(), "role" | "status" | "result" | "state") =>
                    {
                        vec![s.clone()]
                    }
                    // Large numbers are said in German (40.960).
                    serde_json::Value::Number(n) => match n.as_f64() {
                        Some(f) if !text.contains(&n.to_string()) => {
                            vec![crate::format::number(f)]
                        }
                        _ => vec![n.to_string()],
                    },
                    serde_json::Value::Array(items) => items
                        .iter()
                        .filter_map(|i| i.as_str().map(str::to_string))
                        .collect(),
                    _ => vec![],
                };
                for s in said {
                    assert!(
                        text.contains(&s),
                        "{} does not say {name} = {s}: {text}",
                        m.key()
                    );
                }
            }
        }
    }

    #[test]
    fn parameters_are_on_the_wire() {
        let m = Message::MeasureNotResponsible {
            code: "3.5-2".into(),
            lead: "SMWA".into(),
            co: vec!["SMS".into()],
            user: "test".into(),
            ministry: "SMK".into(),
        };
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            serde_json::json!({"key": "measure_not_responsible", "params": {
                "code": "3.5-2", "lead": "SMWA", "co": ["SMS"], "user": "test", "ministry": "SMK"
            }})
        );
        assert_eq!(
            serde_json::to_value(Message::InvalidCharacter).unwrap(),
            serde_json::json!({"key": "invalid_character"})
        );
    }
}
