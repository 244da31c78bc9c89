// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// UPDATE_BINDINGS=1 cargo test -p konzeptstudio-app bindings

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type Message = { "key": "text", "params": { text: string, } } | { "key": "structure_denied", "params": { user: string, role: Role, } } | { "key": "editions_denied", "params": { user: string, role: Role, } } | { "key": "users_denied", "params": { user: string, role: Role, } } | { "key": "comments_denied", "params": { user: string, role: Role, } } | { "key": "create_measure_denied", "params": { user: string, role: Role, } } | { "key": "measure_not_editable", "params": { user: string, role: Role, code: string, } } | { "key": "measure_not_responsible", "params": { code: string, lead: string, co: Array<string>, user: string, ministry: string, } } | { "key": "measure_responsibility_reserved", "params": { code: string, user: string, ministry: string, } } | { "key": "at_measure", "params": { code: string, place: string, message: Message, } } | { "key": "foreign_database" } | { "key": "file_exists", "params": { path: string, } } | { "key": "concept_exists", "params": { location: string, } } | { "key": "unknown_user", "params": { user: string, } } | { "key": "unknown_db_login", "params": { login: string, } } | { "key": "user_deactivated", "params": { user: string, } } | { "key": "user_not_found", "params": { user: string, } } | { "key": "act_as_denied", "params": { user: string, role: Role, } } | { "key": "user_name_invalid" } | { "key": "member_needs_ministry" } | { "key": "user_exists", "params": { user: string, } } | { "key": "db_login_taken", "params": { login: string, } } | { "key": "cannot_deactivate_self" } | { "key": "db_login_missing", "params": { login: string, } } | { "key": "db_login_without_rights", "params": { login: string, } } | { "key": "schema_update_needed", "params": { found: number, supported: number, owner: string, } } | { "key": "no_concept_in_database", "params": { location: string, } } | { "key": "team_needs_postgres" } | { "key": "team_setup_needs_owner", "params": { login: string, owner: string, } } | { "key": "team_database_name_too_long", "params": { database: string, } } | { "key": "team_role_is_login", "params": { role: string, } } | { "key": "database_denied", "params": { detail: string, } } | { "key": "concept_title_missing" } | { "key": "reason_required" } | { "key": "title_empty" } | { "key": "field_not_found", "params": { number: string, } } | { "key": "goal_not_found", "params": { id: number, } } | { "key": "field_number_and_title_missing" } | { "key": "field_exists", "params": { number: string, } } | { "key": "field_number_is_measure_code", "params": { number: string, } } | { "key": "goal_text_missing" } | { "key": "no_field_recognised", "params": { source: string, } } | { "key": "invalid_date", "params": { value: string, } } | { "key": "ministry_not_found", "params": { abbreviation: string, } } | { "key": "ministry_dissolved", "params": { abbreviation: string, } } | { "key": "ministry_succeeded", "params": { abbreviation: string, successor: string, } } | { "key": "abbreviation_invalid" } | { "key": "ministry_name_missing" } | { "key": "ministry_exists", "params": { abbreviation: string, } } | { "key": "own_successor" } | { "key": "restructure_too_early", "params": { ministry: string, valid_from: string, } } | { "key": "comment_not_found", "params": { id: number, } } | { "key": "name_not_found", "params": { name: string, } } | { "key": "no_comments_given" } | { "key": "answer_empty", "params": { id: number, } } | { "key": "comment_not_assigned", "params": { id: number, status: CommentStatus, } } | { "key": "comment_has_no_vote", "params": { id: number, status: CommentStatus, } } | { "key": "proposals_denied", "params": { user: string, role: Role, } } | { "key": "comment_already_weighed", "params": { id: number, } } | { "key": "measure_version_not_found", "params": { code: string, version: number, } } | { "key": "assignee_unfit", "params": { name: string, } } | { "key": "comment_closed", "params": { id: number, } } | { "key": "rejection_needs_answer" } | { "key": "no_personal_data", "params": { id: number, } } | { "key": "threshold_range" } | { "key": "not_in_cluster", "params": { cluster: number, } } | { "key": "cluster_keeps_one" } | { "key": "merge_needs_two" } | { "key": "cluster_not_found", "params": { cluster: number, } } | { "key": "unknown_placeholder", "params": { name: string, known: Array<string>, } } | { "key": "template_title_missing" } | { "key": "template_body_missing" } | { "key": "template_exists", "params": { title: string, } } | { "key": "template_not_found", "params": { id: number, } } | { "key": "no_concept_file", "params": { path: string, } } | { "key": "network_share", "params": { path: string, kind: string, } } | { "key": "share_in_use", "params": { path: string, kind: string, } } | { "key": "server_unreachable", "params": { server: string, detail: string, } } | { "key": "connection_lost", "params": { server: string, detail: string, } } | { "key": "measure_not_found", "params": { code: string, } } | { "key": "measure_not_as_of", "params": { code: string, when: string, } } | { "key": "measure_id_not_found", "params": { id: number, } } | { "key": "parent_is_self" } | { "key": "parent_not_found", "params": { parent: string, } } | { "key": "parent_is_child", "params": { parent: string, code: string, } } | { "key": "status_not_found", "params": { status: string, known: Array<string>, } } | { "key": "measure_code_exists", "params": { code: string, } } | { "key": "code_is_field_number", "params": { code: string, } } | { "key": "invalid_measure_code", "params": { code: string, } } | { "key": "no_change_given" } | { "key": "measure_version_missing", "params": { code: string, version: number, current: number, } } | { "key": "measure_has_children", "params": { code: string, children: Array<string>, } } | { "key": "comment_text_empty" } | { "key": "edition_not_found", "params": { name: string, } } | { "key": "edition_name_invalid" } | { "key": "edition_exists", "params": { name: string, } } | { "key": "adoption_date_missing" } | { "key": "not_a_choice", "params": { value: string, choices: Array<string>, } } | { "key": "not_utf8", "params": { byte: string, } } | { "key": "header_quote_open", "params": { line: number, } } | { "key": "csv_unreadable", "params": { detail: string, } } | { "key": "xlsx_unreadable", "params": { detail: string, } } | { "key": "xlsx_no_sheet" } | { "key": "no_text_column", "params": { headers: Array<string>, } } | { "key": "column_not_found", "params": { name: string, headers: Array<string>, } } | { "key": "mapping_invalid", "params": { pair: string, } } | { "key": "unknown_target", "params": { target: string, known: Array<string>, } } | { "key": "nothing_recognised", "params": { name: string, } } | { "key": "file_unreadable", "params": { name: string, detail: string, } } | { "key": "not_word_file", "params": { name: string, reason: string, } } | { "key": "cell_too_long", "params": { code: string, column: string, } } | { "key": "workbook_problems", "params": { count: number, file: string, } } | { "key": "workbook_rows_denied", "params": { count: number, file: string, rows: Array<number>, } } | { "key": "synopsis_pdf_only" } | { "key": "synopsis_needs_two_editions" } | { "key": "not_a_folder_name", "params": { path: string, } } | { "key": "out_is_link", "params": { path: string, } } | { "key": "out_not_a_folder", "params": { path: string, } } | { "key": "out_not_empty", "params": { path: string, marker: string, } } | { "key": "out_has_foreign", "params": { path: string, foreign: string, } } | { "key": "text_has_nul" } | { "key": "title_too_long", "params": { max: number, } } | { "key": "progress_range" } | { "key": "end_before_start", "params": { start: string, end: string, } } | { "key": "ongoing_has_end" } | { "key": "lead_is_co", "params": { ministry: string, } } | { "key": "amount_negative" } | { "key": "indicator_name_missing" } | { "key": "milestone_title_missing" } | { "key": "synopsis_needs_older" } | { "key": "synopsis_needs_newer" } | { "key": "web_is_long_only" } | { "key": "web_not_as_of" } | { "key": "open_only_from", "params": { folder: string, } } | { "key": "upload_incomplete", "params": { detail: string, } } | { "key": "not_a_day", "params": { value: string, } } | { "key": "channel_missing" } | { "key": "measures_format", "params": { format: string, } } | { "key": "no_concept_open" } | { "key": "audit_head_format", "params": { value: string, } } | { "key": "audit_content_changed", "params": { changeset: number, at: string, action: string, } } | { "key": "audit_link_broken", "params": { changeset: number, } } | { "key": "audit_changeset_missing", "params": { changeset: number, seq: number, } } | { "key": "audit_link_missing", "params": { seq: number, after: number, } } | { "key": "audit_unlinked", "params": { changeset: number, } } | { "key": "audit_head_mismatch", "params": { seq: number, changeset: number, } } | { "key": "audit_expected_head_differs", "params": { changeset: number, } } | { "key": "audit_expected_head_missing", "params": { changeset: number, } } | { "key": "conflict", "params": { entity: string, expected: number, current: number, } } | { "key": "schema_too_new", "params": { found: number, supported: number, } } | { "key": "database", "params": { detail: string, } } | { "key": "migration", "params": { detail: string, } } | { "key": "io", "params": { detail: string, } } | { "key": "internal", "params": { detail: string, } } | { "key": "unique_violation", "params": { constraint: string, } } | { "key": "invalid_character" } | { "key": "cosign_denied", "params": { user: string, role: Role, } } | { "key": "cosign_answer_denied", "params": { user: string, role: Role, ministry: string, } } | { "key": "cosign_round_missing", "params": { round: number, } } | { "key": "cosign_round_closed", "params": { round: number, closed_at: string | null, } } | { "key": "cosign_needs_draft", "params": { edition: string, status: EditionStatus, } } | { "key": "cosign_due_missing" } | { "key": "cosign_round_still_open", "params": { round: number, } } | { "key": "cosign_none_asked" } | { "key": "cosign_text_missing", "params": { result: CosignResult, } } | { "key": "cosign_not_asked", "params": { ministry: string, round: number, asked: Array<string>, } } | { "key": "cosign_already_answered", "params": { ministry: string, edition: string, result: CosignResult, answered_at: string, answered_by: string, } } | { "key": "cosign_measure_not_in_draft", "params": { code: string, edition: string, } } | { "key": "cosign_settlement_missing" } | { "key": "cosign_no_reservation", "params": { ministry: string, round: number, edition: string, } } | { "key": "cosign_already_settled", "params": { ministry: string, settlement: string, } } | { "key": "cosign_reservations_open", "params": { round: number, ministries: Array<string>, } } | { "key": "cosign_required_missing", "params": { ministries: Array<string>, } } | { "key": "cosign_answers_missing", "params": { round: number, ministries: Array<string>, } } | { "key": "cosign_answered_meanwhile", "params": { ministry: string, } } | { "key": "reports_denied", "params": { user: string, role: Role, } } | { "key": "report_fill_denied", "params": { user: string, role: Role, ministry: string, } } | { "key": "report_submit_denied", "params": { user: string, role: Role, ministry: string, } } | { "key": "report_round_missing", "params": { round: number, } } | { "key": "report_locked", "params": { round: number, ministry: string, cutoff: string, submitted_at: string | null, } } | { "key": "report_due_before_cutoff", "params": { due: string, cutoff: string, } } | { "key": "report_none_asked" } | { "key": "report_cutoff_taken", "params": { cutoff: string, round: number, } } | { "key": "report_measure_not_in_round", "params": { code: string, round: number, } } | { "key": "report_status_unknown", "params": { code: string, value: string, allowed: Array<string>, } } | { "key": "report_progress_range", "params": { code: string, progress: number, } } | { "key": "report_indicator_unknown", "params": { code: string, name: string, present: Array<string>, } } | { "key": "report_milestone_unknown", "params": { code: string, title: string, } } | { "key": "report_not_asked", "params": { ministry: string, round: number, } } | { "key": "report_reason_missing" } | { "key": "report_not_submitted", "params": { ministry: string, state: FormState, } } | { "key": "backup_denied", "params": { user: string, role: Role, } } | { "key": "backup_missing", "params": { path: string, } } | { "key": "backup_not_sqlite", "params": { path: string, } } | { "key": "backup_truncated", "params": { path: string, size: number, expected: number, } } | { "key": "backup_damaged", "params": { path: string, detail: string, } } | { "key": "backup_not_concept", "params": { path: string, } } | { "key": "backup_without_manifest", "params": { path: string, } } | { "key": "backup_table_missing", "params": { path: string, table: string, } } | { "key": "backup_rows_differ", "params": { path: string, table: string, expected: number, found: number, } } | { "key": "backup_content_differs", "params": { path: string, table: string, } } | { "key": "backup_over_concept", "params": { path: string, } } | { "key": "backup_exists", "params": { path: string, } } | { "key": "journal_beside", "params": { path: string, } } | { "key": "target_exists", "params": { path: string, } } | { "key": "target_not_a_file", "params": { path: string, } } | { "key": "target_not_empty", "params": { location: string, tables: number, example: string, } } | { "key": "transfer_head_differs", "params": { source: string, target: string, } } | { "key": "transfer_rows_differ", "params": { table: string, source: number, target: number, } } | { "key": "login_mapping_format", "params": { value: string, } } | { "key": "logins_only_for_postgres" } | { "key": "logins_missing", "params": { users: Array<string>, } } | { "key": "login_actor_missing", "params": { login: string, } } | { "key": "daily_backups_file_only" } | { "key": "daily_backups_keep_range", "params": { max: number, } };

