//! The storage story suite: each story runs on SQLite and on PostgreSQL (`on_both!`).

use crate::support::{self, Backend, comment, fresh, measure, seeded};
use konzeptstudio::model::{EditionStatus, EntityType, NewComment};
use konzeptstudio::{Error, Location, Store};

on_both!(
    migrations_apply_to_an_empty_database_and_reopen,
    a_newer_schema_is_refused_and_left_alone,
    a_stale_update_is_a_conflict,
    concurrent_updates_on_two_connections_let_exactly_one_win,
    a_change_and_its_revision_are_stored_together_or_not_at_all,
    roles_are_enforced_on_every_write_path,
    restructuring_hands_everything_to_the_successor,
    a_frozen_edition_keeps_its_content,
    history_diff_and_restore,
    search_finds_parts_of_german_compounds,
    comments_are_stored_once_with_their_original_text,
    the_demo_concept_holds_the_facts,
    lists_see_changes_made_through_other_connections,
    structure_edits_are_versioned_too,
    a_change_feed_reports_what_others_changed,
    reference_data_is_cached_and_refreshed_by_changes,
    a_dropped_connection_is_replaced,
    measures_created_together_are_written_set_based_and_checked_alike,
    a_removed_measure_leaves_the_current_state_but_not_history,
    bulk_edits_are_one_change_and_all_or_nothing,
    the_overview_counts_by_field_and_ministry,
    an_import_is_all_or_nothing_unless_told_otherwise,
    comments_are_assigned_and_weighed_with_history,
    form_letters_are_clustered,
    a_submitter_is_anonymised_everywhere_without_a_trace_of_the_name,
    a_submitters_personal_data_is_erased_on_request,
    the_import_preview_shows_the_file_before_its_text_column_is_chosen,
    the_inbox_filters_sorts_counts_and_hides_what_members_may_not_see,
    the_dashboard_counts_status_ministry_channel_and_overdue,
    comments_move_through_the_workflow_with_its_rules,
    members_propose_answers_staff_adopt_them,
    templates_answer_many_comments_with_their_own_details,
    a_comment_links_the_measure_revision_that_answers_it,
    clusters_are_confirmed_split_merged_and_answered_through_their_head,
    a_measure_code_never_equals_a_field_number,
    the_working_group_can_require_a_reason_for_every_change,
    hostile_files_are_refused_whole_with_their_place_named,
    a_comment_longer_than_a_spreadsheet_cell_is_exported_whole,
    measures_go_to_a_workbook_and_come_back_as_one_change,
    a_measures_file_is_refused_whole_for_conflicts_permissions_and_bad_cells,
    an_adopted_document_is_one_change_and_all_or_nothing,
);

// The same stories once more on PostgreSQL as a working group runs it: the owner ran `team
// setup`, and every user acts through a login of their own, so that row-level security, the
// column privileges and the team rules' triggers apply to everything the core does
// (`support::Backend::PostgresRls`). Left out: stories that need a superuser (test triggers,
// a schema version written by hand) or no concept yet.
under_rls!(
    a_stale_update_is_a_conflict,
    concurrent_updates_on_two_connections_let_exactly_one_win,
    roles_are_enforced_on_every_write_path,
    restructuring_hands_everything_to_the_successor,
    a_frozen_edition_keeps_its_content,
    history_diff_and_restore,
    search_finds_parts_of_german_compounds,
    comments_are_stored_once_with_their_original_text,
    lists_see_changes_made_through_other_connections,
    structure_edits_are_versioned_too,
    a_change_feed_reports_what_others_changed,
    reference_data_is_cached_and_refreshed_by_changes,
    a_dropped_connection_is_replaced,
    measures_created_together_are_written_set_based_and_checked_alike,
    a_removed_measure_leaves_the_current_state_but_not_history,
    bulk_edits_are_one_change_and_all_or_nothing,
    the_overview_counts_by_field_and_ministry,
    an_import_is_all_or_nothing_unless_told_otherwise,
    comments_are_assigned_and_weighed_with_history,
    form_letters_are_clustered,
    a_submitter_is_anonymised_everywhere_without_a_trace_of_the_name,
    a_submitters_personal_data_is_erased_on_request,
    the_inbox_filters_sorts_counts_and_hides_what_members_may_not_see,
    the_dashboard_counts_status_ministry_channel_and_overdue,
    comments_move_through_the_workflow_with_its_rules,
    members_propose_answers_staff_adopt_them,
    templates_answer_many_comments_with_their_own_details,
    a_comment_links_the_measure_revision_that_answers_it,
    clusters_are_confirmed_split_merged_and_answered_through_their_head,
    a_measure_code_never_equals_a_field_number,
    the_working_group_can_require_a_reason_for_every_change,
    hostile_files_are_refused_whole_with_their_place_named,
    a_comment_longer_than_a_spreadsheet_cell_is_exported_whole,
    measures_go_to_a_workbook_and_come_back_as_one_change,
    a_measures_file_is_refused_whole_for_conflicts_permissions_and_bad_cells,
    the_import_preview_shows_the_file_before_its_text_column_is_chosen,
    an_adopted_document_is_one_change_and_all_or_nothing,
);

/// With the rule set (by an admin), a change to a measure without a reason is refused next to
/// the reason field; a save that changes nothing needs none.
async fn the_working_group_can_require_a_reason_for_every_change(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let dora = support::as_user(b, &admin, "dora").await;
    let mut c = admin.concept().await.unwrap();
    c.rules.reason_required = true;
    let v = admin.concept_version().await.unwrap();
    assert_eq!(
        dora.update_concept(v, &c, None).await.unwrap_err().code(),
        "permission_denied",
        "a drafter edits the imprint, not the rules"
    );
    admin
        .update_concept(v, &c, Some("Beschluss der IMAG"))
        .await
        .unwrap();
    let m = dora.measure("3.5.2").await.unwrap();
    let mut d = m.data.clone();
    d.progress = 55;
    let err = dora
        .update_measure("3.5.2", m.version, d.clone(), None, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.to_payload().field.as_deref(), Some("reason"));
    assert_eq!(dora.measure("3.5.2").await.unwrap().version, m.version);
    let same = dora
        .update_measure("3.5.2", m.version, m.data.clone(), None, None)
        .await
        .unwrap();
    assert!(!same.changed, "nothing changed, nothing to explain");
    dora.update_measure("3.5.2", m.version, d, Some("Stand Juni"), None)
        .await
        .unwrap();
    let done = konzeptstudio::store::BulkChange {
        status: Some("umgesetzt".into()),
        lead_ministry: None,
    };
    let at = |code: &str, version: i64| konzeptstudio::store::VersionedCode {
        code: code.into(),
        version,
    };
    assert_eq!(
        dora.update_measures_bulk(&[at("3.1.1", 1)], &done, Some("  "))
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

/// Printed, "3.1.1" must mean one thing: the store refuses a measure code that is a field's
/// number and a field number that is a measure's code, and writes nothing.
async fn a_measure_code_never_equals_a_field_number(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let err = admin
        .create_measure("3.5", measure("Doppelte Nummer", "3.5", "SMWA", &[]), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string().contains("Nummer eines Handlungsfelds"),
        "{err}"
    );
    assert!(
        err.to_string().contains("3.5-1"),
        "suggests the scheme: {err}"
    );
    let err = admin
        .create_measure("3.1.4", measure("Doppelt", "3.1.4", "SMS", &[]), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "a sub-field's number too");
    let err = admin
        .add_field("3.5.2", "Neues Feld", Some("3.5"), "", 9)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("Code einer Maßnahme"), "{err}");
    assert_eq!(admin.field("3.5.2").await.unwrap_err().code(), "not_found");
    assert_eq!(admin.measure("3.5").await.unwrap_err().code(), "not_found");
    // The scheme: field number, hyphen, running number; a sub-measure adds its own.
    admin
        .create_measure("3.5-3", measure("Neue Maßnahme", "3.5", "SMWA", &[]), None)
        .await
        .unwrap();
    let mut sub = measure("Teilmaßnahme", "3.5", "SMWA", &[]);
    sub.parent = Some("3.5-3".into());
    admin.create_measure("3.5-3.1", sub, None).await.unwrap();
    assert_eq!(
        admin
            .measure("3.5-3.1")
            .await
            .unwrap()
            .data
            .parent
            .as_deref(),
        Some("3.5-3")
    );
    // Parents never run in a circle (both measures would vanish from every document).
    let top = admin.measure("3.5-3").await.unwrap();
    let mut circle = top.data.clone();
    circle.parent = Some("3.5-3.1".into());
    let err = admin
        .update_measure("3.5-3", top.version, circle, Some("Versehen"), None)
        .await
        .unwrap_err();
    assert_eq!(err.to_payload().field.as_deref(), Some("parent"), "{err}");
}

/// Six comments with the details the inbox filters on, inserted by staff.
async fn inbox_fixture(b: Backend, admin: &Store) -> (Store, Vec<i64>) {
    let staff = support::as_user(b, admin, "emil").await;
    let mk = |ext: &str, text: &str, kind: &str, measure: Option<&str>, field: Option<&str>| {
        NewComment {
            submitter: Some(format!("Person {ext}")),
            submitter_type: Some(kind.into()),
            measure: measure.map(str::to_string),
            field: field.map(str::to_string),
            ..comment(ext, text)
        }
    };
    staff
        .insert_comments(
            "web",
            "Online-Beteiligung",
            &[
                mk(
                    "W-1",
                    "Sprachkurse auch abends",
                    "Bürger",
                    Some("3.1.1"),
                    None,
                ),
                mk(
                    "W-2",
                    "Mentoren früher einsetzen",
                    "Verband",
                    Some("3.5.2"),
                    None,
                ),
                mk("W-3", "Mehr Geld für Sprache", "Bürger", None, Some("3.1")),
            ],
            None,
        )
        .await
        .unwrap();
    staff
        .insert_comments(
            "forum",
            "Forum",
            &[
                mk("F-1", "Kommunen entlasten", "Kommune", None, None),
                mk(
                    "F-2",
                    "Sprachkurse für Eltern",
                    "Bürger",
                    None,
                    Some("3.1.4"),
                ),
                mk(
                    "F-3",
                    "Ausbildung begleiten",
                    "Verband",
                    Some("3.5.2"),
                    None,
                ),
            ],
            None,
        )
        .await
        .unwrap();
    let ids = staff
        .comments(&Default::default())
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    (staff, ids)
}

fn ext_ids(comments: &[konzeptstudio::model::Comment]) -> Vec<String> {
    comments
        .iter()
        .map(|c| c.external_id.clone().unwrap_or_default())
        .collect()
}

async fn the_inbox_filters_sorts_counts_and_hides_what_members_may_not_see(b: Backend) {
    use konzeptstudio::store::{CommentFilter, CommentSort};
    let (_db, admin) = seeded(b).await;
    let (staff, ids) = inbox_fixture(b, &admin).await;
    let day = chrono::NaiveDate::from_ymd_opt;
    staff
        .assign_comments(&ids[0..2], "SMS", Some("anna"), day(2017, 5, 1), None)
        .await
        .unwrap();
    staff
        .assign_comments(&ids[3..4], "SMWA", None, day(2017, 4, 15), None)
        .await
        .unwrap();
    staff
        .weigh_comment(
            ids[1],
            2,
            &konzeptstudio::store::Resolution {
                vote: konzeptstudio::model::Vote::ZurKenntnis,
                answer: "Danke.".into(),
                measure: None,
                internal_note: Some("Rücksprache mit SMWA".into()),
                template: None,
            },
        )
        .await
        .unwrap();
    let list = |f: CommentFilter| {
        let staff = staff.clone();
        async move { ext_ids(&staff.comments(&f).await.unwrap()) }
    };
    let f = CommentFilter::default;
    assert_eq!(
        list(CommentFilter {
            channel: Some("forum".into()),
            ..f()
        })
        .await,
        ["F-1", "F-2", "F-3"]
    );
    // Page by page, in the sort order (the inbox reads long lists so).
    assert_eq!(
        list(CommentFilter {
            channel: Some("forum".into()),
            offset: Some(1),
            limit: Some(1),
            ..f()
        })
        .await,
        ["F-2"]
    );
    assert_eq!(
        list(CommentFilter {
            channel: Some("forum".into()),
            offset: Some(2),
            ..f()
        })
        .await,
        ["F-3"]
    );
    assert_eq!(
        list(CommentFilter {
            submitter_type: Some("Verband".into()),
            ..f()
        })
        .await,
        ["W-2", "F-3"]
    );
    assert_eq!(
        list(CommentFilter {
            field: Some("3.1".into()),
            ..f()
        })
        .await,
        ["W-1", "W-3", "F-2"],
        "the field, its sub-fields and the fields of anchored measures"
    );
    assert_eq!(
        list(CommentFilter {
            measure: Some("3.5.2".into()),
            ..f()
        })
        .await,
        ["W-2", "F-3"]
    );
    assert_eq!(
        list(CommentFilter {
            ministry: Some("SMS".into()),
            ..f()
        })
        .await,
        ["W-1", "W-2"]
    );
    assert_eq!(
        list(CommentFilter {
            ministry: Some(String::new()),
            ..f()
        })
        .await,
        ["W-3", "F-2", "F-3"],
        "not assigned"
    );
    assert_eq!(
        list(CommentFilter {
            assignee: Some("anna".into()),
            ..f()
        })
        .await,
        ["W-1", "W-2"]
    );
    assert_eq!(
        list(CommentFilter {
            status: Some("abgewogen".into()),
            ..f()
        })
        .await,
        ["W-2"]
    );
    assert_eq!(
        list(CommentFilter {
            overdue_on: Some("2017-04-20".into()),
            ..f()
        })
        .await,
        ["F-1"]
    );
    assert_eq!(
        list(CommentFilter {
            overdue_on: Some("2017-06-01".into()),
            ..f()
        })
        .await,
        ["W-1", "F-1"],
        "a weighed comment is not overdue"
    );
    assert_eq!(
        list(CommentFilter {
            due_by: Some("2017-04-30".into()),
            ..f()
        })
        .await,
        ["F-1"]
    );
    assert_eq!(
        list(CommentFilter {
            search: Some("sprachkurse".into()),
            ..f()
        })
        .await,
        ["W-1", "F-2"]
    );
    assert_eq!(
        list(CommentFilter {
            sort: Some(CommentSort::Due),
            ..f()
        })
        .await[..3],
        ["F-1", "W-1", "W-2"]
    );
    assert_eq!(
        list(CommentFilter {
            sort: Some(CommentSort::Status),
            ..f()
        })
        .await[5],
        "W-2"
    );
    let page = staff
        .comment_page(&CommentFilter {
            limit: Some(2),
            ..f()
        })
        .await
        .unwrap();
    assert_eq!((page.total, page.comments.len()), (6, 2));

    // Members: comments assigned to their ministry or concerning its measures. anna (SMS)
    // leads 3.1.1; ulf (SMUL) shares 3.5.2; carla (SMK) shares 3.1.1.
    let sees = |who: &'static str| {
        let admin = admin.clone();
        async move {
            let s = support::as_user(b, &admin, who).await;
            ext_ids(&s.comments(&Default::default()).await.unwrap())
        }
    };
    assert_eq!(sees("anna").await, ["W-1", "W-2"]);
    assert_eq!(sees("ulf").await, ["W-2", "F-3"]);
    assert_eq!(sees("carla").await, ["W-1"]);
    assert_eq!(sees("ben").await, ["W-2", "F-1", "F-3"]);
    assert_eq!(sees("dora").await.len(), 6, "drafters read everything");
    let anna_hits = support::as_user(b, &admin, "anna")
        .await
        .search("Kommunen", 10)
        .await
        .unwrap();
    assert_eq!(
        (anna_hits.comment_total, anna_hits.comments.len()),
        (0, 0),
        "the search hides what a member may not see"
    );
    assert_eq!(staff.search("Kommunen", 10).await.unwrap().comment_total, 1);
    assert_eq!(
        support::as_user(b, &admin, "anna")
            .await
            .search("Sprachkurse", 10)
            .await
            .unwrap()
            .comment_total,
        1,
        "W-1 (3.1.1 is SMS's), not F-2"
    );
    let anna = support::as_user(b, &admin, "anna").await;
    assert_eq!(
        anna.comment(ids[2]).await.unwrap_err().code(),
        "not_found",
        "a comment a member may not see does not exist for them"
    );
    assert_eq!(
        staff
            .comment(ids[1])
            .await
            .unwrap()
            .internal_note
            .as_deref(),
        Some("Rücksprache mit SMWA")
    );
    assert_eq!(
        anna.comment(ids[1]).await.unwrap().internal_note,
        None,
        "internal notes are for staff"
    );
    let history =
        serde_json::to_string(&anna.revisions(EntityType::Comment, ids[1]).await.unwrap()).unwrap();
    assert!(
        !history.contains("Rücksprache"),
        "nor in the history: {history}"
    );
}

