// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// UPDATE_BINDINGS=1 cargo test -p konzeptstudio-app bindings

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type ErrorPayload = { code: string, message: string, current_version?: number, field?: string, };

export type Concept = { title: string, short_title: string, leitidee: string, motto: string, 
/**
 * Markdown.
 */
foreword: string, issuer: string, };

export type Ministry = { id: number, abbreviation: string, name: string, valid_from: string | null, valid_to: string | null, 
/**
 * Abbreviation of the successor, if restructured.
 */
successor: string | null, version: number, };

export type Field = { id: number, number: string, title: string, parent: string | null, 
/**
 * Markdown.
 */
intro: string, sort_order: number, version: number, };

export type Goal = { id: number, field: string, text: string, sort_order: number, version: number, };

export type EditionStatus = "entwurf" | "beteiligung" | "ressortabstimmung" | "beschlossen" | "abgeloest";

export type Edition = { id: number, name: string, status: EditionStatus, adopted_on: string | null, note: string, frozen_at: string, frozen_by: string, measure_count: number, version: number, };

export type Status = { key: string, label: string, sort_order: number, is_final: boolean, };

export type BudgetLine = { amount_cents: number, 
/**
 * Haushaltsstelle (Kapitel/Titel).
 */
budget_item: string, 
/**
 * A year ("2018") or a period ("2017–2019").
 */
period: string, note: string, };

export type Indicator = { name: string, unit: string, baseline: number | null, target: number | null, actual: number | null, as_of: string | null, };

export type Milestone = { title: string, due: string | null, done: boolean, };

export type MeasureData = { title: string, 
/**
 * Markdown.
 */
text_long: string, 
/**
 * Markdown.
 */
text_short: string, 
/**
 * Number of the field of action.
 */
field: string, 
/**
 * Code of the parent measure for sub-measures.
 */
parent: string | null, goals: Array<number>, 
/**
 * Abbreviation of the lead ministry (Federführung): exactly one.
 */
lead_ministry: string, 
/**
 * Abbreviations of co-responsible ministries (Beteiligte), sorted, without the lead.
 */
co_ministries: Array<string>, 
/**
 * Partners (free text), in the order shown.
 */
partners: Array<string>, start: string | null, end: string | null, 
/**
 * "fortlaufend": no fixed end.
 */
ongoing: boolean, budget: Array<BudgetLine>, 
/**
 * Key of the status vocabulary.
 */
status: string, 
/**
 * 0..=100.
 */
progress: number, indicators: Array<Indicator>, milestones: Array<Milestone>, 
/**
 * Included in the short version (Kurzfassung).
 */
in_short: boolean, sort_order: number, 
/**
 * Example content (demo data), never presented as the real concept.
 */
illustrative: boolean, };

export type Measure = { id: number, 
/**
 * Stable code, e.g. "3.5.2"; never reused.
 */
code: string, version: number, created_at: string, updated_at: string, title: string, 
/**
 * Markdown.
 */
text_long: string, 
/**
 * Markdown.
 */
text_short: string, 
/**
 * Number of the field of action.
 */
field: string, 
/**
 * Code of the parent measure for sub-measures.
 */
parent: string | null, goals: Array<number>, 
/**
 * Abbreviation of the lead ministry (Federführung): exactly one.
 */
lead_ministry: string, 
/**
 * Abbreviations of co-responsible ministries (Beteiligte), sorted, without the lead.
 */
co_ministries: Array<string>, 
/**
 * Partners (free text), in the order shown.
 */
partners: Array<string>, start: string | null, end: string | null, 
/**
 * "fortlaufend": no fixed end.
 */
ongoing: boolean, budget: Array<BudgetLine>, 
/**
 * Key of the status vocabulary.
 */
status: string, 
/**
 * 0..=100.
 */
progress: number, indicators: Array<Indicator>, milestones: Array<Milestone>, 
/**
 * Included in the short version (Kurzfassung).
 */
in_short: boolean, sort_order: number, 
/**
 * Example content (demo data), never presented as the real concept.
 */
illustrative: boolean, };

export type Role = "member" | "drafter" | "staff" | "admin";

export type User = { id: number, name: string, display_name: string, role: Role, 
/**
 * Abbreviation of the user's ministry (required for members).
 */
ministry: string | null, ministry_id: number | null, db_login: string | null, active: boolean, };

export type EntityType = "concept" | "ministry" | "field" | "goal" | "measure" | "comment" | "user" | "edition";

export type CommentStatus = "neu" | "zugewiesen" | "in-pruefung" | "abgewogen" | "abgeschlossen";

export type Vote = "beruecksichtigt" | "teilweise" | "nicht-beruecksichtigt" | "zur-kenntnis" | "nicht-zustaendig";

export type Comment = { id: number, external_id: string | null, channel: string, 
/**
 * Submitter's name (or None when anonymous or anonymised).
 */
submitter: string | null, organisation: string | null, submitter_type: string | null, received_at: string, 
/**
 * The evidence: exactly as submitted.
 */
text: string, working_text: string, measure: string | null, field: string | null, status: CommentStatus, vote: Vote | null, answer: string | null, assigned_ministry: string | null, cluster_id: number | null, illustrative: boolean, version: number, };