export type ErrorPayload = { code: string, message: string, current_version?: number, field?: string, } & ({ "key": "text", "params": { text: string, } } | { "key": "structure_denied", "params": { user: string, role: Role, } } | { "key": "editions_denied", "params": { user: string, role: Role, } } | { "key": "users_denied", "params": { user: string, role: Role, } } | { "key": "comments_denied", "params": { user: string, role: Role, } } | { "key": "create_measure_denied", "params": { user: string, role: Role, } } | { "key": "measure_not_editable", "params": { user: string, role: Role, code: string, } } | { "key": "measure_not_responsible", "params": { code: string, lead: string, co: Array<string>, user: string, ministry: string, } } | { "key": "measure_responsibility_reserved", "params": { code: string, user: string, ministry: string, } } | { "key": "at_measure", "params": { code: string, place: string, message: Message, } } | { "key": "foreign_database" } | { "key": "file_exists", "params": { path: string, } } | { "key": "concept_exists", "params": { location: string, } } | { "key": "unknown_user", "params": { user: string, } } | { "key": "unknown_db_login", "params": { login: string, } } | { "key": "user_deactivated", "params": { user: string, } } | { "key": "user_not_found", "params": { user: string, } } | { "key": "act_as_denied", "params": { user: string, role: Role, } } | { "key": "user_name_invalid" } | { "key": "member_needs_ministry" } | { "key": "user_exists", "params": { user: string, } } | { "key": "db_login_taken", "params": { login: string, } } | { "key": "cannot_deactivate_self" } | { "key": "db_login_missing", "params": { login: string, } } | { "key": "db_login_without_rights", "params": { login: string, } } | { "key": "schema_update_needed", "params": { found: number, supported: number, owner: string, } } | { "key": "no_concept_in_database", "params": { location: string, } } | { "key": "team_needs_postgres" } | { "key": "team_setup_needs_owner", "params": { login: string, owner: string, } } | { "key": "team_database_name_too_long", "params": { database: string, } } | { "key": "team_role_is_login", "params": { role: string, } } | { "key": "database_denied", "params": { detail: string, } } | { "key": "concept_title_missing" } | { "key": "reason_required" } | { "key": "title_empty" } | { "key": "field_not_found", "params": { number: string, } } | { "key": "goal_not_found", "params": { id: number, } } | { "key": "field_number_and_title_missing" } | { "key": "field_exists", "params": { number: string, } } | { "key": "field_number_is_measure_code", "params": { number: string, } } | { "key": "goal_text_missing" } | { "key": "no_field_recognised", "params": { source: string, } } | { "key": "invalid_date", "params": { value: string, } } | { "key": "ministry_not_found", "params": { abbreviation: string, } } | { "key": "ministry_dissolved", "params": { abbreviation: string, } } | { "key": "ministry_succeeded", "params": { abbreviation: string, successor: string, } } | { "key": "abbreviation_invalid" } | { "key": "ministry_name_missing" } | { "key": "ministry_exists", "params": { abbreviation: string, } } | { "key": "own_successor" } | { "key": "restructure_too_early", "params": { ministry: string, valid_from: string, } } | { "key": "comment_not_found", "params": { id: number, } } | { "key": "name_not_found", "params": { name: string, } } | { "key": "no_comments_given" } | { "key": "answer_empty", "params": { id: number, } } | { "key": "comment_not_assigned", "params": { id: number, status: CommentStatus, } } | { "key": "comment_has_no_vote", "params": { id: number, status: CommentStatus, } } | { "key": "proposals_denied", "params": { user: string, role: Role, } } | { "key": "comment_already_weighed", "params": { id: number, } } | { "key": "measure_version_not_found", "params": { code: string, version: number, } } | { "key": "assignee_unfit", "params": { name: string, } } | { "key": "comment_closed", "params": { id: number, } } | { "key": "rejection_needs_answer" } | { "key": "no_personal_data", "params": { id: number, } } | { "key": "threshold_range" } | { "key": "not_in_cluster", "params": { cluster: number, } } | { "key": "cluster_keeps_one" } | { "key": "merge_needs_two" } | { "key": "cluster_not_found", "params": { cluster: number, } } | { "key": "unknown_placeholder", "params": { name: string, known: Array<string>, } } | { "key": "template_title_missing" } | { "key": "template_body_missing" } | { "key": "template_exists", "params": { title: string, } } | { "key": "template_not_found", "params": { id: number, } } | { "key": "no_concept_file", "params": { path: string, } } | { "key": "network_share", "params": { path: string, kind: string, } } | { "key": "share_in_use", "params": { path: string, kind: string, } } | { "key": "server_unreachable", "params": { server: string, detail: string, } } | { "key": "connection_lost", "params": { server: string, detail: string, } } | { "key": "measure_not_found", "params": { code: string, } } | { "key": "measure_not_as_of", "params": { code: string, when: string, } } | { "key": "measure_id_not_found", "params": { id: number, } } | { "key": "parent_is_self" } | { "key": "parent_not_found", "params": { parent: string, } } | { "key": "parent_is_child", "params": { parent: string, code: string, } } | { "key": "status_not_found", "params": { status: string, known: Array<string>, } } | { "key": "measure_code_exists", "params": { code: string, } } | { "key": "code_is_field_number", "params": { code: string, } } | { "key": "invalid_measure_code", "params": { code: string, } } | { "key": "no_change_given" } | { "key": "measure_version_missing", "params": { code: string, version: number, current: number, } } | { "key": "measure_has_children", "params": { code: string, children: Array<string>, } } | { "key": "comment_text_empty" } | { "key": "edition_not_found", "params": { name: string, } } | { "key": "edition_name_invalid" } | { "key": "edition_exists", "params": { name: string, } } | { "key": "adoption_date_missing" } | { "key": "not_a_choice", "params": { value: string, choices: Array<string>, } } | { "key": "not_utf8", "params": { byte: string, } } | { "key": "header_quote_open", "params": { line: number, } } | { "key": "csv_unreadable", "params": { detail: string, } } | { "key": "xlsx_unreadable", "params": { detail: string, } } | { "key": "xlsx_no_sheet" } | { "key": "no_text_column", "params": { headers: Array<string>, } } | { "key": "column_not_found", "params": { name: string, headers: Array<string>, } } | { "key": "mapping_invalid", "params": { pair: string, } } | { "key": "unknown_target", "params": { target: string, known: Array<string>, } } | { "key": "nothing_recognised", "params": { name: string, } } | { "key": "file_unreadable", "params": { name: string, detail: string, } } | { "key": "not_word_file", "params": { name: string, reason: string, } } | { "key": "cell_too_long", "params": { code: string, column: string, } } | { "key": "workbook_problems", "params": { count: number, file: string, } } | { "key": "workbook_rows_denied", "params": { count: number, file: string, rows: Array<number>, } } | { "key": "synopsis_pdf_only" } | { "key": "synopsis_needs_two_editions" } | { "key": "not_a_folder_name", "params": { path: string, } } | { "key": "out_is_link", "params": { path: string, } } | { "key": "out_not_a_folder", "params": { path: string, } } | { "key": "out_not_empty", "params": { path: string, marker: string, } } | { "key": "out_has_foreign", "params": { path: string, foreign: string, } } | { "key": "text_has_nul" } | { "key": "title_too_long", "params": { max: number, } } | { "key": "progress_range" } | { "key": "end_before_start", "params": { start: string, end: string, } } | { "key": "ongoing_has_end" } | { "key": "lead_is_co", "params": { ministry: string, } } | { "key": "amount_negative" } | { "key": "indicator_name_missing" } | { "key": "milestone_title_missing" } | { "key": "synopsis_needs_older" } | { "key": "synopsis_needs_newer" } | { "key": "web_is_long_only" } | { "key": "web_not_as_of" } | { "key": "open_only_from", "params": { folder: string, } } | { "key": "upload_incomplete", "params": { detail: string, } } | { "key": "not_a_day", "params": { value: string, } } | { "key": "channel_missing" } | { "key": "measures_format", "params": { format: string, } } | { "key": "no_concept_open" } | { "key": "audit_head_format", "params": { value: string, } } | { "key": "audit_content_changed", "params": { changeset: number, at: string, action: string, } } | { "key": "audit_link_broken", "params": { changeset: number, } } | { "key": "audit_changeset_missing", "params": { changeset: number, seq: number, } } | { "key": "audit_link_missing", "params": { seq: number, after: number, } } | { "key": "audit_unlinked", "params": { changeset: number, } } | { "key": "audit_head_mismatch", "params": { seq: number, changeset: number, } } | { "key": "audit_expected_head_differs", "params": { changeset: number, } } | { "key": "audit_expected_head_missing", "params": { changeset: number, } } | { "key": "conflict", "params": { entity: string, expected: number, current: number, } } | { "key": "schema_too_new", "params": { found: number, supported: number, } } | { "key": "database", "params": { detail: string, } } | { "key": "migration", "params": { detail: string, } } | { "key": "io", "params": { detail: string, } } | { "key": "internal", "params": { detail: string, } } | { "key": "unique_violation", "params": { constraint: string, } } | { "key": "invalid_character" } | { "key": "cosign_denied", "params": { user: string, role: Role, } } | { "key": "cosign_answer_denied", "params": { user: string, role: Role, ministry: string, } } | { "key": "cosign_round_missing", "params": { round: number, } } | { "key": "cosign_round_closed", "params": { round: number, closed_at: string | null, } } | { "key": "cosign_needs_draft", "params": { edition: string, status: EditionStatus, } } | { "key": "cosign_due_missing" } | { "key": "cosign_round_still_open", "params": { round: number, } } | { "key": "cosign_none_asked" } | { "key": "cosign_text_missing", "params": { result: CosignResult, } } | { "key": "cosign_not_asked", "params": { ministry: string, round: number, asked: Array<string>, } } | { "key": "cosign_already_answered", "params": { ministry: string, edition: string, result: CosignResult, answered_at: string, answered_by: string, } } | { "key": "cosign_measure_not_in_draft", "params": { code: string, edition: string, } } | { "key": "cosign_settlement_missing" } | { "key": "cosign_no_reservation", "params": { ministry: string, round: number, edition: string, } } | { "key": "cosign_already_settled", "params": { ministry: string, settlement: string, } } | { "key": "cosign_reservations_open", "params": { round: number, ministries: Array<string>, } } | { "key": "cosign_required_missing", "params": { ministries: Array<string>, } } | { "key": "cosign_answers_missing", "params": { round: number, ministries: Array<string>, } } | { "key": "cosign_answered_meanwhile", "params": { ministry: string, } } | { "key": "reports_denied", "params": { user: string, role: Role, } } | { "key": "report_fill_denied", "params": { user: string, role: Role, ministry: string, } } | { "key": "report_submit_denied", "params": { user: string, role: Role, ministry: string, } } | { "key": "report_round_missing", "params": { round: number, } } | { "key": "report_locked", "params": { round: number, ministry: string, cutoff: string, submitted_at: string | null, } } | { "key": "report_due_before_cutoff", "params": { due: string, cutoff: string, } } | { "key": "report_none_asked" } | { "key": "report_cutoff_taken", "params": { cutoff: string, round: number, } } | { "key": "report_measure_not_in_round", "params": { code: string, round: number, } } | { "key": "report_status_unknown", "params": { code: string, value: string, allowed: Array<string>, } } | { "key": "report_progress_range", "params": { code: string, progress: number, } } | { "key": "report_indicator_unknown", "params": { code: string, name: string, present: Array<string>, } } | { "key": "report_milestone_unknown", "params": { code: string, title: string, } } | { "key": "report_not_asked", "params": { ministry: string, round: number, } } | { "key": "report_reason_missing" } | { "key": "report_not_submitted", "params": { ministry: string, state: FormState, } } | { "key": "backup_denied", "params": { user: string, role: Role, } } | { "key": "backup_missing", "params": { path: string, } } | { "key": "backup_not_sqlite", "params": { path: string, } } | { "key": "backup_truncated", "params": { path: string, size: number, expected: number, } } | { "key": "backup_damaged", "params": { path: string, detail: string, } } | { "key": "backup_not_concept", "params": { path: string, } } | { "key": "backup_without_manifest", "params": { path: string, } } | { "key": "backup_table_missing", "params": { path: string, table: string, } } | { "key": "backup_rows_differ", "params": { path: string, table: string, expected: number, found: number, } } | { "key": "backup_content_differs", "params": { path: string, table: string, } } | { "key": "backup_over_concept", "params": { path: string, } } | { "key": "backup_exists", "params": { path: string, } } | { "key": "journal_beside", "params": { path: string, } } | { "key": "target_exists", "params": { path: string, } } | { "key": "target_not_a_file", "params": { path: string, } } | { "key": "target_not_empty", "params": { location: string, tables: number, example: string, } } | { "key": "transfer_head_differs", "params": { source: string, target: string, } } | { "key": "transfer_rows_differ", "params": { table: string, source: number, target: number, } } | { "key": "login_mapping_format", "params": { value: string, } } | { "key": "logins_only_for_postgres" } | { "key": "logins_missing", "params": { users: Array<string>, } } | { "key": "login_actor_missing", "params": { login: string, } } | { "key": "daily_backups_file_only" } | { "key": "daily_backups_keep_range", "params": { max: number, } });