async fn the_dashboard_counts_status_ministry_channel_and_overdue(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let (staff, ids) = inbox_fixture(b, &admin).await;
    let day = chrono::NaiveDate::from_ymd_opt;
    staff
        .assign_comments(&ids[0..3], "SMS", Some("emil"), day(2017, 5, 1), None)
        .await
        .unwrap();
    staff
        .assign_comments(&ids[3..4], "SMWA", None, day(2017, 6, 1), None)
        .await
        .unwrap();
    staff
        .resolve_comment(
            ids[0],
            2,
            konzeptstudio::model::Vote::Beruecksichtigt,
            "Ja",
            None,
        )
        .await
        .unwrap();
    let d = staff
        .comment_dashboard(day(2017, 5, 15).unwrap())
        .await
        .unwrap();
    assert_eq!(
        (d.total, d.done, d.overdue, d.unassigned, d.mine),
        (6, 1, 2, 2, 2)
    );
    let status: Vec<(String, i64)> = d
        .by_status
        .iter()
        .map(|s| (s.label.clone(), s.count))
        .collect();
    assert_eq!(
        status,
        [
            ("neu".to_string(), 2),
            ("zugewiesen".into(), 3),
            ("in Prüfung".into(), 0),
            ("abgewogen".into(), 1),
            ("abgeschlossen".into(), 0)
        ]
    );
    let ministries: Vec<(&str, i64, i64, i64)> = d
        .by_ministry
        .iter()
        .map(|m| (m.key.as_str(), m.total, m.done, m.overdue))
        .collect();
    assert_eq!(
        ministries,
        [("SMS", 3, 1, 2), ("SMWA", 1, 0, 0), ("", 2, 0, 0)]
    );
    let channels: Vec<(&str, &str, i64)> = d
        .by_channel
        .iter()
        .map(|c| (c.key.as_str(), c.label.as_str(), c.total))
        .collect();
    assert_eq!(
        channels,
        [("forum", "Forum", 3), ("web", "Online-Beteiligung", 3)]
    );

    let ben = support::as_user(b, &admin, "ben").await;
    let d = ben
        .comment_dashboard(day(2017, 5, 15).unwrap())
        .await
        .unwrap();
    assert_eq!(d.own_ministry.as_deref(), Some("SMWA"));
    assert_eq!(d.total, 3, "what ben may see");
    assert_eq!(d.by_ministry[0].key, "SMWA", "their own queue first");
}