export type ChangeSetInfo = { 
/**
 * Serialised as `changeset_id`: flattened into a revision, a plain `id` would clash with
 * the revision's own.
 */
changeset_id: number, actor: string, at: string, action: string, reason: string | null, comment_id: number | null, };

export type ChangeFeedItem = { 
/**
 * (entity type, id, new version) of every revision in the changeset.
 */
entities: Array<[EntityType, number, number]>, 
/**
 * Serialised as `changeset_id`: flattened into a revision, a plain `id` would clash with
 * the revision's own.
 */
changeset_id: number, actor: string, at: string, action: string, reason: string | null, comment_id: number | null, };

export type Revision = { id: number, entity_type: EntityType, entity_id: number, version: number, op: string, changes: Array<Change>, 
/**
 * Serialised as `changeset_id`: flattened into a revision, a plain `id` would clash with
 * the revision's own.
 */
changeset_id: number, actor: string, at: string, action: string, reason: string | null, comment_id: number | null, };

export type Change = { field: string, old: JsonValue, new: JsonValue, };

export type SegmentKind = "equal" | "insert" | "delete";

export type Segment = { kind: SegmentKind, text: string, };

export type FieldDiff = { field: string, old: JsonValue, new: JsonValue, words: Array<Segment> | null, };

export type MeasureListItem = { id: number, code: string, title: string, field: string, lead_ministry: string, co_ministries: Array<string>, status: string, progress: number, in_short: boolean, budget_cents: number, sort_order: number, version: number, };

export type MeasureFilter = { 
/**
 * Field number; includes its sub-fields.
 */
field: string | null, 
/**
 * Ministry abbreviation, lead or co-responsible.
 */
ministry: string | null, status: string | null, search: string | null, limit: number | null, };

export type MeasureDiff = { code: string, from_version: number, to_version: number, fields: Array<FieldDiff>, };

export type MeasureWrite = { measure: Measure, 
/**
 * False when the new content equalled the stored one: nothing was written.
 */
changed: boolean, };

export type VersionedCode = { code: string, version: number, };

export type BulkChange = { status: string | null, lead_ministry: string | null, };

export type RestructureReport = { from: string, to: string, date: string, measures_lead: Array<string>, measures_co: Array<string>, users: number, comments: number, };

export type SearchHit = { 
/**
 * "measure" or "comment".
 */
kind: string, id: number, 
/**
 * Measure code, or the comment's external id (or "#id").
 */
key: string, title: string, snippet: string, };

export type SearchResults = { query: string, measures: Array<SearchHit>, measure_total: number, comments: Array<SearchHit>, 
/**
 * Capped at [`COUNT_CAP`] + 1.
 */
comment_total: number, };

export type StatusCounts = { 
/**
 * Field number or ministry abbreviation.
 */
key: string, total: number, budget_cents: number, 
/**
 * Status key → count, only statuses that occur.
 */
by_status: { [key in string]: number }, };

export type Overview = { concept: Concept, fields: Array<Field>, statuses: Array<Status>, ministries: Array<Ministry>, measure_count: number, budget_cents: number, 
/**
 * Per field of action including its sub-fields (keyed by the top-level number), in
 * reading order.
 */
by_field: Array<StatusCounts>, 
/**
 * Per lead ministry, by abbreviation.
 */
by_ministry: Array<StatusCounts>, 
/**
 * The newest adopted edition (else the newest frozen one).
 */
current_edition: Edition | null, editions: Array<Edition>, };

export type EditRights = { can_edit: boolean, 
/**
 * Why not, in German, when `can_edit` is false.
 */
reason: string | null, 
/**
 * Lead, co-responsible ministries, field and parent: the drafters' call.
 */
can_change_responsibility: boolean, };

export type LastChoice = { location: string, user: string | null, };

export type SessionInfo = { 
/**
 * File path, or the PostgreSQL URL without its password.
 */
location: string, 
/**
 * "sqlite" (a concept file) or "postgres" (a team database).
 */
dialect: string, 
/**
 * Who is really at the keyboard (OS user or database login).
 */
identity: string, 
/**
 * Whose rights apply and who is recorded in revisions.
 */
actor: User, 
/**
 * Whom the session may switch to (admins may act as anybody).
 */
users: Array<User>, };

export type StartInfo = { 
/**
 * `KONZEPTSTUDIO_DB`, when set: the app opened it directly.
 */
env_db: string | null, last: LastChoice | null, 
/**
 * Where "Demokonzept anlegen" puts the demo concept.
 */
demo_location: string, demo_exists: boolean, session: SessionInfo | null, };

export type ReferenceData = { fields: Array<Field>, goals: Array<Goal>, ministries: Array<Ministry>, statuses: Array<Status>, users: Array<User>, };

export type MeasureView = { measure: Measure, rights: EditRights, };

export type ChangeFeed = { 
/**
 * The newest changeset id: pass it as `after` next time.
 */
latest: number, items: Array<ChangeFeedItem>, };