export type Concept = { title: string, short_title: string, leitidee: string, motto: string, 
/**
 * Markdown.
 */
foreword: string, 
/**
 * The issuer (Herausgeber), named on the title page and in the imprint.
 */
issuer: string, 
/**
 * The printed documents' imprint. Revisions from before it existed read as empty.
 */
imprint: Imprint, 
/**
 * Rules the working group sets for itself (changed by admins only).
 */
rules: Rules, };

export type Imprint = { 
/**
 * The issuer's postal address (several lines).
 */
address: string, 
/**
 * Redaktion.
 */
editor: string, 
/**
 * Gestaltung und Satz.
 */
design: string, 
/**
 * Druck.
 */
printer: string, 
/**
 * Bezug: where printed copies can be ordered or downloaded.
 */
ordering: string, 
/**
 * Copyright and reprint permission.
 */
copyright: string, 
/**
 * The Verteilerhinweis: the publication must not be used for election campaigns.
 */
distribution_note: string, };

export type Rules = { 
/**
 * Every change to a measure needs a reason (it goes into the history).
 */
reason_required: boolean, };

export type ConceptSettings = { concept: Concept, version: number, 
/**
 * Front matter and imprint: drafters and admins.
 */
may_edit: boolean, 
/**
 * The working group's rules: admins.
 */
may_set_rules: boolean, };

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