async fn comments_move_through_the_workflow_with_its_rules(b: Backend) {
    use konzeptstudio::model::{CommentStatus, Vote};
    let (_db, admin) = seeded(b).await;
    let (staff, ids) = inbox_fixture(b, &admin).await;
    let err = staff
        .set_comment_status(&ids[0..2], CommentStatus::InPruefung, None)
        .await
        .unwrap_err();
    assert_eq!(err.to_payload().field.as_deref(), Some("status"));
    assert!(err.to_string().contains("keinem Ressort"), "{err}");
    staff
        .assign_comments(&ids[0..2], "SMS", None, None, None)
        .await
        .unwrap();
    assert_eq!(
        staff
            .set_comment_status(&ids[0..2], CommentStatus::InPruefung, Some("Prüfung"))
            .await
            .unwrap(),
        2
    );
    let err = staff
        .set_comment_status(&ids[0..2], CommentStatus::Abgeschlossen, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("kein Votum"), "{err}");
    assert_eq!(
        staff.comment(ids[1]).await.unwrap().status,
        CommentStatus::InPruefung,
        "all or nothing"
    );
    staff
        .resolve_comment(ids[0], 3, Vote::Teilweise, "Zum Teil.", None)
        .await
        .unwrap();
    staff
        .set_comment_status(&ids[0..1], CommentStatus::Abgeschlossen, None)
        .await
        .unwrap();
    let due = chrono::NaiveDate::from_ymd_opt(2017, 7, 1);
    staff.set_comment_due(&ids[4..6], due, None).await.unwrap();
    assert_eq!(
        staff
            .assign_comments(&ids[4..5], "SMS", Some("ben"), None, None)
            .await
            .unwrap_err()
            .to_payload()
            .field
            .as_deref(),
        Some("to"),
        "ben works for SMWA"
    );
    staff
        .assign_comments(&ids[4..5], "SMWA", Some("ben"), None, None)
        .await
        .unwrap();
    assert_eq!(
        staff.comment(ids[4]).await.unwrap().due_date.as_deref(),
        Some("2017-07-01"),
        "assigning without a deadline keeps the one set"
    );
    assert_eq!(
        staff.comment(ids[5]).await.unwrap().due_date.as_deref(),
        Some("2017-07-01")
    );
    assert_eq!(
        support::as_user(b, &admin, "dora")
            .await
            .set_comment_due(&ids[4..6], None, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let closed = staff.comment(ids[0]).await.unwrap();
    assert_eq!(
        staff
            .resolve_comment(ids[0], closed.version, Vote::Beruecksichtigt, "Doch.", None)
            .await
            .unwrap_err()
            .to_payload()
            .field
            .as_deref(),
        Some("status"),
        "a closed comment stays closed"
    );
    let history = staff.revisions(EntityType::Comment, ids[0]).await.unwrap();
    let steps: Vec<String> = history
        .iter()
        .filter_map(|r| {
            r.changes
                .iter()
                .find(|c| c.field == "status")
                .map(|c| c.new.as_str().unwrap_or_default().to_string())
        })
        .collect();
    assert_eq!(
        steps,
        ["zugewiesen", "in-pruefung", "abgewogen", "abgeschlossen"]
    );
    assert!(
        history.iter().all(|r| !r.changeset.at.is_empty()),
        "each step has its time"
    );
}

async fn members_propose_answers_staff_adopt_them(b: Backend) {
    use konzeptstudio::model::{CommentStatus, Vote};
    let (_db, admin) = seeded(b).await;
    let (staff, ids) = inbox_fixture(b, &admin).await;
    staff
        .assign_comments(&ids[0..1], "SMS", None, None, None)
        .await
        .unwrap();
    let anna = support::as_user(b, &admin, "anna").await;
    let c = anna
        .propose_answer(ids[0], 2, Vote::Beruecksichtigt, "Abendkurse kommen 2019.")
        .await
        .unwrap();
    assert_eq!(c.status, CommentStatus::InPruefung);
    let p = c.proposal.unwrap();
    assert_eq!(
        (p.vote, p.answer.as_str(), p.by.as_str()),
        (Vote::Beruecksichtigt, "Abendkurse kommen 2019.", "anna")
    );
    assert_eq!(
        anna.propose_answer(ids[1], 1, Vote::ZurKenntnis, "x")
            .await
            .unwrap_err()
            .code(),
        "not_found",
        "3.5.2 is not SMS's measure: the comment does not exist for anna"
    );
    assert_eq!(
        support::as_user(b, &admin, "dora")
            .await
            .propose_answer(ids[0], 3, Vote::ZurKenntnis, "x")
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        anna.resolve_comment(ids[0], 3, Vote::Beruecksichtigt, "x", None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied",
        "members propose, staff decide"
    );
    let done = staff
        .resolve_comment(ids[0], 3, p.vote, &p.answer, Some("3.1.1"))
        .await
        .unwrap();
    assert_eq!(done.answer.as_deref(), Some("Abendkurse kommen 2019."));
    assert_eq!(done.status, CommentStatus::Abgewogen);
    assert_eq!(
        anna.propose_answer(ids[0], 4, Vote::ZurKenntnis, "später")
            .await
            .unwrap_err()
            .code(),
        "invalid_input",
        "weighed comments take no more proposals"
    );
}

async fn templates_answer_many_comments_with_their_own_details(b: Backend) {
    use konzeptstudio::model::{AnswerTemplate, Vote};
    let (_db, admin) = seeded(b).await;
    let (staff, ids) = inbox_fixture(b, &admin).await;
    let t = AnswerTemplate {
        id: None,
        title: "Dank und Verweis".into(),
        vote: Some(Vote::Beruecksichtigt),
        body: "Ihre Stellungnahme {Nr} ({Kanal}) wird in {Maßnahme} aufgegriffen.".into(),
        version: None,
    };
    assert_eq!(
        support::as_user(b, &admin, "anna")
            .await
            .save_answer_template(&t)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let bad = staff
        .save_answer_template(&AnswerTemplate {
            body: "Hallo {Vorname}".into(),
            ..t.clone()
        })
        .await
        .unwrap_err();
    assert!(bad.to_string().contains("{Vorname}"), "{bad}");
    let saved = staff.save_answer_template(&t).await.unwrap();
    assert_eq!(
        staff.save_answer_template(&t).await.unwrap_err().code(),
        "invalid_input",
        "titles are unique"
    );
    let changed = staff
        .save_answer_template(&AnswerTemplate {
            title: "Dank".into(),
            ..saved.clone()
        })
        .await
        .unwrap();
    assert_eq!(changed.version, Some(2));
    assert_eq!(
        staff.save_answer_template(&saved).await.unwrap_err().code(),
        "conflict",
        "saving from a stale version"
    );

    let n = staff
        .answer_comments(
            &ids[0..2],
            Vote::Beruecksichtigt,
            &changed.body,
            Some("3.5.2"),
            Some("Sammelantwort"),
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    let first = staff.comment(ids[0]).await.unwrap();
    assert_eq!(
        first.answer.as_deref(),
        Some("Ihre Stellungnahme W-1 (Online-Beteiligung) wird in 3.1.1, 3.5.2 aufgegriffen.")
    );
    assert_eq!(first.measures, ["3.5.2"]);
    let second = staff.comment(ids[1]).await.unwrap();
    assert!(
        second
            .answer
            .unwrap()
            .starts_with("Ihre Stellungnahme W-2 (Online-Beteiligung)")
    );
    let err = staff
        .answer_comments(&ids[2..4], Vote::NichtBeruecksichtigt, "   ", None, None)
        .await
        .unwrap_err();
    assert_eq!(err.to_payload().field.as_deref(), Some("answer"));
    assert_eq!(
        staff.comment(ids[2]).await.unwrap().vote,
        None,
        "nothing written"
    );
    staff
        .delete_answer_template(saved.id.unwrap())
        .await
        .unwrap();
    assert!(staff.answer_templates().await.unwrap().is_empty());
}

async fn a_comment_links_the_measure_revision_that_answers_it(b: Backend) {
    use konzeptstudio::store::CommentFilter;
    let (_db, admin) = seeded(b).await;
    let (staff, ids) = inbox_fixture(b, &admin).await;
    let m = admin.measure("3.1.1").await.unwrap();
    let mut data = m.data.clone();
    data.text_long = "Sprachkurse auch am Abend.".into();
    admin
        .update_measure("3.1.1", m.version, data, Some("Stellungnahme W-1"), None)
        .await
        .unwrap();
    let err = staff
        .link_answer_revision(ids[2], 1, "3.1.1", 9)
        .await
        .unwrap_err();
    assert_eq!(err.to_payload().field.as_deref(), Some("measure_version"));
    let c = staff
        .link_answer_revision(ids[2], 1, "3.1.1", 2)
        .await
        .unwrap();
    let r = c.answer_revision.unwrap();
    assert_eq!((r.measure.as_str(), r.version), ("3.1.1", 2));
    let about = staff
        .comments(&CommentFilter {
            measure: Some("3.1.1".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(ext_ids(&about), ["W-1", "W-3"], "anchored and linked");
    let history = staff.revisions(EntityType::Comment, ids[2]).await.unwrap();
    assert!(
        history[1]
            .changes
            .iter()
            .any(|c| c.field == "answer_revision")
    );
    // Weighing with a measure links the measure as it stands then, unless one was linked.
    use konzeptstudio::model::Vote;
    let v = staff.comment(ids[1]).await.unwrap().version;
    let weighed = staff
        .resolve_comment(
            ids[1],
            v,
            Vote::Beruecksichtigt,
            "Aufgenommen.",
            Some("3.5.2"),
        )
        .await
        .unwrap();
    let r = weighed
        .answer_revision
        .expect("answered by the measure's current version");
    let current = admin.measure("3.5.2").await.unwrap().version;
    assert_eq!((r.measure.as_str(), r.version), ("3.5.2", current));
    let c = staff.comment(ids[2]).await.unwrap();
    let kept = staff
        .resolve_comment(
            ids[2],
            c.version,
            Vote::Beruecksichtigt,
            "Siehe 3.1.1.",
            Some("3.1.1"),
        )
        .await
        .unwrap();
    assert_eq!(
        kept.answer_revision.unwrap().version,
        2,
        "a linked revision stays"
    );
    // Weighed again with another measure: that measure answers now.
    let again = staff
        .resolve_comment(
            ids[2],
            kept.version,
            Vote::Beruecksichtigt,
            "Siehe 3.5.2.",
            Some("3.5.2"),
        )
        .await
        .unwrap();
    assert_eq!(again.answer_revision.unwrap().measure, "3.5.2");
    // The bulk answer links the same way.
    staff
        .answer_comments(
            &[ids[0]],
            Vote::Beruecksichtigt,
            "Danke für {Nr}.",
            Some("3.5.2"),
            None,
        )
        .await
        .unwrap();
    let bulk = staff.comment(ids[0]).await.unwrap();
    assert_eq!(
        bulk.answer_revision.map(|r| (r.measure, r.version)),
        Some(("3.5.2".to_string(), current))
    );
}

async fn clusters_are_confirmed_split_merged_and_answered_through_their_head(b: Backend) {
    use konzeptstudio::model::{CommentStatus, Vote};
    use konzeptstudio::store::{CommentFilter, Resolution};
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let a = "Wir fordern die dauerhafte Finanzierung der Migrationsberatung in allen Landkreisen, \
             damit Zugewanderte verlässlich beraten werden und die Träger planen können.";
    let b2 = "Die Kitas brauchen Sprachförderkräfte in jeder Gruppe mit Kindern nichtdeutscher \
              Herkunftssprache, und zwar dauerhaft finanziert durch das Land Sachsen.";
    staff
        .insert_comments(
            "web",
            "Web",
            &[
                NewComment {
                    submitter: Some("A".into()),
                    ..comment("K-1", a)
                },
                NewComment {
                    submitter: Some("B".into()),
                    ..comment("K-2", a)
                },
                NewComment {
                    submitter: Some("C".into()),
                    ..comment("K-3", a)
                },
                NewComment {
                    submitter: Some("D".into()),
                    ..comment("K-4", b2)
                },
                NewComment {
                    submitter: Some("E".into()),
                    ..comment("K-5", b2)
                },
            ],
            None,
        )
        .await
        .unwrap();
    staff.cluster_comments(0.7).await.unwrap();
    let clusters = staff.comment_clusters().await.unwrap();
    assert_eq!(clusters.iter().map(|k| k.size).collect::<Vec<_>>(), [3, 2]);
    let (big, small) = (clusters[0].clone(), clusters[1].clone());
    assert!(!big.confirmed && big.head_excerpt.starts_with("Wir fordern"));
    let members = |k: i64| {
        let staff = staff.clone();
        async move {
            staff
                .comments(&CommentFilter {
                    cluster: Some(k),
                    ..Default::default()
                })
                .await
                .unwrap()
        }
    };
    let resolution = Resolution {
        vote: Vote::Teilweise,
        answer: "Die Beratung wird fortgeführt.".into(),
        measure: None,
        internal_note: None,
        template: None,
    };
    let w = staff.weigh_comment(big.head, 2, &resolution).await.unwrap();
    assert_eq!(
        w.cluster_members, 0,
        "an unconfirmed cluster is answered one by one"
    );

    assert_eq!(
        support::as_user(b, &admin, "dora")
            .await
            .confirm_cluster(big.id)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(staff.confirm_cluster(big.id).await.unwrap(), 3);
    let head = staff.comment(big.head).await.unwrap();
    let w = staff
        .weigh_comment(big.head, head.version, &resolution)
        .await
        .unwrap();
    assert_eq!(w.cluster_members, 2);
    let mut numbered = staff.comment(big.head).await.unwrap();
    let templated = staff
        .weigh_comment(
            big.head,
            numbered.version,
            &Resolution {
                answer: format!("Zu {}: geprüft.", numbered.external_id.clone().unwrap()),
                template: Some("Zu {Nr}: geprüft.".into()),
                ..resolution.clone()
            },
        )
        .await
        .unwrap();
    assert_eq!(templated.cluster_members, 2);
    for c in members(big.id).await {
        assert_eq!(
            c.answer.unwrap(),
            format!("Zu {}: geprüft.", c.external_id.unwrap()),
            "each member's answer names its own number"
        );
    }
    numbered = staff.comment(big.head).await.unwrap();
    staff
        .weigh_comment(big.head, numbered.version, &resolution)
        .await
        .unwrap();
    for c in members(big.id).await {
        assert_eq!(
            (c.status, c.answer.as_deref()),
            (
                CommentStatus::Abgewogen,
                Some("Die Beratung wird fortgeführt.")
            )
        );
        if c.id == big.head {
            continue; // answered the same way before the cluster was confirmed
        }
        let own = staff.revisions(EntityType::Comment, c.id).await.unwrap();
        assert!(
            own.last()
                .unwrap()
                .changes
                .iter()
                .any(|ch| ch.field == "answer"),
            "each its own record"
        );
    }

    // Split the third member off: it no longer shares the head and stays apart when
    // clustering again.
    let third = members(big.id).await[2].id;
    let apart = staff.split_cluster(big.id, &[third, third]).await.unwrap();
    assert_ne!(apart, big.id);
    assert_eq!(members(big.id).await.len(), 2);
    assert!(
        staff
            .comment_clusters()
            .await
            .unwrap()
            .iter()
            .any(|k| k.id == big.id && k.confirmed),
        "the rest stays as confirmed as it was"
    );
    staff.cluster_comments(0.7).await.unwrap();
    assert_eq!(staff.comment(third).await.unwrap().cluster_id, Some(apart));
    assert_eq!(
        members(big.id).await.len(),
        2,
        "a manual split survives clustering"
    );
    assert_eq!(
        staff
            .split_cluster(big.id, &[third])
            .await
            .unwrap_err()
            .code(),
        "invalid_input",
        "not a member any more"
    );

    let merged = staff.merge_clusters(&[big.id, small.id]).await.unwrap();
    assert_eq!(merged, big.id);
    let all = staff.comment_clusters().await.unwrap();
    let k = all.iter().find(|k| k.id == merged).unwrap();
    assert_eq!(
        (k.size, k.kind.as_str(), k.confirmed, k.head),
        (4, "manual", true, big.head)
    );
    assert!(all.iter().all(|k| k.id != small.id));

    // A bulk answer to the head answers the members too, each from the template.
    let answered = staff
        .answer_comments(
            &[big.head],
            Vote::ZurKenntnis,
            "Zu {Nr}: per Textbaustein.",
            None,
            None,
        )
        .await
        .unwrap();
    assert_eq!(answered, 4);
    for c in members(merged).await {
        assert_eq!(
            c.answer.unwrap(),
            format!("Zu {}: per Textbaustein.", c.external_id.unwrap())
        );
        assert_eq!(c.vote, Some(Vote::ZurKenntnis));
    }
}

async fn a_submitters_personal_data_is_erased_on_request(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    staff
        .insert_comments(
            "web",
            "Web",
            &[NewComment {
                submitter: Some("Erika Mustermann".into()),
                organisation: Some("Initiative Mustermann".into()),
                submitter_type: Some("Bürgerin".into()),
                ..comment("E-1", "Bitte mehr Kurse")
            }],
            None,
        )
        .await
        .unwrap();
    let id = staff.comments(&Default::default()).await.unwrap()[0].id;
    staff.anonymise_submitter(id, None).await.unwrap();
    assert_eq!(
        staff.comment(id).await.unwrap().privacy.as_deref(),
        Some("anonymisiert")
    );
    assert_eq!(
        staff
            .erase_submitter(id, Some("Antrag vom 3.5."))
            .await
            .unwrap(),
        1
    );
    let c = staff.comment(id).await.unwrap();
    assert_eq!(
        (
            c.submitter,
            c.organisation,
            c.submitter_type,
            c.privacy.as_deref(),
            c.text.as_str()
        ),
        (None, None, None, Some("gelöscht"), "Bitte mehr Kurse")
    );
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT COALESCE(snapshot, '') || changes FROM revisions")
            .fetch_all(admin.pool())
            .await
            .unwrap();
    assert!(rows.iter().all(|r| !r.contains("Mustermann")));
    let history = staff.revisions(EntityType::Comment, id).await.unwrap();
    assert_eq!(
        history.last().unwrap().changeset.reason.as_deref(),
        Some("Antrag vom 3.5.")
    );
    assert_eq!(
        staff.erase_submitter(id, None).await.unwrap_err().code(),
        "invalid_input"
    );
}

async fn a_submitter_is_anonymised_everywhere_without_a_trace_of_the_name(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let mk = |ext: &str, text: &str| NewComment {
        submitter: Some("Erika Mustermann".into()),
        organisation: Some("Flüchtlingsrat".into()),
        ..comment(ext, text)
    };
    staff
        .insert_comments(
            "web",
            "Web",
            &[mk("E-1", "Erstens"), mk("E-22", "Zweitens")],
            None,
        )
        .await
        .unwrap();
    let first = staff.comments(&Default::default()).await.unwrap()[0].clone();
    assert_eq!(
        support::as_user(b, &admin, "dora")
            .await
            .anonymise_submitter(first.id, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let n = staff
        .anonymise_submitter(first.id, Some("Antrag nach Art. 17 DSGVO"))
        .await
        .unwrap();
    // Each row of the import has its own submitter record; the one asked for is cleared.
    assert_eq!(n, 1);
    let now = staff.comment(first.id).await.unwrap();
    assert_eq!(
        (now.submitter.as_deref(), now.organisation.as_deref()),
        (None, Some("Flüchtlingsrat"))
    );
    assert_eq!(now.text, "Erstens", "the comment stays");
    let history = staff
        .revisions(EntityType::Comment, first.id)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    let all_history = serde_json::to_string(&history).unwrap();
    assert!(!all_history.contains("Mustermann"), "{all_history}");
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT COALESCE(snapshot, '') || changes FROM revisions")
            .fetch_all(admin.pool())
            .await
            .unwrap();
    assert!(
        rows.iter().all(|r| !r.contains("Mustermann")),
        "no revision keeps the name"
    );
    assert_eq!(
        staff
            .anonymise_submitter(first.id, None)
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

async fn form_letters_are_clustered(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let letter = "Wir fordern die dauerhafte Finanzierung der Migrationsberatung in allen Landkreisen, \
                  damit Zugewanderte verlässlich beraten werden und die Träger planen können.";
    let added = format!("{letter} Außerdem brauchen wir Sprachkurse am Abend.");
    let mk = |ext: &str, who: &str, text: &str| NewComment {
        submitter: Some(who.into()),
        ..comment(ext, text)
    };
    staff
        .insert_comments(
            "web",
            "Web",
            &[
                mk("F-1", "A", letter),
                mk(
                    "F-2",
                    "B",
                    "Die Wärmepumpenförderung gehört nicht in dieses Konzept.",
                ),
                mk("F-3", "C", letter),
                mk("F-4", "D", &added),
            ],
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        support::as_user(b, &admin, "dora")
            .await
            .cluster_comments(0.7)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let r = staff.cluster_comments(0.7).await.unwrap();
    assert_eq!((r.clusters, r.comments, r.near), (1, 3, 1));
    let all = staff.comments(&Default::default()).await.unwrap();
    let cluster = |ext: &str| {
        all.iter()
            .find(|c| c.external_id.as_deref() == Some(ext))
            .unwrap()
            .cluster_id
    };
    assert!(cluster("F-1").is_some());
    assert_eq!(cluster("F-1"), cluster("F-3"));
    assert_eq!(cluster("F-1"), cluster("F-4"));
    assert_eq!(cluster("F-2"), None);
    let f4 = all
        .iter()
        .find(|c| c.external_id.as_deref() == Some("F-4"))
        .unwrap();
    let history = staff.revisions(EntityType::Comment, f4.id).await.unwrap();
    assert_eq!(history.len(), 2, "created, clustered");
    assert!(history[1].changes.iter().any(|c| c.field == "cluster_head"));

    let before = staff.latest_changeset().await.unwrap();
    let again = staff.cluster_comments(0.7).await.unwrap();
    assert_eq!(again.clusters, 1);
    assert_eq!(
        staff.latest_changeset().await.unwrap(),
        before,
        "nothing new: nothing written"
    );
    let strict = staff.cluster_comments(0.99).await.unwrap();
    assert_eq!(
        (strict.clusters, strict.exact, strict.comments),
        (1, 1, 2),
        "only the exact copies"
    );
}

async fn comments_are_assigned_and_weighed_with_history(b: Backend) {
    use konzeptstudio::model::{CommentStatus, Vote};
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let new = comment;
    staff
        .insert_comments(
            "web",
            "Web",
            &[new("W-1", "Mehr Mentoren"), new("W-2", "Zu teuer")],
            None,
        )
        .await
        .unwrap();
    let all = staff.comments(&Default::default()).await.unwrap();
    let ids: Vec<i64> = all.iter().map(|c| c.id).collect();

    let anna = support::as_user(b, &admin, "anna").await;
    assert_eq!(
        anna.assign_comments(&ids, "SMS", None, None, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        staff
            .assign_comments(&ids, "XYZ", None, None, None)
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let due = chrono::NaiveDate::from_ymd_opt(2017, 6, 30);
    assert_eq!(
        staff
            .assign_comments(&ids, "SMWA", Some("ben"), due, Some("Eingang"))
            .await
            .unwrap(),
        2
    );
    let c = staff.comment(ids[0]).await.unwrap();
    assert_eq!(
        (c.status, c.assigned_ministry.as_deref(), c.version),
        (CommentStatus::Zugewiesen, Some("SMWA"), 2)
    );

    let err = staff
        .resolve_comment(ids[1], 2, Vote::NichtBeruecksichtigt, "  ", None)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_payload().field.as_deref(),
        Some("answer"),
        "the answer is required"
    );
    assert_eq!(
        staff
            .resolve_comment(ids[0], 1, Vote::Beruecksichtigt, "Ja.", None)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    let done = staff
        .resolve_comment(
            ids[0],
            2,
            Vote::Beruecksichtigt,
            "Wird in 3.5.2 aufgegriffen.",
            Some("3.5.2"),
        )
        .await
        .unwrap();
    assert_eq!(
        (done.status, done.vote, done.version),
        (CommentStatus::Abgewogen, Some(Vote::Beruecksichtigt), 3)
    );

    let history = staff.revisions(EntityType::Comment, ids[0]).await.unwrap();
    assert_eq!(history.len(), 3, "created, assigned, weighed");
    let fields = |i: usize| {
        history[i]
            .changes
            .iter()
            .map(|c| c.field.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        fields(1).contains(&"assigned_ministry".to_string())
            && fields(1).contains(&"status".to_string())
    );
    assert!(fields(2).contains(&"vote".to_string()) && fields(2).contains(&"measures".to_string()));
    assert_eq!(history[1].changeset.reason.as_deref(), Some("Eingang"));
    assert_eq!(history[2].changeset.actor, "emil");
}

async fn an_import_is_all_or_nothing_unless_told_otherwise(b: Backend) {
    use konzeptstudio::import::{ImportOptions, import_file};
    let (_db, admin) = seeded(b).await;
    let csv = "Beitrag;Datum;Maßnahme;ID\n\
               Gute Sache;22.04.2017 20:02;3.5.2;A-1\n\
               Kaputtes Datum;31.04.2017;;A-2\n\
               Unbekannt;01.05.2017;7.7.7;A-3\n";
    let strict = ImportOptions::default();
    assert_eq!(
        import_file(
            &support::as_user(b, &admin, "anna").await,
            "x.csv",
            csv.as_bytes(),
            "Forum",
            &strict
        )
        .await
        .unwrap_err()
        .code(),
        "permission_denied",
        "members do not import"
    );
    let staff = support::as_user(b, &admin, "emil").await;
    let r = import_file(&staff, "x.csv", csv.as_bytes(), "Forum", &strict)
        .await
        .unwrap();
    assert!(!r.written);
    assert_eq!(
        r.rejected.iter().map(|p| p.line).collect::<Vec<_>>(),
        vec![3, 4]
    );
    assert!(
        staff
            .comments(&Default::default())
            .await
            .unwrap()
            .is_empty(),
        "nothing written"
    );

    let lenient = ImportOptions {
        skip_invalid: true,
        ..Default::default()
    };
    let r = import_file(&staff, "x.csv", csv.as_bytes(), "Forum", &lenient)
        .await
        .unwrap();
    assert_eq!((r.written, r.imported, r.rejected.len()), (true, 1, 2));
    let stored = staff.comments(&Default::default()).await.unwrap();
    assert_eq!(stored[0].measure.as_deref(), Some("3.5.2"));
    assert_eq!(
        stored[0].received_at, "2017-04-22T18:02:00.000Z",
        "German time stored as UTC"
    );
    let again = import_file(&staff, "x.csv", csv.as_bytes(), "Forum", &lenient)
        .await
        .unwrap();
    assert_eq!(
        (again.imported, again.duplicates),
        (0, 1),
        "a second import adds nothing"
    );
}

async fn bulk_edits_are_one_change_and_all_or_nothing(b: Backend) {
    use konzeptstudio::store::{BulkChange, VersionedCode};
    let (_db, admin) = seeded(b).await;
    let at = |code: &str, version: i64| VersionedCode {
        code: code.into(),
        version,
    };
    let done = BulkChange {
        status: Some("umgesetzt".into()),
        lead_ministry: None,
    };
    // Anna (SMS) may edit 3.1.1 but not 3.5.2 (SMWA, SMUL): nothing is written.
    let anna = support::as_user(b, &admin, "anna").await;
    let err = anna
        .update_measures_bulk(&[at("3.1.1", 1), at("3.5.2", 1)], &done, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "permission_denied");
    assert!(err.to_string().contains("3.5.2"), "{err}");
    assert_eq!(admin.measure("3.1.1").await.unwrap().version, 1);

    // A stale version anywhere refuses the whole change.
    let dora = support::as_user(b, &admin, "dora").await;
    let err = dora
        .update_measures_bulk(&[at("3.1.1", 1), at("3.5.2", 7)], &done, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(
        admin.measure("3.1.1").await.unwrap().data.status,
        "in-umsetzung"
    );

    let before = admin.latest_changeset().await.unwrap();
    let moved = BulkChange {
        status: Some("umgesetzt".into()),
        lead_ministry: Some("SMK".into()),
    };
    let n = dora
        .update_measures_bulk(
            &[at("3.1.1", 1), at("3.5.2", 1)],
            &moved,
            Some("Kabinettsbeschluss"),
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    let feed = admin.changes_since(before, 10).await.unwrap();
    assert_eq!(feed.len(), 1, "one changeset for the whole bulk edit");
    assert_eq!(feed[0].entities.len(), 2);
    assert_eq!(
        feed[0].changeset.reason.as_deref(),
        Some("Kabinettsbeschluss")
    );
    let m = admin.measure("3.1.1").await.unwrap();
    assert_eq!(
        (m.data.lead_ministry.as_str(), m.data.status.as_str()),
        ("SMK", "umgesetzt")
    );
    assert!(
        m.data.co_ministries.is_empty(),
        "the new lead is no longer co-responsible"
    );
    // Members may set the status of their measures, not move the lead.
    let carla = support::as_user(b, &admin, "carla").await;
    let lead_to_sms = BulkChange {
        status: None,
        lead_ministry: Some("SMS".into()),
    };
    assert_eq!(
        carla
            .update_measures_bulk(&[at("3.1.1", 2)], &lead_to_sms, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
}

async fn the_overview_counts_by_field_and_ministry(b: Backend) {
    let (_db, admin) = seeded(b).await;
    support::as_user(b, &admin, "dora")
        .await
        .freeze_edition(
            "ZIK II 2018",
            EditionStatus::Beschlossen,
            chrono::NaiveDate::from_ymd_opt(2018, 4, 24),
            "",
        )
        .await
        .unwrap();
    let o = admin.overview().await.unwrap();
    assert_eq!(o.measure_count, 2);
    assert_eq!(
        o.by_field
            .iter()
            .map(|c| (c.key.as_str(), c.total))
            .collect::<Vec<_>>(),
        vec![("3.1", 1), ("3.5", 1)],
        "3.1.1 counts for 3.1; fields in reading order"
    );
    assert_eq!(
        o.by_ministry
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>(),
        vec!["SMS", "SMWA"]
    );
    assert_eq!(o.by_field[0].by_status.get("in-umsetzung"), Some(&1));
    assert_eq!(
        o.current_edition.map(|e| e.name).as_deref(),
        Some("ZIK II 2018")
    );
}

async fn a_removed_measure_leaves_the_current_state_but_not_history(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let dora = support::as_user(b, &admin, "dora").await;
    dora.freeze_edition("Vorher", EditionStatus::Entwurf, None, "")
        .await
        .unwrap();
    let m = dora.measure("3.5.2").await.unwrap();
    assert_eq!(
        support::as_user(b, &admin, "ben")
            .await
            .delete_measure("3.5.2", m.version, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        dora.delete_measure("3.5.2", m.version + 1, None)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert_eq!(
        dora.delete_measure("3.5.2", m.version, Some("entfällt"))
            .await
            .unwrap(),
        m.version + 1
    );

    assert_eq!(dora.measure("3.5.2").await.unwrap_err().code(), "not_found");
    let codes: Vec<String> = dora
        .list_measures(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.code)
        .collect();
    assert_eq!(codes, vec!["3.1.1"]);
    assert_eq!(dora.search("mentoren", 20).await.unwrap().measure_total, 0);
    let history = dora.measure_history("3.5.2").await.unwrap();
    assert_eq!(history.last().unwrap().op, "delete");
    assert_eq!(
        history.last().unwrap().changeset.reason.as_deref(),
        Some("entfällt")
    );
    assert_eq!(
        dora.measure_at("3.5.2", m.version).await.unwrap().title,
        m.data.title
    );
    assert_eq!(
        dora.edition_measures("Vorher").await.unwrap().len(),
        2,
        "frozen before: still there"
    );
    // What the printed documents read: the frozen edition whole, the current state without it.
    let frozen = dora.edition_snapshot("Vorher").await.unwrap();
    assert_eq!(frozen.measures.len(), 2);
    assert_eq!(frozen.edition.name, "Vorher");
    let live_fields = dora.fields().await.unwrap();
    assert_eq!(frozen.fields.len(), live_fields.len());
    assert!(!frozen.ministries.is_empty() && frozen.concept.is_some());
    let current: Vec<String> = dora
        .current_measure_data()
        .await
        .unwrap()
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert_eq!(current, vec!["3.1.1"]);
    assert_eq!(
        dora.freeze_edition("Nachher", EditionStatus::Entwurf, None, "")
            .await
            .unwrap()
            .measure_count,
        1
    );
    let reuse = dora
        .create_measure("3.5.2", measure("Neu", "3.5", "SMWA", &[]), None)
        .await
        .unwrap_err();
    assert_eq!(reuse.code(), "invalid_input", "codes are never reused");
}

async fn a_change_feed_reports_what_others_changed(b: Backend) {
    let (db, admin) = seeded(b).await;
    let seen = admin.latest_changeset().await.unwrap();
    assert!(seen > 0);
    assert!(admin.changes_since(seen, 100).await.unwrap().is_empty());
    let other = support::open_as(&db, Some("anna")).await.unwrap();
    let m = other.measure("3.1.1").await.unwrap();
    let mut d = m.data.clone();
    d.progress = 90;
    other
        .update_measure("3.1.1", m.version, d, Some("Stand Juni"), None)
        .await
        .unwrap();
    let feed = admin.changes_since(seen, 100).await.unwrap();
    assert_eq!(feed.len(), 1);
    assert_eq!(feed[0].changeset.actor, "anna");
    assert_eq!(feed[0].changeset.reason.as_deref(), Some("Stand Juni"));
    assert_eq!(
        feed[0].entities,
        vec![(EntityType::Measure, m.id, m.version + 1)]
    );
    assert_eq!(
        admin.latest_changeset().await.unwrap(),
        feed[0].changeset.id
    );
}

async fn reference_data_is_cached_and_refreshed_by_changes(b: Backend) {
    let (db, admin) = seeded(b).await;
    let first = admin.reference_data().await.unwrap();
    // Read again: the same data, from the cache (the same allocation).
    let again = admin.reference_data().await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&first, &again));
    // A structural change through this store is seen at once.
    let goals = first.goals.len();
    admin.add_goal("3.5", "Ein neues Ziel").await.unwrap();
    let after_own = admin.reference_data().await.unwrap();
    assert_eq!(after_own.goals.len(), goals + 1);
    // A measure change does not drop the cache.
    let m = admin.measure("3.1.1").await.unwrap();
    let mut d = m.data.clone();
    d.progress = 55;
    admin
        .update_measure("3.1.1", m.version, d, Some("Stand"), None)
        .await
        .unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &after_own,
        &admin.reference_data().await.unwrap()
    ));
    // A change made elsewhere reaches this store through the change feed it polls.
    let seen = admin.latest_changeset().await.unwrap();
    let other = Store::open(&db.location, None).await.unwrap();
    let field = other.field("3.5").await.unwrap();
    other
        .update_field(
            "3.5",
            field.version,
            "Arbeit und Ausbildung (neu)",
            &field.intro,
            Some("Titel"),
        )
        .await
        .unwrap();
    let stale = admin.reference_data().await.unwrap();
    assert_ne!(
        stale
            .fields
            .iter()
            .find(|f| f.number == "3.5")
            .unwrap()
            .title,
        "Arbeit und Ausbildung (neu)",
        "cached until the feed reports the change"
    );
    assert_eq!(admin.changes_since(seen, 100).await.unwrap().len(), 1);
    let fresh = admin.reference_data().await.unwrap();
    assert_eq!(
        fresh
            .fields
            .iter()
            .find(|f| f.number == "3.5")
            .unwrap()
            .title,
        "Arbeit und Ausbildung (neu)"
    );
    other.close().await;
}

async fn a_dropped_connection_is_replaced(b: Backend) {
    let (db, admin) = seeded(b).await;
    admin.measure("3.1.1").await.unwrap();
    if let Location::Postgres(url) = &db.location {
        // Another session ends every other backend of this database, as a server restart or
        // a firewall would: the store's pinned connection and the pool's idle ones.
        use sqlx::Connection;
        let mut killer = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .execute(&mut killer)
        .await
        .unwrap();
        killer.close().await.unwrap();
        let err = admin.measure("3.1.1").await.unwrap_err();
        assert!(err.is_connection_lost(), "{err:?}");
        admin.reset_connection().await;
    }
    // A new connection, found alive among the dead ones.
    assert_eq!(admin.measure("3.1.1").await.unwrap().code, "3.1.1");
    assert!(!admin.reference_data().await.unwrap().fields.is_empty());
}

async fn measures_created_together_are_written_set_based_and_checked_alike(b: Backend) {
    let (_db, admin) = seeded(b).await;
    // A parent and its sub-measure in one call: the parent is written first.
    let mut parent = measure("Sprachmittlung", "3.1", "SMS", &["SMK"]);
    parent.partners = vec!["Kommunen".into(), "Landkreise".into()];
    let mut child = measure("Sprachmittlung im Gesundheitswesen", "3.1", "SMS", &[]);
    child.parent = Some("3.1-90".into());
    admin
        .create_measures(
            vec![("3.1-90".into(), parent), ("3.1-90.1".into(), child)],
            Some("Neu"),
        )
        .await
        .unwrap();
    let p = admin.measure("3.1-90").await.unwrap();
    assert_eq!(p.data.partners, ["Kommunen", "Landkreise"]);
    assert_eq!(p.data.co_ministries, ["SMK"]);
    assert_eq!(
        admin
            .measure("3.1-90.1")
            .await
            .unwrap()
            .data
            .parent
            .as_deref(),
        Some("3.1-90")
    );
    assert_eq!(admin.measure_history("3.1-90").await.unwrap().len(), 1);
    // The same code twice in one call, or an unknown field: the single write's error, and
    // nothing written.
    for (items, expected) in [
        (
            vec![
                ("3.1-91".to_string(), measure("A", "3.1", "SMS", &[])),
                ("3.1-91".to_string(), measure("B", "3.1", "SMS", &[])),
            ],
            "gibt es schon",
        ),
        (
            vec![
                ("3.1-92".to_string(), measure("C", "3.1", "SMS", &[])),
                ("3.1-93".to_string(), measure("D", "9.9", "SMS", &[])),
            ],
            "Handlungsfeld „9.9“ gibt es nicht",
        ),
    ] {
        let err = admin.create_measures(items, None).await.unwrap_err();
        assert!(err.to_string().contains(expected), "{err}");
    }
    for code in ["3.1-91", "3.1-92"] {
        assert!(admin.measure(code).await.is_err(), "{code} was not written");
    }
}

async fn structure_edits_are_versioned_too(b: Backend) {
    let (_db, admin) = seeded(b).await;
    // The concept's front matter.
    let v = admin.concept_version().await.unwrap();
    let mut c = admin.concept().await.unwrap();
    c.motto = "Türen öffnen".into();
    admin.update_concept(v, &c, Some("Motto")).await.unwrap();
    c.foreword = "Vorwort".into();
    let err = admin.update_concept(v, &c, None).await.unwrap_err();
    assert!(
        matches!(err, Error::Conflict { current, .. } if current == v + 1),
        "{err}"
    );
    assert_eq!(admin.concept().await.unwrap().motto, "Türen öffnen");
    // Fields and goals report the version to rebase on.
    let f = admin.field("3.5").await.unwrap();
    admin
        .update_field("3.5", f.version, "Arbeit", "", None)
        .await
        .unwrap();
    let err = admin
        .update_field("3.5", f.version, "Arbeit und Ausbildung", "", None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Conflict { current, .. } if current == f.version + 1),
        "{err}"
    );
    let g = admin
        .add_goal("3.5", "Geflüchtete finden rasch Arbeit.")
        .await
        .unwrap();
    admin
        .update_goal(
            g.id,
            g.version,
            "Geflüchtete finden rasch Ausbildung und Arbeit.",
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        admin
            .update_goal(g.id, g.version, "x", None)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert_eq!(
        admin.revisions(EntityType::Goal, g.id).await.unwrap().len(),
        2
    );
    // A login belongs to one user.
    let dup = admin
        .add_user(konzeptstudio::store::NewUser {
            name: "zweite".into(),
            display_name: None,
            role: konzeptstudio::model::Role::Staff,
            ministry: None,
            db_login: Some(
                admin
                    .user_by_name("emil")
                    .await
                    .unwrap()
                    .unwrap()
                    .db_login
                    .unwrap_or_else(|| "emil".into()),
            ),
        })
        .await;
    if b == Backend::Postgres {
        assert_eq!(dup.unwrap_err().code(), "invalid_input");
    }
    // Restructuring records the users it moves.
    admin
        .add_ministry(
            "SMEKUL",
            "Energie, Klimaschutz, Umwelt und Landwirtschaft",
            None,
        )
        .await
        .unwrap();
    admin
        .restructure_ministry(
            "SMUL",
            "SMEKUL",
            chrono::NaiveDate::from_ymd_opt(2019, 12, 20).unwrap(),
            None,
        )
        .await
        .unwrap();
    let ulf = admin.user_by_name("ulf").await.unwrap().unwrap();
    let moved = admin.revisions(EntityType::User, ulf.id).await.unwrap();
    assert_eq!(moved.len(), 2);
    assert_eq!(moved[1].changes[0].new, "SMEKUL");
    assert_eq!(moved[1].changeset.action, "ministry.restructure");
}

async fn lists_see_changes_made_through_other_connections(b: Backend) {
    let (db, admin) = seeded(b).await;
    let by_smk = konzeptstudio::store::MeasureFilter {
        ministry: Some("SMK".into()),
        ..Default::default()
    };
    let before = admin.list_measures(&by_smk).await.unwrap();
    assert_eq!(
        before.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(),
        vec!["3.1.1"]
    );
    // Another desk (its own pool) moves 3.5.2 to SMK.
    let other = support::open_as(&db, Some("dora")).await.unwrap();
    let m = other.measure("3.5.2").await.unwrap();
    let mut d = m.data.clone();
    d.co_ministries = vec!["SMK".into(), "SMUL".into()];
    other
        .update_measure("3.5.2", m.version, d, None, None)
        .await
        .unwrap();
    let after = admin.list_measures(&by_smk).await.unwrap();
    assert_eq!(
        after.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(),
        vec!["3.1.1", "3.5.2"]
    );
    let listed = after.iter().find(|m| m.code == "3.5.2").unwrap();
    assert_eq!(listed.version, m.version + 1);
    assert_eq!(listed.co_ministries, vec!["SMK", "SMUL"]);
    assert_eq!(listed.budget_cents, 980_000_000);
    // A new measure lands in reading order.
    other
        .create_measure("3.1.9", measure("Neu", "3.1", "SMK", &[]), None)
        .await
        .unwrap();
    let codes: Vec<String> = admin
        .list_measures(&by_smk)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.code)
        .collect();
    assert_eq!(codes, vec!["3.1.1", "3.1.9", "3.5.2"]);
    let all: Vec<String> = admin
        .list_measures(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.code)
        .collect();
    assert_eq!(all, vec!["3.1.1", "3.1.9", "3.5.2"]);
    let limited = admin
        .list_measures(&konzeptstudio::store::MeasureFilter {
            field: Some("3.1".into()),
            limit: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        limited.len(),
        1,
        "sub-fields count as part of their field; limit applies"
    );
    assert_eq!(limited[0].field, "3.1.4");
}

async fn migrations_apply_to_an_empty_database_and_reopen(b: Backend) {
    let db = fresh(b).await;
    let store = Store::init(&db.location, &support::concept())
        .await
        .unwrap();
    assert_eq!(store.actor().role, konzeptstudio::model::Role::Admin);
    assert_eq!(store.statuses().await.unwrap().len(), 6);
    store.close().await;
    let again = Store::open(&db.location, None).await.unwrap();
    assert_eq!(again.concept().await.unwrap().title, "Testkonzept");
    assert_eq!(again.actor().name, store.actor().name);
    let err = Store::init(&db.location, &support::concept())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
}

async fn a_newer_schema_is_refused_and_left_alone(b: Backend) {
    let (db, admin) = seeded(b).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'from the future', TRUE, $1, 0)",
    )
    .bind(vec![0u8; 48])
    .execute(admin.pool())
    .await
    .unwrap();
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions")
        .fetch_one(admin.pool())
        .await
        .unwrap();
    admin.close().await;
    let err = Store::open(&db.location, None).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::SchemaTooNew {
                found: 99990101000000,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("aktualisieren"));
    // Nothing was written: a fresh connection with the raw driver sees the same history.
    let probe = raw_pool(&db.location).await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions")
        .fetch_one(&probe)
        .await
        .unwrap();
    assert_eq!(before, after);
}

async fn raw_pool(location: &Location) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    let url = match location {
        Location::File(p) => format!("sqlite://{}", p.display()),
        Location::Postgres(u) => u.clone(),
    };
    sqlx::AnyPool::connect(&url).await.unwrap()
}

async fn a_stale_update_is_a_conflict(b: Backend) {
    let (db, admin) = seeded(b).await;
    // Two independent handles (two pools): two users at two desks.
    let anna = support::open_as(&db, Some("anna")).await.unwrap();
    let carla = support::open_as(&db, Some("carla")).await.unwrap();
    let m = anna.measure("3.1.1").await.unwrap();
    let mut mine = m.data.clone();
    mine.title = "Sprachkurse für alle".into();
    let mut theirs = m.data.clone();
    theirs.progress = 55;
    let w = anna
        .update_measure("3.1.1", m.version, mine, Some("Titel geschärft"), None)
        .await
        .unwrap();
    assert!(w.changed);
    assert_eq!(w.measure.version, m.version + 1);
    let err = carla
        .update_measure("3.1.1", m.version, theirs, None, None)
        .await
        .unwrap_err();
    match err {
        Error::Conflict {
            expected, current, ..
        } => {
            assert_eq!(expected, m.version);
            assert_eq!(current, m.version + 1);
        }
        other => panic!("expected a conflict, got {other}"),
    }
    assert_eq!(
        admin.measure("3.1.1").await.unwrap().data.title,
        "Sprachkurse für alle"
    );
    assert_eq!(
        admin.measure("3.1.1").await.unwrap().data.progress,
        40,
        "the stale change was not applied"
    );
}

async fn concurrent_updates_on_two_connections_let_exactly_one_win(b: Backend) {
    let (db, _admin) = seeded(b).await;
    for round in 0..5 {
        let a = support::open_as(&db, Some("dora")).await.unwrap();
        let c = support::open_as(&db, Some("dora")).await.unwrap();
        let base = a.measure("3.5.2").await.unwrap();
        let mut d1 = base.data.clone();
        d1.title = format!("Variante A {round}");
        let mut d2 = base.data.clone();
        d2.title = format!("Variante B {round}");
        let v = base.version;
        let (r1, r2) = tokio::join!(
            tokio::spawn(async move { a.update_measure("3.5.2", v, d1, None, None).await }),
            tokio::spawn(async move { c.update_measure("3.5.2", v, d2, None, None).await }),
        );
        let results = [r1.unwrap(), r2.unwrap()];
        let wins = results.iter().filter(|r| r.is_ok()).count();
        let conflicts = results
            .iter()
            .filter(|r| matches!(r, Err(Error::Conflict { current, .. }) if *current == v + 1))
            .count();
        assert_eq!((wins, conflicts), (1, 1), "round {round}: {results:?}");
        let history = _admin.measure_history("3.5.2").await.unwrap();
        assert_eq!(
            history.last().unwrap().version,
            v + 1,
            "exactly one revision per winning update"
        );
    }
}

async fn a_change_and_its_revision_are_stored_together_or_not_at_all(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let before = admin.measure("3.5.2").await.unwrap();
    let revisions_before = admin.measure_history("3.5.2").await.unwrap().len();
    // Make the revision insert fail after the measure row was already updated in the transaction.
    match b {
        Backend::Sqlite => {
            sqlx::query(
                "CREATE TRIGGER test_fail BEFORE INSERT ON revisions WHEN NEW.entity_type = 'measure' \
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
            )
            .execute(admin.pool())
            .await
            .unwrap();
        }
        Backend::Postgres | Backend::PostgresRls => {
            sqlx::query(
                "CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION 'injected failure'; END $$",
            )
            .execute(admin.pool())
            .await
            .unwrap();
            sqlx::query(
                "CREATE TRIGGER test_fail BEFORE INSERT ON revisions FOR EACH ROW \
                 WHEN (NEW.entity_type = 'measure') EXECUTE FUNCTION test_fail()",
            )
            .execute(admin.pool())
            .await
            .unwrap();
        }
    }
    let mut d = before.data.clone();
    d.title = "Darf nicht gespeichert werden".into();
    let err = admin
        .update_measure("3.5.2", before.version, d, None, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("injected failure"), "{err}");
    let drop = match b {
        Backend::Sqlite => "DROP TRIGGER test_fail",
        Backend::Postgres | Backend::PostgresRls => "DROP TRIGGER test_fail ON revisions",
    };
    sqlx::query(drop).execute(admin.pool()).await.unwrap();
    let after = admin.measure("3.5.2").await.unwrap();
    assert_eq!(after.version, before.version);
    assert_eq!(after.data, before.data);
    assert_eq!(
        admin.measure_history("3.5.2").await.unwrap().len(),
        revisions_before
    );
    let changesets: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM changesets WHERE action = 'measure.update'")
            .fetch_one(admin.pool())
            .await
            .unwrap();
    assert_eq!(changesets, 0, "the changeset went with the failed change");
}

async fn roles_are_enforced_on_every_write_path(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let anna = support::as_user(b, &admin, "anna").await; // member SMS: lead of 3.1.1
    let carla = support::as_user(b, &admin, "carla").await; // member SMK: co of 3.1.1
    let ben = support::as_user(b, &admin, "ben").await; // member SMWA: not on 3.1.1
    let dora = support::as_user(b, &admin, "dora").await; // drafter
    let emil = support::as_user(b, &admin, "emil").await; // staff

    let m = admin.measure("3.1.1").await.unwrap();
    let mut retitled = m.data.clone();
    retitled.title = "Sprachkurse vor Ort".into();
    let denied = ben
        .update_measure("3.1.1", m.version, retitled.clone(), None, None)
        .await
        .unwrap_err();
    assert_eq!(denied.code(), "permission_denied");
    assert!(denied.to_string().contains("SMWA"), "{denied}");
    assert_eq!(
        emil.update_measure("3.1.1", m.version, retitled.clone(), None, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let v = carla
        .update_measure("3.1.1", m.version, retitled.clone(), None, None)
        .await
        .unwrap()
        .measure
        .version;
    let mut moved = retitled.clone();
    moved.lead_ministry = "SMK".into();
    moved.co_ministries = vec!["SMS".into()];
    assert_eq!(
        anna.update_measure("3.1.1", v, moved.clone(), None, None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    let v = dora
        .update_measure("3.1.1", v, moved, Some("Federführung neu"), None)
        .await
        .unwrap()
        .measure
        .version;
    assert_eq!(v, m.version + 2);

    assert_eq!(
        anna.create_measure("3.1.9", measure("Neu", "3.1", "SMS", &[]), None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        anna.freeze_edition("X", EditionStatus::Entwurf, None, "")
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        emil.add_field("3.9", "Gewaltschutz", None, "", 9)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        dora.add_user(konzeptstudio::store::NewUser {
            name: "x".into(),
            display_name: None,
            role: konzeptstudio::model::Role::Admin,
            ministry: None,
            db_login: None
        })
        .await
        .unwrap_err()
        .code(),
        "permission_denied"
    );
    assert_eq!(
        anna.restructure_ministry(
            "SMS",
            "SMK",
            chrono::NaiveDate::from_ymd_opt(2019, 12, 20).unwrap(),
            None
        )
        .await
        .unwrap_err()
        .code(),
        "permission_denied"
    );
    let comment = NewComment {
        external_id: None,
        submitter: None,
        organisation: None,
        submitter_type: None,
        received_at: "2017-04-01T10:00:00.000Z".into(),
        text: "Mehr Sprachkurse".into(),
        measure: None,
        field: None,
        illustrative: false,
    };
    assert_eq!(
        dora.insert_comments("web", "Web", std::slice::from_ref(&comment), None)
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    assert_eq!(
        emil.insert_comments("web", "Web", &[comment], None)
            .await
            .unwrap()
            .imported,
        1
    );
    // Only an admin may act as somebody else.
    assert_eq!(
        anna.act_as("dora").await.unwrap_err().code(),
        "permission_denied"
    );
}

async fn restructuring_hands_everything_to_the_successor(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let dora = support::as_user(b, &admin, "dora").await;
    dora.add_ministry(
        "SMEKUL",
        "Staatsministerium für Energie, Klimaschutz, Umwelt und Landwirtschaft",
        chrono::NaiveDate::from_ymd_opt(2019, 12, 20),
    )
    .await
    .unwrap();
    let v1 = dora.measure("3.5.2").await.unwrap().version;
    let mut d = dora.measure("3.5.2").await.unwrap().data;
    d.lead_ministry = "SMUL".into();
    d.co_ministries = vec!["SMWA".into()];
    dora.update_measure("3.5.2", v1, d, None, None)
        .await
        .unwrap();
    dora.create_measure(
        "3.5.3",
        measure("Co only", "3.5", "SMS", &["SMUL", "SMK"]),
        None,
    )
    .await
    .unwrap();

    let date = chrono::NaiveDate::from_ymd_opt(2019, 12, 20).unwrap();
    let r = dora
        .restructure_ministry("SMUL", "SMEKUL", date, None)
        .await
        .unwrap();
    assert_eq!(r.measures_lead, vec!["3.5.2"]);
    assert_eq!(r.measures_co, vec!["3.5.3"]);
    assert_eq!(r.users, 1);

    let m = dora.measure("3.5.2").await.unwrap();
    assert_eq!(m.data.lead_ministry, "SMEKUL");
    assert_eq!(
        dora.measure("3.5.3").await.unwrap().data.co_ministries,
        vec!["SMEKUL", "SMK"]
    );
    let old = dora
        .ministries()
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.abbreviation == "SMUL")
        .unwrap();
    assert_eq!(old.valid_to, chrono::NaiveDate::from_ymd_opt(2019, 12, 19));
    assert_eq!(old.successor.as_deref(), Some("SMEKUL"));
    assert_eq!(
        dora.user_by_name("ulf")
            .await
            .unwrap()
            .unwrap()
            .ministry
            .as_deref(),
        Some("SMEKUL")
    );

    // One recorded change: the measures' revisions share the ministry's changeset.
    let hist = dora.measure_history("3.5.2").await.unwrap();
    let last = hist.last().unwrap();
    assert_eq!(last.changeset.action, "ministry.restructure");
    assert!(
        last.changes
            .iter()
            .any(|c| c.field == "lead_ministry" && c.old == "SMUL" && c.new == "SMEKUL")
    );
    let cs_of_3_5_3 = dora
        .measure_history("3.5.3")
        .await
        .unwrap()
        .last()
        .unwrap()
        .changeset
        .id;
    assert_eq!(last.changeset.id, cs_of_3_5_3);

    // The old ministry cannot take new responsibilities; the message names the successor.
    let mut d = m.data.clone();
    d.lead_ministry = "SMUL".into();
    let err = dora
        .update_measure("3.5.2", m.version, d, None, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("SMEKUL"), "{err}");
    // Restoring a version from before the restructuring maps SMUL to its successor.
    let restored = dora
        .restore_measure("3.5.2", v1 + 1, None, None)
        .await
        .unwrap();
    assert_eq!(restored.measure.data.lead_ministry, "SMEKUL");
}

async fn a_frozen_edition_keeps_its_content(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let e = admin
        .freeze_edition("ZIK II Entwurf", EditionStatus::Entwurf, None, "")
        .await
        .unwrap();
    assert_eq!(e.measure_count, 2);
    let m = admin.measure("3.1.1").await.unwrap();
    let mut d = m.data.clone();
    d.title = "Nach dem Einfrieren geändert".into();
    admin
        .update_measure("3.1.1", m.version, d, None, None)
        .await
        .unwrap();
    admin
        .create_measure("3.1.2", measure("Neu danach", "3.1", "SMS", &[]), None)
        .await
        .unwrap();

    let frozen = admin.edition_measures("ZIK II Entwurf").await.unwrap();
    assert_eq!(frozen.len(), 2);
    let old = frozen.iter().find(|x| x.code == "3.1.1").unwrap();
    assert_eq!(old.data.title, "Sprachkurse im ländlichen Raum");
    assert_eq!(
        admin.measure("3.1.1").await.unwrap().data.title,
        "Nach dem Einfrieren geändert"
    );
    // The frozen content cannot be changed behind the core's back either.
    assert!(
        sqlx::query("UPDATE revisions SET snapshot = '{}'")
            .execute(admin.pool())
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM edition_items")
            .execute(admin.pool())
            .await
            .is_err()
    );

    let adopted = admin
        .set_edition_status(
            "ZIK II Entwurf",
            EditionStatus::Beschlossen,
            chrono::NaiveDate::from_ymd_opt(2018, 4, 24),
        )
        .await
        .unwrap();
    assert_eq!(adopted.status, EditionStatus::Beschlossen);
    assert_eq!(
        admin.edition_measures("ZIK II Entwurf").await.unwrap(),
        frozen
    );
    assert_eq!(
        admin
            .freeze_edition("ZIK II Entwurf", EditionStatus::Entwurf, None, "")
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

async fn history_diff_and_restore(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let anna = support::as_user(b, &admin, "anna").await;
    let m = anna.measure("3.1.1").await.unwrap();
    assert_eq!(m.version, 1);
    let mut d = m.data.clone();
    d.text_long = "Die Sprachkursangebote werden im ländlichen Raum deutlich ausgebaut.".into();
    d.co_ministries = vec![];
    // a member cannot drop a co-ministry; the drafter can
    assert!(
        anna.update_measure("3.1.1", 1, d.clone(), None, None)
            .await
            .is_err()
    );
    d.co_ministries = vec!["SMK".into()];
    anna.update_measure("3.1.1", 1, d.clone(), Some("präzisiert"), None)
        .await
        .unwrap();
    d.status = "umgesetzt".into();
    d.progress = 100;
    anna.update_measure("3.1.1", 2, d, Some("abgeschlossen"), None)
        .await
        .unwrap();
    let unchanged = anna
        .update_measure(
            "3.1.1",
            3,
            anna.measure("3.1.1").await.unwrap().data,
            None,
            None,
        )
        .await
        .unwrap();
    assert!(
        !unchanged.changed,
        "saving unchanged content writes no revision"
    );

    let history = anna.measure_history("3.1.1").await.unwrap();
    assert_eq!(
        history.iter().map(|r| r.version).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(history[1].changeset.actor, "anna");
    assert_eq!(history[1].changeset.reason.as_deref(), Some("präzisiert"));
    assert_eq!(
        history[2]
            .changes
            .iter()
            .map(|c| c.field.as_str())
            .collect::<Vec<_>>(),
        vec!["status", "progress"]
    );
    assert!(
        history.iter().all(|r| r.changeset.at.ends_with('Z')),
        "timestamps are UTC"
    );

    let diff = anna.measure_diff("3.1.1", 1, 3).await.unwrap();
    let text = diff.fields.iter().find(|f| f.field == "text_long").unwrap();
    let words = text.words.as_ref().unwrap();
    assert!(
        words
            .iter()
            .any(|s| s.kind == konzeptstudio::history::SegmentKind::Insert
                && s.text.contains("deutlich"))
    );
    assert!(diff.fields.iter().any(|f| f.field == "status"));

    let restored = anna
        .restore_measure("3.1.1", 1, Some(3), None)
        .await
        .unwrap();
    assert_eq!(restored.measure.version, 4);
    assert_eq!(
        restored.measure.data,
        anna.measure_at("3.1.1", 1).await.unwrap()
    );
    let last = anna.measure_history("3.1.1").await.unwrap().pop().unwrap();
    assert_eq!(last.op, "restore");
    assert_eq!(
        last.changeset.reason.as_deref(),
        Some("Wiederherstellung von Version 1")
    );
    assert_eq!(
        anna.restore_measure("3.1.1", 1, Some(3), None)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert_eq!(
        anna.measure_at("3.1.1", 9).await.unwrap_err().code(),
        "not_found"
    );
    assert!(
        !anna
            .revisions(EntityType::Ministry, 1)
            .await
            .unwrap()
            .is_empty(),
        "ministries have history too"
    );
}

async fn search_finds_parts_of_german_compounds(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let texts = [
        "Wir fordern mehr Sprachkursangebote mit Kinderbetreuung.",
        "Die Wärmepumpenförderung gehört nicht hierher.",
        "Schulen mit vielen DaZ-Schülerinnen brauchen Lehrerstellen.",
    ];
    let comments: Vec<NewComment> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| NewComment {
            external_id: Some(format!("B-{i}")),
            submitter: Some("Erika Mustermann".into()),
            organisation: None,
            submitter_type: Some("Bürgerin/Bürger".into()),
            received_at: "2017-04-01T10:00:00.000Z".into(),
            text: t.to_string(),
            measure: Some("3.1.1".into()),
            field: None,
            illustrative: false,
        })
        .collect();
    staff
        .insert_comments("online-1", "Online", &comments, None)
        .await
        .unwrap();

    // SQLite indexes comments after their import commits: every search must find them both
    // before (read from the table) and after (through the index).
    for stage in ["before indexing", "after indexing"] {
        if stage == "after indexing" {
            let indexing = admin.index_pending_comments_in_background();
            let indexed = indexing.await.unwrap().unwrap();
            let expected = if b == Backend::Sqlite { 3 } else { 0 };
            assert_eq!(indexed, expected, "PostgreSQL indexes while it writes");
            assert_eq!(admin.index_pending_comments().await.unwrap(), 0);
        }
        search_comments_and_measures(&admin, stage).await;
    }
}

async fn search_comments_and_measures(admin: &Store, stage: &str) {
    let r = admin.search("Sprachkurs", 20).await.unwrap();
    assert_eq!(
        r.measures
            .iter()
            .map(|h| h.key.as_str())
            .collect::<Vec<_>>(),
        vec!["3.1.1"]
    );
    assert!(r.measures[0].snippet.contains("Sprachkursangebote"));
    assert_eq!(r.comment_total, 1, "{stage}");
    assert_eq!(r.comments[0].key, "B-0");
    assert_eq!(
        admin.search("pumpen", 20).await.unwrap().comment_total,
        1,
        "infix of a compound, {stage}"
    );
    assert_eq!(
        admin.search("DaZ", 20).await.unwrap().comment_total,
        1,
        "terms shorter than three letters, {stage}"
    );
    assert_eq!(
        admin
            .search("WÄRMEPUMPEN ge", 20)
            .await
            .unwrap()
            .comment_total,
        1,
        "umlauts fold also next to a short term, {stage}"
    );
    assert_eq!(
        admin
            .search("Sprachkurs Kinderbetreuung", 20)
            .await
            .unwrap()
            .comment_total,
        1,
        "all terms, {stage}"
    );
    assert_eq!(
        admin
            .search("Sprachkurs Gewaltschutz", 20)
            .await
            .unwrap()
            .comment_total,
        0
    );
    assert_eq!(
        admin
            .search("\" OR * NEAR(", 20)
            .await
            .unwrap()
            .comment_total,
        0,
        "query syntax is not interpreted, {stage}"
    );
    let listed = admin
        .list_measures(&konzeptstudio::store::MeasureFilter {
            search: Some("mentoren".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(),
        vec!["3.5.2"]
    );
    let found = admin
        .comments(&konzeptstudio::store::CommentFilter {
            search: Some("kinderbetreuung".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{stage}");
    let umlaut = admin.search("wärmepumpe", 20).await.unwrap();
    assert_eq!(umlaut.comment_total, 1, "case folds beyond ASCII, {stage}");
}

async fn comments_are_stored_once_with_their_original_text(b: Backend) {
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let hostile = "<script>alert('x')</script> <img src=x onerror=alert(1)> =SUMME(A1) \u{202e}";
    let letter = "Wir fordern die dauerhafte Finanzierung der Migrationsberatung.";
    let mk = |ext: Option<&str>, who: &str, text: &str| NewComment {
        external_id: ext.map(str::to_string),
        submitter: Some(who.into()),
        organisation: None,
        submitter_type: None,
        received_at: "2017-05-02T08:00:00.000Z".into(),
        text: text.into(),
        measure: None,
        field: Some("3.1".into()),
        illustrative: false,
    };
    let batch = vec![
        mk(Some("A-1"), "A", hostile),
        mk(None, "Verband 1", letter),
        mk(None, "Verband 2", letter), // same form letter, another sender: a comment of its own
    ];
    let r = staff
        .insert_comments("forum", "Forum", &batch, None)
        .await
        .unwrap();
    assert_eq!((r.imported, r.duplicates), (3, 0));
    let again = staff
        .insert_comments("forum", "Forum", &batch, None)
        .await
        .unwrap();
    assert_eq!(
        (again.imported, again.duplicates),
        (0, 3),
        "importing the same rows twice adds nothing"
    );

    let all = staff.comments(&Default::default()).await.unwrap();
    let c = all
        .iter()
        .find(|c| c.external_id.as_deref() == Some("A-1"))
        .unwrap();
    assert_eq!(c.text, hostile, "the original text is stored exactly");
    assert_eq!(c.field.as_deref(), Some("3.1"));
    assert!(
        sqlx::query("UPDATE comments SET original_text = 'changed'")
            .execute(admin.pool())
            .await
            .is_err()
    );
    let hist = staff.revisions(EntityType::Comment, c.id).await.unwrap();
    assert_eq!(hist.len(), 1);
    assert_eq!(hist[0].op, "create");

    let bad = vec![NewComment {
        measure: Some("9.9.9".into()),
        ..mk(Some("B-1"), "B", "Text")
    }];
    let err = staff
        .insert_comments("forum", "Forum", &bad, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("9.9.9"), "{err}");
    assert_eq!(
        staff.comments(&Default::default()).await.unwrap().len(),
        3,
        "nothing half-written"
    );
}

async fn the_demo_concept_holds_the_facts(b: Backend) {
    let db = fresh(b).await;
    let store = konzeptstudio::demo::create(&db.location).await.unwrap();
    let m = store.measure("3.5-2").await.unwrap();
    assert_eq!(m.data.title, "Arbeitsmarktmentoren für Geflüchtete");
    assert_eq!(m.data.lead_ministry, "SMWA");
    assert_eq!(m.data.budget_total_cents(), 980_000_000);
    assert!(!m.data.illustrative);
    assert!(m.data.indicators.iter().any(|i| i.actual == Some(1358.0)));
    let fields = store.fields().await.unwrap();
    assert_eq!(fields.iter().filter(|f| f.parent.is_none()).count(), 11);
    let measures = store.list_measures(&Default::default()).await.unwrap();
    assert!(measures.len() >= 33);
    let comments = store.comments(&Default::default()).await.unwrap();
    assert!(comments.len() >= 800, "{}", comments.len());
    assert!(comments.iter().all(|c| c.illustrative));
    let editions = store.editions().await.unwrap();
    let names: Vec<&str> = editions.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"ZIK 2012") && names.contains(&"ZIK II 2018"),
        "{names:?}"
    );
    let zik2 = editions.iter().find(|e| e.name == "ZIK II 2018").unwrap();
    assert_eq!(
        zik2.adopted_on,
        chrono::NaiveDate::from_ymd_opt(2018, 4, 24)
    );
    let old = store.edition_measures("ZIK 2012").await.unwrap();
    assert!(!old.is_empty() && old.len() < measures.len());
    assert_eq!(
        store.concept().await.unwrap().leitidee,
        "Zuwanderung und Integration gut gestalten – Zusammenhalt leben"
    );
}

/// On PostgreSQL the actor is the database login, not a name the client claims.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_actor_is_the_database_login() {
    let (db, admin) = seeded(Backend::Postgres).await;
    let login = format!("ks_login_{}", std::process::id());
    for sql in [
        format!("DROP ROLE IF EXISTS {login}"),
        format!("CREATE ROLE {login} LOGIN"),
        format!("GRANT ALL ON ALL TABLES IN SCHEMA public TO {login}"),
        format!("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {login}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(admin.pool())
            .await
            .unwrap();
    }
    let url = match &db.location {
        Location::Postgres(u) => {
            u.replacen("postgres://postgres@", &format!("postgres://{login}@"), 1)
        }
        Location::File(_) => unreachable!(),
    };
    let as_login = Location::Postgres(url);
    // Not mapped yet: refused, with a message that says what to do.
    let err = Store::open(&as_login, None).await.unwrap_err();
    assert_eq!(err.code(), "permission_denied", "{err}");
    assert!(err.to_string().contains(&login), "{err}");

    admin
        .add_user(konzeptstudio::store::NewUser {
            name: "greta".into(),
            display_name: None,
            role: konzeptstudio::model::Role::Member,
            ministry: Some("SMK".into()),
            db_login: Some(login.clone()),
        })
        .await
        .unwrap();
    let greta = Store::open(&as_login, None).await.unwrap();
    assert_eq!(greta.actor().name, "greta");
    assert_eq!(greta.identity(), login);
    // A member cannot claim to be somebody else.
    assert_eq!(
        greta.act_as("dora").await.unwrap_err().code(),
        "permission_denied"
    );
    assert_eq!(
        Store::open(&as_login, Some("postgres"))
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    // And the revision records the login's user.
    let m = greta.measure("3.1.1").await.unwrap();
    let mut d = m.data.clone();
    d.progress = 70;
    greta
        .update_measure("3.1.1", m.version, d, None, None)
        .await
        .unwrap();
    assert_eq!(
        greta
            .measure_history("3.1.1")
            .await
            .unwrap()
            .last()
            .unwrap()
            .changeset
            .actor,
        "greta"
    );
    greta.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "REASSIGN OWNED BY {login} TO postgres"
    )))
    .execute(admin.pool())
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP OWNED BY {login}")))
        .execute(admin.pool())
        .await
        .unwrap();
}

/// The team database can be reached over TLS (the test cluster has a self-signed certificate,
/// so `require`: encrypted, certificate not checked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_over_tls() {
    let db = fresh(Backend::Postgres).await;
    let url = match &db.location {
        Location::Postgres(u) => format!("{u}?sslmode=require"),
        Location::File(_) => unreachable!(),
    };
    let store = Store::init(&Location::Postgres(url), &support::concept())
        .await
        .unwrap();
    let encrypted: bool =
        sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert!(encrypted, "the connection is encrypted");
}

/// `init --demo` is deterministic: two runs hold the same content (timestamps aside).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_deterministic() {
    let (a, b) = (fresh(Backend::Sqlite).await, fresh(Backend::Sqlite).await);
    let sa = konzeptstudio::demo::create(&a.location).await.unwrap();
    let sb = konzeptstudio::demo::create(&b.location).await.unwrap();
    let strip = |mut m: konzeptstudio::model::Measure| {
        m.created_at.clear();
        m.updated_at.clear();
        m
    };
    for item in sa.list_measures(&Default::default()).await.unwrap() {
        assert_eq!(
            strip(sa.measure(&item.code).await.unwrap()),
            strip(sb.measure(&item.code).await.unwrap())
        );
    }
    let ca = sa.comments(&Default::default()).await.unwrap();
    let cb = sb.comments(&Default::default()).await.unwrap();
    assert_eq!(ca, cb);
    assert_eq!(
        sa.edition_measures("ZIK 2012").await.unwrap(),
        sb.edition_measures("ZIK 2012").await.unwrap()
    );
}

/// With more matches than are worth ranking, title matches come first and the count is exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_with_thousands_of_matching_measures() {
    let db = fresh(Backend::Sqlite).await;
    let store = Store::init(&db.location, &support::concept())
        .await
        .unwrap();
    konzeptstudio::synth::generate(&store, 2_100, 0, 3)
        .await
        .unwrap();
    let r = store.search("und", 20).await.unwrap();
    let mut expected = 0;
    for m in store.list_measures(&Default::default()).await.unwrap() {
        let d = store.measure(&m.code).await.unwrap().data;
        let text =
            format!("{} {} {} {}", m.code, d.title, d.text_long, d.text_short).to_lowercase();
        expected += i64::from(text.contains("und"));
    }
    assert!(
        expected > 2000,
        "the test needs more matches than are ranked: {expected}"
    );
    assert_eq!(r.measure_total, expected);
    assert_eq!(r.measures.len(), 20);
    assert!(
        r.measures[0].title.to_lowercase().contains("und"),
        "{}",
        r.measures[0].title
    );
    let mut keys: Vec<&str> = r.measures.iter().map(|h| h.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 20, "no hit twice");
}

async fn the_import_preview_shows_the_file_before_its_text_column_is_chosen(b: Backend) {
    use konzeptstudio::import::{ImportOptions, Target, preview_file};
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let csv = "Kennung;Zeitpunkt;Meinung;Maßnahme\r\nA-1;02.05.2017 10:15;Mehr Kurse;3.5.2\r\n\
               A-2;31.04.2017 10:00;Zu teuer;9.9\r\n";
    let p = preview_file(
        &staff,
        "runde.csv",
        csv.as_bytes(),
        &ImportOptions::default(),
    )
    .await
    .unwrap();
    assert_eq!(p.headers, ["Kennung", "Zeitpunkt", "Meinung", "Maßnahme"]);
    assert_eq!((p.rows, p.valid, p.problem_count), (2, 0, 1));
    assert!(
        p.problems[0].reason.contains("Keine Spalte mit dem Text"),
        "{:?}",
        p.problems
    );
    assert_eq!(
        p.detected.columns,
        [
            (Target::Received, "Zeitpunkt".to_string()),
            (Target::Measure, "Maßnahme".to_string())
        ]
    );
    assert_eq!(
        p.sample[1],
        (
            3,
            vec![
                "A-2".to_string(),
                "31.04.2017 10:00".into(),
                "Zu teuer".into(),
                "9.9".into()
            ]
        )
    );

    let mapped = ImportOptions {
        mapping: vec![
            (Target::Text, "Meinung".into()),
            (Target::Received, "Zeitpunkt".into()),
            (Target::ExternalId, "Kennung".into()),
        ],
        ..Default::default()
    };
    let p = preview_file(&staff, "runde.csv", csv.as_bytes(), &mapped)
        .await
        .unwrap();
    assert_eq!((p.valid, p.problem_count), (1, 2), "{:?}", p.problems);
    assert_eq!(p.mapped[0].text, "Mehr Kurse");
    assert_eq!(p.mapped[0].measure.as_deref(), Some("3.5.2"));
    let lines: Vec<(u64, Option<&str>)> = p
        .problems
        .iter()
        .map(|x| (x.line, x.column.as_deref()))
        .collect();
    assert_eq!(lines, [(3, Some("Zeitpunkt")), (3, Some("Maßnahme"))]);
    assert!(
        staff
            .comments(&Default::default())
            .await
            .unwrap()
            .is_empty(),
        "a preview writes nothing"
    );
}

/// Files as they arrive broken: each refused with its line (and column) named and nothing
/// written, the same on both databases; with `skip_invalid` the other rows come in, never
/// merged into one.
async fn hostile_files_are_refused_whole_with_their_place_named(b: Backend) {
    use konzeptstudio::import::{EncodingChoice, ImportOptions, import_file};
    let (_db, admin) = seeded(b).await;
    let staff = support::as_user(b, &admin, "emil").await;
    let strict = ImportOptions::default();
    let lenient = ImportOptions {
        skip_invalid: true,
        ..Default::default()
    };
    let count = |s: Store| async move { s.comments(&Default::default()).await.unwrap().len() };

    // A quote opened in row 10 and never closed: 59 rows, not one comment of 50 rows.
    let mut csv = String::from("ID;Datum;Beitrag\n");
    for i in 1..=59 {
        let text = match i {
            10 => "\"Zitat ohne Ende".to_string(),
            20 => "\"zwei\nZeilen\"".to_string(),
            _ => format!("Beitrag {i}"),
        };
        csv.push_str(&format!("Q-{i};01.03.2017;{text}\n"));
    }
    let r = import_file(&staff, "q.csv", csv.as_bytes(), "Forum", &strict)
        .await
        .unwrap();
    assert!(!r.written);
    assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
    assert_eq!(r.rejected[0].line, 11);
    assert_eq!(r.rejected[0].column.as_deref(), Some("Beitrag"));
    assert!(
        r.rejected[0]
            .reason
            .contains("Anführungszeichen nicht geschlossen")
    );
    assert_eq!(count(staff.clone()).await, 0, "nothing written");
    let r = import_file(&staff, "q.csv", csv.as_bytes(), "Forum", &lenient)
        .await
        .unwrap();
    assert_eq!((r.written, r.imported, r.rejected.len()), (true, 58, 1));
    let stored = staff.comments(&Default::default()).await.unwrap();
    assert!(stored.iter().any(|c| c.working_text == "zwei\nZeilen"));
    assert!(
        stored.iter().all(|c| !c.working_text.contains("Q-")),
        "no rows merged"
    );

    // NUL in a text: refused with line and column on both databases alike.
    let csv = "ID;Datum;Beitrag\nN-1;01.03.2017;gut\nN-2;01.03.2017;kaputt\0hier\n";
    let r = import_file(&staff, "n.csv", csv.as_bytes(), "Mail", &strict)
        .await
        .unwrap();
    assert!(!r.written);
    assert_eq!(
        (r.rejected[0].line, r.rejected[0].column.as_deref()),
        (3, Some("Beitrag"))
    );
    assert!(
        r.rejected[0].reason.contains("Nullzeichen"),
        "{:?}",
        r.rejected
    );
    let r = import_file(&staff, "n.csv", csv.as_bytes(), "Mail", &lenient)
        .await
        .unwrap();
    assert_eq!((r.imported, r.rejected.len()), (1, 1));

    // Bytes that are not UTF-8 when UTF-8 was chosen: the first invalid byte named.
    let utf8 = ImportOptions {
        encoding: EncodingChoice::Utf8,
        ..Default::default()
    };
    let before = count(staff.clone()).await;
    let e = import_file(
        &staff,
        "e.csv",
        b"ID;Datum;Beitrag\nE-1;01.03.2017;Gr\xf6\xdfe\n",
        "Mail",
        &utf8,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("Zeile 2, Zeichen 18"), "{e}");
    assert_eq!(count(staff.clone()).await, before);

    // The same id with another text: a conflict, never a silent duplicate.
    let first = "ID;Datum;Beitrag\nK-1;01.03.2017;Erste Fassung\nK-2;01.03.2017;Bleibt\n";
    import_file(&staff, "k.csv", first.as_bytes(), "Runde 2", &strict)
        .await
        .unwrap();
    let again = "ID;Datum;Beitrag\nK-1;01.03.2017;Korrigierte Fassung\nK-2;01.03.2017;Bleibt\nK-3;02.03.2017;Neu\n";
    let r = import_file(&staff, "k2.csv", again.as_bytes(), "Runde 2", &strict)
        .await
        .unwrap();
    assert!(!r.written);
    assert_eq!(
        (
            r.rejected.len(),
            r.rejected[0].line,
            r.rejected[0].column.as_deref()
        ),
        (1, 2, Some("ID"))
    );
    assert!(
        r.rejected[0]
            .reason
            .contains("„K-1“: anderer Text als beim ersten Import")
    );
    let r = import_file(&staff, "k2.csv", again.as_bytes(), "Runde 2", &lenient)
        .await
        .unwrap();
    assert_eq!((r.imported, r.duplicates, r.rejected.len()), (1, 1, 1));
    let texts: Vec<String> = staff
        .comments(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.external_id.as_deref() == Some("K-1"))
        .map(|c| c.working_text)
        .collect();
    assert_eq!(texts, vec!["Erste Fassung"], "the first text stays");
    // Twice in one file with two texts: the second is the conflict.
    let twice = "ID;Datum;Beitrag\nD-1;01.03.2017;eins\nD-1;01.03.2017;zwei\n";
    let r = import_file(&staff, "d.csv", twice.as_bytes(), "Runde 3", &strict)
        .await
        .unwrap();
    assert_eq!((r.written, r.rejected[0].line), (false, 3));
}

/// A 49,499-character letter is realistic; 100,000 characters go out complete in every
/// format of the Abwägungstabelle.
async fn a_comment_longer_than_a_spreadsheet_cell_is_exported_whole(b: Backend) {
    use konzeptstudio::export::write_consideration_table;
    let (db, admin) = seeded(b).await;
    let text: String = "Wir brauchen mehr Sprachkurse mit Kinderbetreuung im ländlichen Raum. "
        .repeat(1500)
        .chars()
        .take(100_000)
        .collect();
    admin
        .insert_comments("brief", "Briefe", &[comment("L-1", &text)], None)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected = squash(&text);
    let _ = db;

    let out = dir.path().join("a.csv");
    write_consideration_table(&admin, "csv", false, &out)
        .await
        .unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().contains(&text));

    let out = dir.path().join("a.xlsx");
    write_consideration_table(&admin, "xlsx", false, &out)
        .await
        .unwrap();
    {
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let parts: String = book
            .worksheet_range("Volltexte")
            .unwrap()
            .rows()
            .skip(1)
            .filter(|r| r[0] == "L-1" && r[1] == "Stellungnahme")
            .map(|r| r[3].to_string())
            .collect();
        assert_eq!(parts, text);
    }

    let out = dir.path().join("a.pdf");
    write_consideration_table(&admin, "pdf", false, &out)
        .await
        .unwrap();
    let read = konzeptstudio::pdf::reading::read_structure(&std::fs::read(&out).unwrap()).unwrap();
    let cells: String = read
        .iter()
        .filter(|e| e.role == "TD")
        .map(|e| e.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        squash(&cells).contains(&expected),
        "the PDF holds the whole text"
    );
}

async fn measures_go_to_a_workbook_and_come_back_as_one_change(b: Backend) {
    use konzeptstudio::workbook::{
        ExportFormat, export_measures, import::Options, import_measures,
    };
    let (_db, admin) = seeded(b).await;
    let dora = support::as_user(b, &admin, "dora").await;
    let (xlsx, n) = export_measures(&dora, &Default::default(), ExportFormat::Xlsx)
        .await
        .unwrap();
    assert_eq!(n, 2);
    // The measures sheet is found by name, also when a user moved it behind another sheet.
    {
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.clone())).unwrap();
        let range = book.worksheet_range("Maßnahmen").unwrap();
        let mut moved = rust_xlsxwriter::Workbook::new();
        moved.add_worksheet().set_name("Notizen").unwrap();
        let sheet = moved.add_worksheet();
        sheet.set_name("Maßnahmen").unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet
                    .write_string(r as u32, c as u16, v.to_string())
                    .unwrap();
            }
        }
        let bytes = moved.save_to_buffer().unwrap();
        let r = import_measures(&dora, "m.xlsx", &bytes, &Options::default())
            .await
            .unwrap();
        assert_eq!((r.unchanged, r.problems.len()), (2, 0), "{:?}", r.problems);
    }
    // Read back untouched: nothing changes.
    let r = import_measures(&dora, "m.xlsx", &xlsx, &Options::default())
        .await
        .unwrap();
    assert_eq!(
        (r.unchanged, r.changes.len(), r.written_measures),
        (2, 0, 0)
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);

    let edited = support::resave(&xlsx, "Maßnahmen", |code, column, _| {
        match (code, column) {
            ("3.5.2", "Fortschritt (%)") => Some("80".into()),
            ("3.5.2", "Haushalt") => {
                Some("9,8 Mio. € | 0710 684 01 | 2017–2019 | Landesmittel".into())
            }
            ("3.1.1", "Beteiligte Ressorts") => Some("SMK, SMUL".into()),
            ("3.1.1", "Indikatoren") => {
                Some("Teilnehmende | Personen | 0 | 1.200 | 1.358 | 31.12.2018".into())
            }
            _ => None,
        }
    });
    let before = dora.measure("3.5.2").await.unwrap().data.progress;
    assert_ne!(before, 80);
    let preview = import_measures(
        &dora,
        "m.xlsx",
        &edited,
        &Options {
            preview: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(!preview.written);
    let fields = |code: &str| -> Vec<String> {
        preview
            .changes
            .iter()
            .find(|c| c.code == code)
            .unwrap()
            .fields
            .iter()
            .map(|f| f.field.clone())
            .collect()
    };
    assert_eq!(fields("3.5.2"), vec!["budget", "progress"]);
    assert_eq!(fields("3.1.1"), vec!["co_ministries", "indicators"]);
    assert_eq!(
        dora.measure("3.5.2").await.unwrap().data.progress,
        before,
        "a preview writes nothing"
    );

    let r = import_measures(&dora, "m.xlsx", &edited, &Options::default())
        .await
        .unwrap();
    assert_eq!((r.written, r.written_measures), (true, 2));
    let mentors = dora.measure("3.5.2").await.unwrap();
    assert_eq!(
        (mentors.data.progress, mentors.data.budget[0].amount_cents),
        (80, 980_000_000)
    );
    let history = dora.measure_history("3.5.2").await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.changeset.reason.as_deref(), Some("Import m.xlsx"));
    let other = dora.measure_history("3.1.1").await.unwrap();
    assert_eq!(
        other.last().unwrap().changeset.id,
        last.changeset.id,
        "one changeset"
    );
    assert_eq!(
        dora.measure("3.1.1").await.unwrap().data.indicators[0].actual,
        Some(1358.0)
    );

    // A CSV cell that a spreadsheet would read as a formula is written neutralised and reads
    // back as it was.
    let m = dora.measure("3.5.2").await.unwrap();
    let mut data = m.data.clone();
    data.title = "=SUMME(A1) Arbeitsmarktmentoren".into();
    dora.update_measure("3.5.2", m.version, data, None, None)
        .await
        .unwrap();
    let (csv, _) = export_measures(&dora, &Default::default(), ExportFormat::Csv)
        .await
        .unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.contains(";'=SUMME(A1) Arbeitsmarktmentoren;"),
        "{text}"
    );
    let r = import_measures(&dora, "m.csv", &csv, &Options::default())
        .await
        .unwrap();
    assert_eq!((r.unchanged, r.changes.len()), (2, 0), "{:?}", r.changes);

    // German Excel's CSV (Windows-1252, `;`, CRLF) with a new measure, by a drafter.
    let (csv, _) = export_measures(&dora, &Default::default(), ExportFormat::Csv)
        .await
        .unwrap();
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.push("3.5-9;;Neue Maßnahme für Ausbildungsbetriebe;3.5;;SMWA;;;01.01.2019;;ja;geplant;0;nein;;Text über Größe;;;".into());
    let joined = lines.join("\r\n");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&joined);
    let r = import_measures(&dora, "beitrag.csv", &bytes, &Options::default())
        .await
        .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(
        (r.changes.len(), r.changes[0].new, r.written),
        (1, true, true)
    );
    let new = dora.measure("3.5-9").await.unwrap();
    assert_eq!(
        (new.data.text_long.as_str(), new.data.ongoing),
        ("Text über Größe", true)
    );
}

async fn a_measures_file_is_refused_whole_for_conflicts_permissions_and_bad_cells(b: Backend) {
    use konzeptstudio::workbook::{
        ExportFormat, export_measures, import::Options, import_measures,
    };
    let (_db, admin) = seeded(b).await;
    let dora = support::as_user(b, &admin, "dora").await;
    let ben = support::as_user(b, &admin, "ben").await; // SMWA: leads 3.5.2
    let (xlsx, _) = export_measures(&dora, &Default::default(), ExportFormat::Xlsx)
        .await
        .unwrap();
    let both = support::resave(&xlsx, "Maßnahmen", |_, column, _| {
        (column == "Fortschritt (%)").then(|| "65".into())
    });

    // A member changes only their ministry's measures (3.1.1 is SMS/SMK's).
    let r = import_measures(&ben, "smwa.xlsx", &both, &Options::default())
        .await
        .unwrap();
    assert!(!r.written);
    assert_eq!(r.denied.iter().map(|d| d.row).collect::<Vec<_>>(), vec![2]);
    assert_eq!(r.refusal(false).unwrap().code(), "permission_denied");
    let mentors = support::resave(&xlsx, "Maßnahmen", |code, column, _| {
        (code == "3.5.2" && column == "Fortschritt (%)").then(|| "65".into())
    });
    assert!(
        import_measures(&ben, "smwa.xlsx", &mentors, &Options::default())
            .await
            .unwrap()
            .written
    );

    // Changed since the export: a conflict with the other change listed; nothing written,
    // unless the rest is wanted.
    let r = import_measures(&dora, "alt.xlsx", &both, &Options::default())
        .await
        .unwrap();
    assert!(!r.written);
    assert_eq!(r.conflicts.len(), 1);
    let c = &r.conflicts[0];
    assert_eq!((c.code.as_str(), c.since.len()), ("3.5.2", 1));
    assert_eq!(c.since[0].changeset.actor, "ben");
    assert_eq!(r.refusal(false).unwrap().code(), "conflict");
    assert_ne!(dora.measure("3.1.1").await.unwrap().data.progress, 65);
    let r = import_measures(
        &dora,
        "alt.xlsx",
        &both,
        &Options {
            skip_conflicts: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!((r.written, r.written_measures), (true, 1));
    assert_eq!(dora.measure("3.1.1").await.unwrap().data.progress, 65);
    // A row left as exported changes nothing, even where the measure changed since.
    let untouched = import_measures(&dora, "alt.xlsx", &xlsx, &Options::default())
        .await
        .unwrap();
    assert_eq!((untouched.unchanged, untouched.conflicts.len()), (2, 0));

    // Bad cells, unknown and duplicate codes: each named by sheet, row and column.
    let (fresh, _) = export_measures(&dora, &Default::default(), ExportFormat::Xlsx)
        .await
        .unwrap();
    let bad = support::resave(&fresh, "Maßnahmen", |code, column, v| {
        match (code, column) {
            ("3.1.1", "Fortschritt (%)") => Some("viel".into()),
            ("3.1.1", "Federführung") => Some("SMX".into()),
            ("3.5.2", "Nr.") => Some("3.1.1".into()),
            _ => Some(v.to_string()),
        }
    });
    let r = import_measures(&dora, "kaputt.xlsx", &bad, &Options::default())
        .await
        .unwrap();
    assert!(!r.written);
    let named: Vec<(String, u64, Option<String>)> = r
        .problems
        .iter()
        .map(|p| (p.sheet.clone(), p.row, p.column.clone()))
        .collect();
    assert!(
        named.contains(&("Maßnahmen".into(), 3, Some("Nr.".into()))),
        "{named:?}"
    );
    assert!(
        named.contains(&("Maßnahmen".into(), 2, Some("Fortschritt (%)".into()))),
        "{named:?}"
    );
    assert!(
        named.contains(&("Maßnahmen".into(), 2, Some("Federführung".into()))),
        "{named:?}"
    );
    assert_eq!(r.refusal(false).unwrap().code(), "invalid_input");
    // A row with cells missing (a hand-edited CSV) is refused, not read as emptied fields.
    let (csv, _) = export_measures(&dora, &Default::default(), ExportFormat::Csv)
        .await
        .unwrap();
    let mut text = String::from_utf8(csv).unwrap();
    let short: String = text
        .lines()
        .last()
        .unwrap()
        .split(';')
        .take(5)
        .collect::<Vec<_>>()
        .join(";");
    text.push_str(&format!("{short}\n"));
    let r = import_measures(&dora, "kurz.csv", text.as_bytes(), &Options::default())
        .await
        .unwrap();
    assert!(!r.written);
    assert!(
        r.problems
            .iter()
            .any(|p| p.reason.contains("5 statt 19 Spalten")),
        "{:?}",
        r.problems
    );
    // A new code from a member: only drafters create measures.
    let (csv, _) = export_measures(&ben, &Default::default(), ExportFormat::Csv)
        .await
        .unwrap();
    let mut text = String::from_utf8(csv).unwrap();
    text.push_str("3.5-7;;Neu;3.5;;SMWA;;;;;nein;geplant;0;nein;;;;;\n");
    let r = import_measures(&ben, "neu.csv", text.as_bytes(), &Options::default())
        .await
        .unwrap();
    assert_eq!((r.denied.len(), r.written), (1, false));
    assert!(dora.measure("3.5-7").await.is_err());
}

/// `init --from`: a recognised document's ministries, fields, goals and measures are written in
/// one transaction and one changeset, with the checks of the single writes; one bad measure
/// and nothing is written.
async fn an_adopted_document_is_one_change_and_all_or_nothing(b: Backend) {
    use konzeptstudio::import::concept::{Plan, PlanField, PlanMeasure, PlanMinistry};
    let plan = |measures: Vec<PlanMeasure>| Plan {
        source: "konzept.docx".into(),
        title: Some("Konzept".into()),
        short_title: None,
        introduction: String::new(),
        ministries: vec![
            PlanMinistry {
                abbreviation: "SMS".into(),
                name: "Sächsisches Staatsministerium für Soziales".into(),
                origin: "bekannt".into(),
            },
            PlanMinistry {
                abbreviation: "LDS".into(),
                name: "Landesdirektion Sachsen".into(),
                origin: "neu".into(),
            },
        ],
        fields: vec![
            PlanField {
                number: "3".into(),
                title: "Arbeit".into(),
                parent: None,
                intro: "Arbeit ist wichtig.".into(),
                goals: vec![],
                place: "Absatz 1".into(),
            },
            PlanField {
                number: "3.5".into(),
                title: "Aus- und Weiterbildung".into(),
                parent: Some("3".into()),
                intro: String::new(),
                goals: vec!["Mehr Ausbildung.".into(), "Schnellere Anerkennung.".into()],
                place: "Absatz 3".into(),
            },
        ],
        measures,
        notes: vec![],
        unplaced: vec![],
        skipped: vec![],
    };
    let m = |code: &str, lead: &str, co: &[&str]| PlanMeasure {
        code: code.into(),
        place: "Absatz 9".into(),
        data: measure("Mentoren", "3.5", lead, co),
    };
    let mut sub = m("3.5-1.1", "LDS", &[]);
    sub.data.parent = Some("3.5-1".into());
    let good = plan(vec![m("3.5-1", "SMS", &["LDS"]), sub]);

    // A concept that already has SMS keeps it and adds only LDS.
    let (mut db, admin) = seeded(b).await;
    let before = admin.latest_changeset().await.unwrap();
    let ministries_before = admin.ministries().await.unwrap().len();
    let member = admin
        .add_user(konzeptstudio::store::NewUser {
            name: "mitglied".into(),
            display_name: None,
            role: konzeptstudio::model::Role::Member,
            ministry: Some("SMS".into()),
            db_login: support::new_login(&mut db, "mitglied").await,
        })
        .await
        .unwrap();
    let member = support::as_user(b, &admin, &member.name).await;
    let after_user = admin.latest_changeset().await.unwrap();
    assert_eq!(
        member
            .adopt(&good, "Übernahme aus konzept.docx")
            .await
            .unwrap_err()
            .code(),
        "permission_denied"
    );
    // Field numbers 3 and 3.5 are taken in the seeded concept: refused, nothing written.
    let err = admin
        .adopt(&good, "Übernahme aus konzept.docx")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert_eq!(admin.latest_changeset().await.unwrap(), after_user);
    assert_eq!(admin.ministries().await.unwrap().len(), ministries_before);
    assert!(before < after_user);

    // A new concept takes the whole plan as one changeset.
    let db = support::fresh(b).await;
    let store = Store::init(&db.location, &support::concept())
        .await
        .unwrap();
    let start = store.latest_changeset().await.unwrap();
    let adopted = store
        .adopt(&good, "Übernahme aus konzept.docx")
        .await
        .unwrap();
    assert_eq!(
        (
            adopted.ministries,
            adopted.fields,
            adopted.goals,
            adopted.measures
        ),
        (2, 2, 2, 2)
    );
    let feed = store.changes_since(start, 100).await.unwrap();
    assert_eq!(feed.len(), 1, "one changeset");
    assert_eq!(feed[0].changeset.id, adopted.changeset);
    assert_eq!(feed[0].changeset.action, "concept.adopt");
    assert_eq!(
        feed[0].changeset.reason.as_deref(),
        Some("Übernahme aus konzept.docx")
    );
    let kinds = |t: EntityType| feed[0].entities.iter().filter(|e| e.0 == t).count();
    assert_eq!(
        (
            kinds(EntityType::Ministry),
            kinds(EntityType::Field),
            kinds(EntityType::Goal),
            kinds(EntityType::Measure)
        ),
        (2, 2, 2, 2)
    );
    let fields = store.fields().await.unwrap();
    assert_eq!(fields[1].parent.as_deref(), Some("3"));
    assert_eq!(store.goals(Some("3.5")).await.unwrap().len(), 2);
    let m1 = store.measure("3.5-1").await.unwrap();
    assert_eq!(m1.data.co_ministries, vec!["LDS"]);
    assert_eq!(
        store
            .measure("3.5-1.1")
            .await
            .unwrap()
            .data
            .parent
            .as_deref(),
        Some("3.5-1")
    );

    // One invalid measure (progress over 100 %) and nothing of the plan is written; the
    // message names the measure and where the document has it.
    let db = support::fresh(b).await;
    let store = Store::init(&db.location, &support::concept())
        .await
        .unwrap();
    let start = store.latest_changeset().await.unwrap();
    let mut bad = m("3.5-2", "SMS", &[]);
    bad.data.progress = 120;
    let err = store
        .adopt(
            &plan(vec![m("3.5-1", "SMS", &[]), bad]),
            "Übernahme aus konzept.docx",
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string().contains("Maßnahme 3.5-2 (Absatz 9)"),
        "{err}"
    );
    assert_eq!(store.latest_changeset().await.unwrap(), start);
    assert!(store.fields().await.unwrap().is_empty());
    assert!(store.ministries().await.unwrap().is_empty());
    assert!(
        store
            .list_measures(&Default::default())
            .await
            .unwrap()
            .is_empty()
    );
    // A measure code equal to a field number is refused the same way.
    let err = store
        .adopt(&plan(vec![m("3.5", "SMS", &[])]), "Übernahme")
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("Nummer eines Handlungsfelds"),
        "{err}"
    );
    assert!(store.fields().await.unwrap().is_empty());
}