export type EntityType = "concept" | "ministry" | "field" | "goal" | "measure" | "comment" | "user" | "edition" | "cosign_round" | "cosign_answer" | "report_round" | "report_form";

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
text: string, working_text: string, measure: string | null, field: string | null, status: CommentStatus, vote: Vote | null, answer: string | null, assigned_ministry: string | null, 
/**
 * The person handling it (user name).
 */
assigned_user: string | null, 
/**
 * Deadline, `YYYY-MM-DD`.
 */
due_date: string | null, 
/**
 * Never exported; only staff and admins see it (None for everybody else).
 */
internal_note: string | null, 
/**
 * What a member of the responsible ministry proposes; staff adopt or change it.
 */
proposal: Proposal | null, 
/**
 * Measures the comment concerns (linked while weighing), besides `measure`.
 */
measures: Array<string>, 
/**
 * The measure revision that takes the comment up.
 */
answer_revision: RevisionRef | null, cluster_id: number | null, 
/**
 * Cluster members answered together with their head, when the cluster is confirmed.
 */
cluster: ClusterInfo | null, 
/**
 * "anonymisiert" or "gelöscht" once personal data was removed (DSGVO).
 */
privacy: string | null, illustrative: boolean, version: number, };

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
 * Why not, as a message for the UI's catalogue.
 */
denial: Message | null, 
/**
 * Lead, co-responsible ministries, field and parent: the drafters' call.
 */
can_change_responsibility: boolean, };

export type LastChoice = { location: string, user: string | null, };

export type NetworkShare = { 
/**
 * What was found, as users and IT name it: the file system ("SMB/CIFS", "NFS", "FUSE"),
 * the share (`\\server\share`) or the mapped drive ("Z:").
 */
kind: string, };

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
users: Array<User>, 
/**
 * The network share the concept file lies on: opened for one person at a time; the
 * session screen says that a shared concept belongs in the team database.
 */
network_share: NetworkShare | null, };

export type StartInfo = { 
/**
 * `KONZEPTSTUDIO_DB`, when set: the app opened it directly.
 */
env_db: string | null, last: LastChoice | null, 
/**
 * Where "Demokonzept anlegen" puts the demo concept.
 */
demo_location: string, demo_exists: boolean, session: SessionInfo | null, };

export type ReferenceData = { fields: Array<Field>, 
/**
 * Each field's number with its own and every sub-field's number, by the field tree
 * (`model::field_tree`): the one definition of "in this field" the table filter uses.
 */
field_descendants: { [key in string]: Array<string> }, goals: Array<Goal>, ministries: Array<Ministry>, statuses: Array<Status>, users: Array<User>, 
/**
 * The working group's rules (a reason required for every change).
 */
rules: Rules, };

export type MeasureView = { measure: Measure, rights: EditRights, };

export type MeasureAsOf = { 
/**
 * The moment as documents say it: „31.12.2019“ or „31.12.2019, 14:30 Uhr“.
 */
label: string, 
/**
 * The measure then (`version`, and `updated_at` the time of that version); `None` if it
 * did not exist yet or had been removed.
 */
measure: Measure | null, };

export type ChangeFeed = { 
/**
 * The newest changeset id: ask from it next time, or from below an id not seen yet
 * (PostgreSQL commits ids out of order; see `FeedCursor` in ui/src/data.ts).
 */
latest: number, items: Array<ChangeFeedItem>, };

export type Proposal = { vote: Vote, answer: string, by: string, };

export type RevisionRef = { measure: string, version: number, };

export type ClusterInfo = { id: number, head: number, size: number, confirmed: boolean, 
/**
 * exact, near or manual.
 */
kind: string, };

export type AnswerTemplate = { 
/**
 * None for a template not stored yet.
 */
id?: number, title: string, vote: Vote | null, body: string, version?: number, };

export type NewComment = { external_id: string | null, submitter: string | null, organisation: string | null, submitter_type: string | null, 
/**
 * RFC 3339 UTC.
 */
received_at: string, text: string, measure: string | null, field: string | null, illustrative: boolean, };

export type CommentFilter = { status?: string, channel?: string, submitter_type?: string, 
/**
 * A field of action's number; includes its sub-fields and the fields of anchored measures.
 */
field?: string, 
/**
 * A measure code: the comment's anchor or a measure linked while weighing.
 */
measure?: string, ministry?: string, assignee?: string, 
/**
 * `YYYY-MM-DD`: only comments still open whose deadline is before that day.
 */
overdue_on?: string, 
/**
 * `YYYY-MM-DD`: only comments due on or before that day.
 */
due_by?: string, cluster?: number, search?: string, sort?: CommentSort, limit?: number, 
/**
 * Matches to skip first (in the sort order): the inbox reads a long list page by page.
 */
offset?: number, };

export type CommentSort = "received" | "received-desc" | "due" | "status" | "channel" | "ministry";

export type CommentPage = { total: number, comments: Array<Comment>, };

export type StatusCount = { status: CommentStatus, label: string, count: number, };

export type ProgressCount = { key: string, label: string, total: number, done: number, overdue: number, };

export type CommentDashboard = { total: number, done: number, overdue: number, unassigned: number, 
/**
 * Open comments assigned to the acting user.
 */
mine: number, 
/**
 * The acting user's ministry (members), whose queue the dashboard lists first.
 */
own_ministry: string | null, by_status: Array<StatusCount>, 
/**
 * Own ministry first, then by abbreviation; "" for comments not assigned yet.
 */
by_ministry: Array<ProgressCount>, by_channel: Array<ProgressCount>, };

export type Resolution = { vote: Vote, answer: string, measure?: string, 
/**
 * Replaces the internal note when given (never exported).
 */
internal_note?: string, 
/**
 * The template the answer came from: members of a confirmed cluster get it filled in with
 * their own details (number, date) instead of the head's.
 */
template?: string, };

export type Weighed = { comment: Comment, 
/**
 * Other members of the comment's confirmed cluster answered with it.
 */
cluster_members: number, };

export type ClusterSummary = { id: number, 
/**
 * exact, near or manual.
 */
kind: string, confirmed: boolean, head: number, 
/**
 * The head's text, shortened to one line.
 */
head_excerpt: string, size: number, 
/**
 * Members already weighed or closed.
 */
done: number, };

export type ClusterReport = { clusters: number, exact: number, near: number, 
/**
 * Comments in a cluster.
 */
comments: number, };

export type Format = "csv" | "xlsx";

export type Target = "text" | "received" | "submitter" | "organisation" | "submitter_type" | "measure" | "field" | "external_id";

export type TargetInfo = { target: Target, label: string, required: boolean, };

export type Detected = { format: Format, encoding: string, delimiter: string | null, 
/**
 * Target → header of the column used.
 */
columns: Array<[Target, string]>, };

export type Problem = { line: number, 
/**
 * The column's header, where the problem is in one column.
 */
column?: string, reason: string, };

export type ImportReport = { imported: number, duplicates: number, rejected: Array<Problem>, 
/**
 * Data rows in the file.
 */
rows: number, 
/**
 * False when strict mode refused the file: nothing was written.
 */
written: boolean, detected: Detected, };

export type ImportPreview = { detected: Detected, headers: Array<string>, 
/**
 * The first rows as in the file: line number and cells.
 */
sample: Array<[number, Array<string>]>, 
/**
 * The first rows as they would be imported (valid rows only).
 */
mapped: Array<NewComment>, rows: number, valid: number, problems: Array<Problem>, problem_count: number, targets: Array<TargetInfo>, };

export type CommentView = { comment: Comment, channel_name: string, history: Array<Revision>, 
/**
 * Staff and admins weigh, assign and handle personal data.
 */
can_manage: boolean, 
/**
 * Members propose answers for comments they may see.
 */
can_propose: boolean, };

export type ImportSettings = { format: FormatSetting, encoding: EncodingSetting, delimiter: DelimiterSetting, 
/**
 * Target → column header; targets not named are recognised from the headers.
 */
mapping: Array<[Target, string]>, skip_invalid: boolean, };

export type ImportProgress = { written: number, total: number, };

export type TemplateInfo = { templates: Array<AnswerTemplate>, 
/**
 * Placeholder name and what it stands for.
 */
placeholders: Array<[string, string]>, };

export type ExportResult = { path: string, rows: number, };

export type CommentVocabulary = { statuses: Array<[CommentStatus, string]>, votes: Array<[Vote, string]>, };

export type RenderedDocument = { 
/**
 * Where the file was written (the export folder).
 */
path: string, bytes: number, 
/**
 * The PDF itself, base64, for the preview of its first pages.
 */
data: string, };

export type DocumentKind = "long" | "short" | "synopse" | "report";

export type EditionFormat = "docx" | "html";

export type SavedDocument = { path: string, bytes: number, };

export type FormatSetting = "auto" | "csv" | "xlsx";

export type EncodingSetting = "auto" | "utf-8" | "windows-1252";

export type DelimiterSetting = "auto" | ";" | "," | "tab";

export type ExportFormat = "pdf" | "xlsx" | "csv" | "docx";

export type SheetProblem = { sheet: string, row: number, column?: string, code: string | null, reason: string, };

export type MeasureChange = { row: number, code: string, title: string, 
/**
 * A measure the file creates.
 */
new: boolean, fields: Array<FieldDiff>, };

export type MeasureConflict = { row: number, code: string, title: string, exported_version: number, current_version: number, 
/**
 * What the file would change (against the exported version).
 */
fields: Array<FieldDiff>, 
/**
 * The other changes since the export: who, when, which fields.
 */
since: Array<Revision>, };

export type MeasureImport = { file: string, 
/**
 * Data rows read.
 */
rows: number, changes: Array<MeasureChange>, 
/**
 * Rows that change nothing.
 */
unchanged: number, conflicts: Array<MeasureConflict>, 
/**
 * Rows the user may not change or create (their measures are not theirs).
 */
denied: Array<SheetProblem>, 
/**
 * Cells and rows that cannot be read: nothing is written while there are any.
 */
problems: Array<SheetProblem>, 
/**
 * Whether the changes were written (one changeset).
 */
written: boolean, 
/**
 * Measures written.
 */
written_measures: number, 
/**
 * The reason of the changeset.
 */
reason: string, };

export type PlanMinistry = { abbreviation: string, name: string, 
/**
 * How it was recognised ("bekannt", "neu, …").
 */
origin: string, };

export type PlanField = { number: string, title: string, parent: string | null, 
/**
 * Markdown.
 */
intro: string, goals: Array<string>, 
/**
 * Where the document has it ("Absatz 12").
 */
place: string, };

export type PlanMeasure = { code: string, place: string, data: MeasureData, };

export type PlanNote = { place: string, message: string, };

export type Unplaced = { place: string, text: string, reason: string, };

export type Skipped = { what: string, places: string, };

export type Plan = { 
/**
 * The document's file name, for messages and the changeset's reason.
 */
source: string, 
/**
 * The concept's title, if the document names one (title style or title page).
 */
title: string | null, 
/**
 * Its short title: a short bold or subtitle line just above the styled title ("ZIK II"),
 * as the Langfassung's title page has it.
 */
short_title: string | null, 
/**
 * Markdown: the text before the first field (the concept's foreword).
 */
introduction: string, ministries: Array<PlanMinistry>, fields: Array<PlanField>, measures: Array<PlanMeasure>, notes: Array<PlanNote>, unplaced: Array<Unplaced>, skipped: Array<Skipped>, };

export type WordConceptPreview = { plan: Plan, 
/**
 * Where the new concept file would go: next to the document, not overwriting a file.
 */
proposed_location: string, };

export type AuditHead = { 
/**
 * The changeset of the newest link (None while nothing was changed).
 */
changeset_id: number | null, 
/**
 * How many links the chain has.
 */
seq: number, hash: string, };

export type TableRows = { table: string, rows: number, };

export type BackupReport = { 
/**
 * The backup file.
 */
path: string, bytes: number, 
/**
 * The concept backed up (file path, or URL without password).
 */
source: string, schema_version: number, created_at: string, 
/**
 * The audit chain's head the backup holds: a restore ends with exactly this head.
 */
audit_head: AuditHead, tables: Array<TableRows>, };

export type DailyBackupFile = { path: string, 
/**
 * The day it holds, `YYYY-MM-DD`.
 */
date: string, bytes: number, };

export type DailyBackups = { 
/**
 * The folder they are in.
 */
dir: string, 
/**
 * How many are kept (0: no daily backups).
 */
keep: number, 
/**
 * Newest first.
 */
files: Array<DailyBackupFile>, 
/**
 * The backup this call wrote (none when the day's backup existed or `keep` is 0).
 */
written: BackupReport | null, };

export type BackupStatus = { 
/**
 * The daily backups of the open concept file (none for a team database, or while the
 * first one is still being written).
 */
daily: DailyBackups | null, keep: number, 
/**
 * Whether the concept is a file (daily backups exist only for files).
 */
is_file: boolean, 
/**
 * Whether the acting user may write backups (staff and admins).
 */
may_backup: boolean, 
/**
 * Why the last daily backup failed.
 */
daily_error: Message | null, 
/**
 * Where "Sicherung erstellen" proposes to write: next to a concept file, else in the
 * export folder; named with the date.
 */
proposed_path: string, };

export type CosignResult = "mitgezeichnet" | "massgaben" | "vorbehalt" | "abgelehnt";

export type CosignAnswer = { id: number, ministry: string, 
/**
 * The draft answered (edition name).
 */
edition: string, result: CosignResult, text: string, 
/**
 * Codes of the measures the conditions or the reservation concern.
 */
measures: Array<string>, 
/**
 * Recorded by a drafter for the ministry (received by letter or mail).
 */
on_behalf: boolean, 
/**
 * Who recorded it (user name) and when (RFC 3339, UTC).
 */
answered_by: string, answered_at: string, 
/**
 * The newer draft that superseded this answer (überholt): the ministry's measures
 * changed, so it is asked again.
 */
superseded_by: string | null, 
/**
 * How a reservation was settled, as the drafters recorded it.
 */
settlement: string | null, version: number, };

export type CosignState = "offen" | "erneut_gefragt" | "beantwortet";

export type CosignMinistry = { ministry: string, name: string, 
/**
 * Its consent must be stated in the cabinet paper (the finance ministry).
 */
required: boolean, state: CosignState, 
/**
 * Not answered and the deadline has passed.
 */
overdue: boolean, 
/**
 * The answer to the current draft.
 */
answer: CosignAnswer | null, 
/**
 * Answers to earlier drafts, superseded, oldest first.
 */
superseded: Array<CosignAnswer>, };

export type RoundStatus = "offen" | "abgeschlossen";

export type CosignRound = { id: number, 
/**
 * The draft asked about now (edition name).
 */
edition: string, 
/**
 * The drafts asked about before, oldest first (a newer draft replaced each).
 */
earlier_editions: Array<string>, due: string, note: string, status: RoundStatus, opened_by: string, opened_at: string, closed_at: string | null, version: number, 
/**
 * In the order of the ministries' abbreviations.
 */
ministries: Array<CosignMinistry>, };

export type FormState = "nicht_begonnen" | "entwurf" | "eingereicht";

export type CosignRounds = { 
/**
 * Every round, newest first.
 */
rounds: Array<CosignRound>, 
/**
 * Opening a round, recording an answer for any ministry, settling a reservation, closing
 * (`ManageCosign`: drafters and admins).
 */
may_manage: boolean, 
/**
 * The ministry the acting user answers for themselves (a member's own), if any.
 */
own_ministry: string | null, 
/**
 * The drafts a round may be opened on: editions with status „Ressortabstimmung“, newest
 * first.
 */
drafts: Array<string>, 
/**
 * Where the save fields propose to write (the app's export folder).
 */
export_dir: string, };

export type CosignChange = "neu" | "geaendert" | "entfallen" | "unveraendert";

export type BriefMeasure = { code: string, title: string, 
/**
 * Whether the ministry leads it (else it shares it).
 */
lead: boolean, change: CosignChange, };

export type CosignBrief = { round: number, ministry: string, edition: string, 
/**
 * The newest edition before the draft that the ministry co-signed (in any round, with or
 * without conditions), else the newest adopted one; `None` if there is neither.
 */
since: string | null, 
/**
 * The ministry's measures (lead or shared, in either edition), in the draft's order, the
 * dropped ones last.
 */
measures: Array<BriefMeasure>, };

export type StatementFormat = "pdf" | "docx";

export type Reminder = { ministry: string, 
/**
 * The open points, one line each.
 */
points: Array<string>, 
/**
 * The whole text, ready to copy.
 */
text: string, };

export type IndicatorActual = { name: string, actual: number | null, as_of: string | null, };

export type MilestoneDone = { title: string, done: boolean, };

export type ReportValues = { 
/**
 * Key of the status vocabulary.
 */
status: string, 
/**
 * 0..=100.
 */
progress: number, indicators: Array<IndicatorActual>, milestones: Array<MilestoneDone>, 
/**
 * What happened since the last round (Markdown).
 */
sachstand: string, };

export type ReportItem = { code: string, title: string, 
/**
 * What the ministry reports (prefilled from the measure until it is filled in).
 */
values: ReportValues, 
/**
 * Whether the ministry filled it in (else `values` is the prefill).
 */
filled: boolean, 
/**
 * What the ministry reported on it in the previous round, if it did.
 */
previous: ReportValues | null, };

export type ReportForm = { id: number, ministry: string, name: string, state: FormState, 
/**
 * Not submitted and the deadline has passed.
 */
overdue: boolean, 
/**
 * Who submitted it and when (RFC 3339, UTC); whether for the ministry (on behalf).
 */
submitted_by: string | null, submitted_at: string | null, on_behalf: boolean, 
/**
 * Why staff reopened it, the last time they did.
 */
reopened: string | null, version: number, 
/**
 * The measures the ministry leads, in the concept's order.
 */
items: Array<ReportItem>, };

export type ReportRound = { id: number, cutoff: string, due: string, note: string, opened_by: string, opened_at: string, 
/**
 * The round before it (by cut-off date), whose reports the forms compare with.
 */
previous: number | null, version: number, 
/**
 * In the order of the ministries' abbreviations.
 */
forms: Array<ReportForm>, };

export type ReportRounds = { 
/**
 * Every round, newest cut-off date first.
 */
rounds: Array<ReportRound>, 
/**
 * Opening a round and reopening a submitted report (`ManageReports`: staff and admins).
 */
may_manage: boolean, 
/**
 * The acting user's own ministry (a member's), if any.
 */
own_ministry: string | null, 
/**
 * The ministries of the rounds whose reports the acting user may fill in (a member: their
 * own; staff: every one, for the Excel route) and submit (a member: their own; drafters:
 * every one, marked as on behalf).
 */
fill_for: Array<string>, submit_for: Array<string>, 
/**
 * Where the save field proposes to write (the app's export folder).
 */
export_dir: string, };

export type ReportSubmitted = { form: ReportForm, changed: number, };

export type ReportImport = { file: string, rows: number, 
/**
 * Cells and rows that cannot be read: nothing is written while there are any.
 */
problems: Array<SheetProblem>, 
/**
 * The measures filled in.
 */
filled: Array<string>, 
/**
 * The ministries whose forms changed.
 */
ministries: Array<string>, };

/**
 * Every IPC command with its arguments and result (generated from src-tauri/src/ipc.rs).
 */
export interface Commands {
  start_info: { args: Record<string, never>; returns: StartInfo };
  open_concept: { args: { location: string, user: string | null }; returns: SessionInfo };
  create_demo: { args: { location: string }; returns: SessionInfo };
  preview_word_concept: { args: { path: string }; returns: WordConceptPreview };
  adopt_word_concept: { args: { path: string, location: string }; returns: SessionInfo };
  switch_user: { args: { name: string }; returns: SessionInfo };
  overview: { args: Record<string, never>; returns: Overview };
  concept_settings: { args: Record<string, never>; returns: ConceptSettings };
  save_concept: { args: { expected_version: number, concept: Concept, reason: string | null }; returns: ConceptSettings };
  reference_data: { args: Record<string, never>; returns: ReferenceData };
  list_measures: { args: { filter: MeasureFilter }; returns: Array<MeasureListItem> };
  get_measure: { args: { code: string }; returns: MeasureView };
  measure_at: { args: { code: string, version: number }; returns: MeasureData };
  save_measure: { args: { code: string, expected_version: number, data: MeasureData, reason: string | null }; returns: MeasureWrite };
  bulk_update: { args: { targets: Array<VersionedCode>, change: BulkChange, reason: string | null }; returns: number };
  measure_history: { args: { code: string }; returns: Array<Revision> };
  measure_diff: { args: { code: string, from: number, to: number }; returns: MeasureDiff };
  measure_as_of: { args: { code: string, as_of: string }; returns: MeasureAsOf };
  restore_measure: { args: { code: string, version: number, expected_version: number, reason: string | null }; returns: MeasureWrite };
  search: { args: { query: string }; returns: SearchResults };
  restructure_ministry: { args: { from: string, to: string, date: string, reason: string | null }; returns: RestructureReport };
  freeze_edition: { args: { name: string, status: EditionStatus, adopted_on: string | null, note: string }; returns: Edition };
  changes_since: { args: { after: number }; returns: ChangeFeed };
  backup_status: { args: Record<string, never>; returns: BackupStatus };
  create_backup: { args: { path: string, replace: boolean }; returns: BackupReport };
  set_daily_backups: { args: { keep: number }; returns: BackupStatus };
  comment_vocabulary: { args: Record<string, never>; returns: CommentVocabulary };
  import_preview: { args: { name: string, data: string, settings: ImportSettings }; returns: ImportPreview };
  import_comments: { args: { name: string, data: string, channel: string, settings: ImportSettings }; returns: ImportReport };
  import_progress: { args: Record<string, never>; returns: ImportProgress | null };
  comment_page: { args: { filter: CommentFilter }; returns: CommentPage };
  get_comment: { args: { id: number }; returns: CommentView };
  comment_dashboard: { args: Record<string, never>; returns: CommentDashboard };
  comment_channels: { args: Record<string, never>; returns: Array<[string, string]> };
  submitter_types: { args: Record<string, never>; returns: Array<string> };
  assign_comments: { args: { ids: Array<number>, ministry: string, user: string | null, due: string | null }; returns: number };
  set_comment_status: { args: { ids: Array<number>, status: CommentStatus }; returns: number };
  set_comment_due: { args: { ids: Array<number>, due: string | null }; returns: number };
  weigh_comment: { args: { id: number, expected_version: number, resolution: Resolution }; returns: Weighed };
  answer_comments: { args: { ids: Array<number>, vote: Vote, body: string, measure: string | null }; returns: number };
  propose_answer: { args: { id: number, expected_version: number, vote: Vote, answer: string }; returns: Comment };
  link_answer_revision: { args: { id: number, expected_version: number, measure: string, version: number }; returns: Comment };
  answer_templates: { args: Record<string, never>; returns: TemplateInfo };
  save_answer_template: { args: { template: AnswerTemplate }; returns: AnswerTemplate };
  delete_answer_template: { args: { id: number }; returns: null };
  render_answer: { args: { body: string, id: number, measure: string | null }; returns: string };
  comment_clusters: { args: Record<string, never>; returns: Array<ClusterSummary> };
  find_clusters: { args: Record<string, never>; returns: ClusterReport };
  confirm_cluster: { args: { cluster: number }; returns: number };
  split_cluster: { args: { cluster: number, ids: Array<number> }; returns: number };
  merge_clusters: { args: { clusters: Array<number> }; returns: number };
  remove_personal_data: { args: { id: number, erase: boolean, reason: string | null }; returns: number };
  export_consideration_table: { args: { format: ExportFormat, anonymise: boolean }; returns: ExportResult };
  render_document: { args: { kind_name: DocumentKind, edition: string | null, from: string | null, as_of: string | null }; returns: RenderedDocument };
  save_document: { args: { kind_name: DocumentKind, edition: string | null, format: EditionFormat, as_of: string | null }; returns: SavedDocument };
  open_document: { args: { path: string }; returns: null };
  export_measures: { args: { format: ExportFormat, filter: MeasureFilter }; returns: ExportResult };
  import_measures: { args: { name: string, data: string, preview: boolean, reason: string | null, skip_conflicts: boolean }; returns: MeasureImport };
  cosign_rounds: { args: Record<string, never>; returns: CosignRounds };
  cosign_round: { args: { round: number }; returns: CosignRound };
  cosign_brief: { args: { round: number, ministry: string | null }; returns: CosignBrief };
  open_cosign_round: { args: { edition: string, due: string | null, ministries: Array<string> | null, required: Array<string>, note: string }; returns: CosignRound };
  answer_cosign: { args: { round: number, result: CosignResult, text: string, measures: Array<string>, ministry: string | null }; returns: CosignAnswer };
  settle_cosign: { args: { round: number, ministry: string, settlement: string }; returns: CosignAnswer };
  close_cosign_round: { args: { round: number, allow_missing: boolean }; returns: CosignRound };
  cosign_reminders: { args: { round: number }; returns: Array<Reminder> };
  save_cosign_statement: { args: { round: number, format: StatementFormat, path: string, replace: boolean }; returns: SavedDocument };
  save_cosign_synopsis: { args: { round: number, ministry: string | null, path: string, replace: boolean }; returns: SavedDocument };
  report_rounds: { args: Record<string, never>; returns: ReportRounds };
  report_reminders: { args: { round: number }; returns: Array<Reminder> };
  open_report_round: { args: { cutoff: string, due: string, ministries: Array<string> | null, note: string }; returns: ReportRound };
  fill_report_item: { args: { round: number, code: string, values: ReportValues }; returns: ReportForm };
  submit_report: { args: { round: number, ministry: string | null }; returns: ReportSubmitted };
  reopen_report: { args: { round: number, ministry: string, reason: string }; returns: ReportForm };
  save_round_report: { args: { round: number, format: StatementFormat, path: string, replace: boolean }; returns: SavedDocument };
  save_report_workbook: { args: { round: number, ministry: string, path: string, replace: boolean }; returns: SavedDocument };
  import_report_workbook: { args: { round: number, name: string, data: string }; returns: ReportImport };
}

/**
 * Every code of `ErrorPayload.code` (the core's `error::CODES`).
 */
export type ErrorCode = "conflict" | "permission_denied" | "invalid_input" | "not_found" | "schema_too_new" | "integrity_violated" | "internal";

/**
 * Every key of `Message` (the core's `messages::keys()`).
 */
export const MESSAGE_KEYS = ["text", "structure_denied", "editions_denied", "users_denied", "comments_denied", "create_measure_denied", "measure_not_editable", "measure_not_responsible", "measure_responsibility_reserved", "at_measure", "foreign_database", "file_exists", "concept_exists", "unknown_user", "unknown_db_login", "user_deactivated", "user_not_found", "act_as_denied", "user_name_invalid", "member_needs_ministry", "user_exists", "db_login_taken", "cannot_deactivate_self", "db_login_missing", "db_login_without_rights", "schema_update_needed", "no_concept_in_database", "team_needs_postgres", "team_setup_needs_owner", "team_database_name_too_long", "team_role_is_login", "database_denied", "concept_title_missing", "reason_required", "title_empty", "field_not_found", "goal_not_found", "field_number_and_title_missing", "field_exists", "field_number_is_measure_code", "goal_text_missing", "no_field_recognised", "invalid_date", "ministry_not_found", "ministry_dissolved", "ministry_succeeded", "abbreviation_invalid", "ministry_name_missing", "ministry_exists", "own_successor", "restructure_too_early", "comment_not_found", "name_not_found", "no_comments_given", "answer_empty", "comment_not_assigned", "comment_has_no_vote", "proposals_denied", "comment_already_weighed", "measure_version_not_found", "assignee_unfit", "comment_closed", "rejection_needs_answer", "no_personal_data", "threshold_range", "not_in_cluster", "cluster_keeps_one", "merge_needs_two", "cluster_not_found", "unknown_placeholder", "template_title_missing", "template_body_missing", "template_exists", "template_not_found", "no_concept_file", "network_share", "share_in_use", "server_unreachable", "connection_lost", "measure_not_found", "measure_not_as_of", "measure_id_not_found", "parent_is_self", "parent_not_found", "parent_is_child", "status_not_found", "measure_code_exists", "code_is_field_number", "invalid_measure_code", "no_change_given", "measure_version_missing", "measure_has_children", "comment_text_empty", "edition_not_found", "edition_name_invalid", "edition_exists", "adoption_date_missing", "not_a_choice", "not_utf8", "header_quote_open", "csv_unreadable", "xlsx_unreadable", "xlsx_no_sheet", "no_text_column", "column_not_found", "mapping_invalid", "unknown_target", "nothing_recognised", "file_unreadable", "not_word_file", "cell_too_long", "workbook_problems", "workbook_rows_denied", "synopsis_pdf_only", "synopsis_needs_two_editions", "not_a_folder_name", "out_is_link", "out_not_a_folder", "out_not_empty", "out_has_foreign", "text_has_nul", "title_too_long", "progress_range", "end_before_start", "ongoing_has_end", "lead_is_co", "amount_negative", "indicator_name_missing", "milestone_title_missing", "synopsis_needs_older", "synopsis_needs_newer", "web_is_long_only", "web_not_as_of", "open_only_from", "upload_incomplete", "not_a_day", "channel_missing", "measures_format", "no_concept_open", "audit_head_format", "audit_content_changed", "audit_link_broken", "audit_changeset_missing", "audit_link_missing", "audit_unlinked", "audit_head_mismatch", "audit_expected_head_differs", "audit_expected_head_missing", "conflict", "schema_too_new", "database", "migration", "io", "internal", "unique_violation", "invalid_character", "cosign_denied", "cosign_answer_denied", "cosign_round_missing", "cosign_round_closed", "cosign_needs_draft", "cosign_due_missing", "cosign_round_still_open", "cosign_none_asked", "cosign_text_missing", "cosign_not_asked", "cosign_already_answered", "cosign_measure_not_in_draft", "cosign_settlement_missing", "cosign_no_reservation", "cosign_already_settled", "cosign_reservations_open", "cosign_required_missing", "cosign_answers_missing", "cosign_answered_meanwhile", "reports_denied", "report_fill_denied", "report_submit_denied", "report_round_missing", "report_locked", "report_due_before_cutoff", "report_none_asked", "report_cutoff_taken", "report_measure_not_in_round", "report_status_unknown", "report_progress_range", "report_indicator_unknown", "report_milestone_unknown", "report_not_asked", "report_reason_missing", "report_not_submitted", "backup_denied", "backup_missing", "backup_not_sqlite", "backup_truncated", "backup_damaged", "backup_not_concept", "backup_without_manifest", "backup_table_missing", "backup_rows_differ", "backup_content_differs", "backup_over_concept", "backup_exists", "journal_beside", "target_exists", "target_not_a_file", "target_not_empty", "transfer_head_differs", "transfer_rows_differ", "login_mapping_format", "logins_only_for_postgres", "logins_missing", "login_actor_missing", "daily_backups_file_only", "daily_backups_keep_range"] as const;
