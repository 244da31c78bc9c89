//! Reading comments: the inbox with its filters, sort orders and counts, and the dashboard.
//! Who sees what is decided here, once, for every reader (app, CLI, exports): members see the
//! comments on their ministry's measures and those assigned to their ministry; everybody else
//! sees all of them.

use sqlx::AnyConnection;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rows::{fetch_all_as, split_list};
use super::{Dialect, Store};
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::model::{
    Channel, ClusterInfo, Comment, CommentStatus, Proposal, RevisionRef, Role, Vote,
};

/// What the inbox asks for. Every field narrows the result; `None` means "any". For `ministry`
/// and `assignee` an empty string means "nobody yet".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CommentFilter {
    #[ts(optional)]
    pub status: Option<String>,
    #[ts(optional)]
    pub channel: Option<String>,
    #[ts(optional)]
    pub submitter_type: Option<String>,
    /// A field of action's number; includes its sub-fields and the fields of anchored measures.
    #[ts(optional)]
    pub field: Option<String>,
    /// A measure code: the comment's anchor or a measure linked while weighing.
    #[ts(optional)]
    pub measure: Option<String>,
    #[ts(optional)]
    pub ministry: Option<String>,
    #[ts(optional)]
    pub assignee: Option<String>,
    /// `YYYY-MM-DD`: only comments still open whose deadline is before that day.
    #[ts(optional)]
    pub overdue_on: Option<String>,
    /// `YYYY-MM-DD`: only comments due on or before that day.
    #[ts(optional)]
    pub due_by: Option<String>,
    #[ts(optional)]
    pub cluster: Option<i64>,
    #[ts(optional)]
    pub search: Option<String>,
    #[ts(optional)]
    pub sort: Option<CommentSort>,
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Matches to skip first (in the sort order): the inbox reads a long list page by page.
    #[ts(optional)]
    pub offset: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CommentSort {
    /// Oldest first: the order of receipt, as the consideration table lists them.
    #[default]
    Received,
    ReceivedDesc,
    /// Earliest deadline first, those without a deadline last.
    Due,
    Status,
    Channel,
    Ministry,
}

impl CommentSort {
    fn order_by(self) -> &'static str {
        match self {
            CommentSort::Received => "c.received_at, c.id",
            CommentSort::ReceivedDesc => "c.received_at DESC, c.id DESC",
            CommentSort::Due => {
                "CASE WHEN c.due_date IS NULL THEN 1 ELSE 0 END, c.due_date, c.received_at, c.id"
            }
            CommentSort::Status => {
                "CASE c.status WHEN 'neu' THEN 0 WHEN 'zugewiesen' THEN 1 WHEN 'in-pruefung' THEN 2 \
                 WHEN 'abgewogen' THEN 3 ELSE 4 END, c.received_at, c.id"
            }
            CommentSort::Channel => "ch.name, c.received_at, c.id",
            CommentSort::Ministry => {
                "CASE WHEN mi.abbreviation IS NULL THEN 1 ELSE 0 END, mi.abbreviation, c.received_at, c.id"
            }
        }
    }
}

/// One page of the inbox: the first `limit` matches and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CommentPage {
    pub total: i64,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    pub status: CommentStatus,
    pub label: String,
    pub count: i64,
}

/// Counts for one ministry or channel: all, weighed or closed, overdue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ProgressCount {
    pub key: String,
    pub label: String,
    pub total: i64,
    pub done: i64,
    pub overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CommentDashboard {
    pub total: i64,
    pub done: i64,
    pub overdue: i64,
    pub unassigned: i64,
    /// Open comments assigned to the acting user.
    pub mine: i64,
    /// The acting user's ministry (members), whose queue the dashboard lists first.
    pub own_ministry: Option<String>,
    pub by_status: Vec<StatusCount>,
    /// Own ministry first, then by abbreviation; "" for comments not assigned yet.
    pub by_ministry: Vec<ProgressCount>,
    pub by_channel: Vec<ProgressCount>,
}

const FROM: &str = "FROM comments c JOIN channels ch ON ch.id = c.channel_id \
     LEFT JOIN submitters s ON s.id = c.submitter_id \
     LEFT JOIN measures m ON m.id = c.anchor_measure_id \
     LEFT JOIN fields f ON f.id = c.anchor_field_id \
     LEFT JOIN ministries mi ON mi.id = c.assigned_ministry_id \
     LEFT JOIN users u ON u.id = c.assigned_user_id";

/// The comments a member of ministry `$n` may see: assigned to the ministry, or concerning a
/// measure it leads or shares (anchored or linked).
fn member_visibility(param: usize) -> String {
    format!(
        "(c.assigned_ministry_id = CAST(${param} AS BIGINT) OR EXISTS (SELECT 1 FROM measures vm \
           WHERE (vm.id = c.anchor_measure_id \
                  OR vm.id IN (SELECT vl.measure_id FROM comment_measures vl WHERE vl.comment_id = c.id)) \
             AND (vm.lead_ministry_id = CAST(${param} AS BIGINT) OR EXISTS (SELECT 1 FROM measure_co_ministries vc \
                  WHERE vc.measure_id = vm.id AND vc.ministry_id = CAST(${param} AS BIGINT)))))"
    )
}

impl Store {
    /// ` AND …` restricting to what the actor may see, or "" when they see everything.
    pub(super) fn visibility(&self, binds: &mut Vec<String>) -> String {
        let actor = self.actor();
        if actor.role != Role::Member {
            return String::new();
        }
        // A member without a ministry sees nothing (the id -1 matches no row).
        binds.push(actor.ministry_id.unwrap_or(-1).to_string());
        format!(" AND {}", member_visibility(binds.len()))
    }

    /// Whether the actor may see comment `id` (members: see [`member_visibility`]).
    pub(crate) async fn can_see_comment(&self, tx: &mut super::Tx, id: i64) -> Result<bool> {
        let actor = self.actor();
        if actor.role != Role::Member {
            return Ok(true);
        }
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM comments c WHERE c.id = $1 AND {}",
            member_visibility(2)
        )))
        .bind(id)
        .bind(actor.ministry_id.unwrap_or(-1))
        .fetch_one(&mut **tx)
        .await?;
        Ok(n > 0)
    }

    /// The numbers of `filter.field` and its sub-fields (by the field tree, from the
    /// reference cache), if the filter names a field.
    async fn field_within(&self, filter: &CommentFilter) -> Result<Option<Vec<String>>> {
        match &filter.field {
            Some(field) => Ok(Some(self.field_and_descendants(field).await?)),
            None => Ok(None),
        }
    }

    /// `within`: what [`Store::field_within`] gave for this filter.
    fn filter_clause(
        &self,
        filter: &CommentFilter,
        within: Option<&[String]>,
        binds: &mut Vec<String>,
    ) -> String {
        let mut sql = self.visibility(binds);
        let mut eq = |sql: &mut String, column: &str, value: &Option<String>| {
            if let Some(v) = value {
                binds.push(v.clone());
                sql.push_str(&format!(" AND {column} = ${}", binds.len()));
            }
        };
        eq(&mut sql, "c.status", &filter.status);
        eq(&mut sql, "ch.key", &filter.channel);
        eq(&mut sql, "s.submitter_type", &filter.submitter_type);
        for (column, value) in [
            ("mi.abbreviation", &filter.ministry),
            ("u.name", &filter.assignee),
        ] {
            match value.as_deref() {
                Some("") => sql.push_str(&format!(" AND {column} IS NULL")),
                Some(_) => eq(&mut sql, column, value),
                None => {}
            }
        }
        if let Some(within) = within {
            binds.push(serde_json::Value::from(within.to_vec()).to_string());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM fields ff WHERE (ff.id = c.anchor_field_id OR ff.id = m.field_id) \
                   AND ff.number IN ({}))",
                self.dialect().json_texts(binds.len())
            ));
        }
        if let Some(code) = &filter.measure {
            binds.push(code.clone());
            let n = binds.len();
            sql.push_str(&format!(
                " AND (m.code = ${n} OR c.id IN (SELECT cm.comment_id FROM comment_measures cm \
                   JOIN measures lm ON lm.id = cm.measure_id WHERE lm.code = ${n}))"
            ));
        }
        if let Some(day) = &filter.overdue_on {
            binds.push(day.clone());
            sql.push_str(&format!(
                " AND c.due_date < ${} AND c.status NOT IN ('abgewogen', 'abgeschlossen')",
                binds.len()
            ));
        }
        if let Some(day) = &filter.due_by {
            binds.push(day.clone());
            sql.push_str(&format!(" AND c.due_date <= ${}", binds.len()));
        }
        if let Some(cluster) = filter.cluster {
            sql.push_str(&format!(" AND c.cluster_id = {cluster}"));
        }
        if let Some(text) = filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
            let clause = super::search::comment_match_clause(self.dialect(), text, binds);
            sql.push_str(&format!(" AND c.id IN ({clause})"));
        }
        sql
    }

    /// The submitter types (Akteursgruppen) that occur, for the inbox's filter.
    pub async fn submitter_types(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT submitter_type FROM submitters WHERE submitter_type IS NOT NULL \
             ORDER BY submitter_type",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?)
    }

    /// Channel key → display name.
    pub async fn channel_names(&self) -> Result<std::collections::HashMap<String, String>> {
        Ok(self
            .channels()
            .await?
            .into_iter()
            .map(|c| (c.key, c.name))
            .collect())
    }

    /// The channels comments arrived through, by name.
    pub async fn channels(&self) -> Result<Vec<Channel>> {
        let rows = sqlx::query_as::<_, ChannelRow>(
            "SELECT id, key, name, kind FROM channels ORDER BY name",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows.into_iter().map(Channel::from).collect())
    }

    pub async fn comment(&self, id: i64) -> Result<Comment> {
        self.query_comments(&CommentFilter::default(), Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found(Message::CommentNotFound { id }))
    }

    /// [`Store::comment`] on `conn` (a write transaction's: on a network share there is no
    /// second connection to read on).
    pub(crate) async fn comment_on(&self, conn: &mut AnyConnection, id: i64) -> Result<Comment> {
        self.query_comments_on(conn, &CommentFilter::default(), None, Some(id))
            .await?
            .pop()
            .ok_or_else(|| Error::not_found(Message::CommentNotFound { id }))
    }

    /// All comments matching `filter` the actor may see (up to `filter.limit`).
    pub async fn comments(&self, filter: &CommentFilter) -> Result<Vec<Comment>> {
        self.query_comments(filter, None).await
    }

    /// The first `filter.limit` matches and the number of all matches.
    pub async fn comment_page(&self, filter: &CommentFilter) -> Result<CommentPage> {
        let mut binds = Vec::new();
        let within = self.field_within(filter).await?;
        let clause = self.filter_clause(filter, within.as_deref(), &mut binds);
        let rows: Vec<(i64,)> = fetch_all_as(
            &mut *self.conn().await?,
            format!("SELECT COUNT(*) AS n {FROM} WHERE 1 = 1{clause}"),
            &binds,
        )
        .await?;
        let total = rows[0].0;
        Ok(CommentPage {
            total,
            comments: self.query_comments(filter, None).await?,
        })
    }

    async fn query_comments(
        &self,
        filter: &CommentFilter,
        id: Option<i64>,
    ) -> Result<Vec<Comment>> {
        let within = self.field_within(filter).await?;
        self.query_comments_on(&mut *self.conn().await?, filter, within, id)
            .await
    }

    /// `within`: what [`Store::field_within`] gave for `filter`.
    async fn query_comments_on(
        &self,
        conn: &mut AnyConnection,
        filter: &CommentFilter,
        within: Option<Vec<String>>,
        id: Option<i64>,
    ) -> Result<Vec<Comment>> {
        let linked = match self.dialect() {
            Dialect::Sqlite => "group_concat(lm.code, ',')",
            Dialect::Postgres => "string_agg(lm.code, ',')",
        };
        // Internal notes only for those who may read them: on PostgreSQL the others have no
        // privilege on the column, so it is not even named.
        let sees_notes = matches!(self.actor().role, Role::Staff | Role::Admin);
        let note = if sees_notes {
            "c.internal_note"
        } else {
            "CAST(NULL AS TEXT) AS internal_note"
        };
        let mut sql = format!(
            "SELECT c.id, c.external_id, ch.key AS channel, s.name AS submitter, s.organisation, \
               s.submitter_type, \
               CASE WHEN s.erased_at IS NOT NULL THEN 'gelöscht' \
                    WHEN s.anonymised_at IS NOT NULL THEN 'anonymisiert' END AS privacy, \
               c.received_at, c.original_text, COALESCE(c.working_text, c.original_text) AS working_text, \
               m.code AS measure, f.number AS field, c.status, c.vote, c.answer, {note}, \
               mi.abbreviation AS ministry, u.name AS assignee, c.due_date, \
               c.proposed_vote, c.proposed_answer, pu.name AS proposed_by, \
               (SELECT {linked} FROM comment_measures cm JOIN measures lm ON lm.id = cm.measure_id \
                 WHERE cm.comment_id = c.id) AS linked, \
               rm.code AS answer_measure, rv.version AS answer_version, \
               c.cluster_id, k.head_comment_id AS cluster_head, k.confirmed AS cluster_confirmed, \
               k.kind AS cluster_kind, \
               (SELECT COUNT(*) FROM comments kc WHERE kc.cluster_id = c.cluster_id) AS cluster_size, \
               c.illustrative, c.version \
             {FROM} \
             LEFT JOIN users pu ON pu.id = c.proposed_by \
             LEFT JOIN revisions rv ON rv.id = c.answer_revision_id \
             LEFT JOIN measures rm ON rm.id = rv.entity_id AND rv.entity_type = 'measure' \
             LEFT JOIN comment_clusters k ON k.id = c.cluster_id \
             WHERE 1 = 1"
        );
        let mut binds: Vec<String> = Vec::new();
        if let Some(id) = id {
            binds.push(id.to_string());
            sql.push_str(&format!(" AND c.id = CAST(${} AS BIGINT)", binds.len()));
        }
        sql.push_str(&self.filter_clause(filter, within.as_deref(), &mut binds));
        // An offset needs a limit in SQLite; "no limit" is then the largest one.
        let limit = match (filter.limit, filter.offset) {
            (None, Some(_)) => Some(i64::MAX),
            (limit, _) => limit,
        };
        let order = filter.sort.unwrap_or_default().order_by();
        super::rows::order_and_limit(&mut sql, order, limit, &mut binds);
        // Bound: the inbox is read page by page, and one text is prepared once.
        if let Some(offset) = filter.offset.filter(|o| *o > 0) {
            binds.push(offset.to_string());
            sql.push_str(&format!(" OFFSET CAST(${} AS BIGINT)", binds.len()));
        }
        let rows: Vec<CommentRow> = fetch_all_as(conn, sql, &binds).await?;
        rows.into_iter()
            .map(|r| r.into_comment(sees_notes))
            .collect()
    }

    /// Counts for the dashboard over the comments the actor may see; `today` decides what is
    /// overdue.
    pub async fn comment_dashboard(&self, today: chrono::NaiveDate) -> Result<CommentDashboard> {
        let mut binds = vec![today.format("%Y-%m-%d").to_string()];
        let clause = self.visibility(&mut binds);
        binds.push(self.actor().id.to_string());
        let me = binds.len();
        let sql = format!(
            "SELECT c.status, ch.key AS channel, ch.name AS channel_name, \
               COALESCE(mi.abbreviation, '') AS ministry, \
               CAST(CASE WHEN c.due_date < $1 AND c.status NOT IN ('abgewogen', 'abgeschlossen') \
                    THEN 1 ELSE 0 END AS BIGINT) AS overdue, \
               CAST(CASE WHEN c.assigned_user_id = CAST(${me} AS BIGINT) THEN 1 ELSE 0 END AS BIGINT) AS mine, \
               COUNT(*) AS n \
             {FROM} WHERE 1 = 1{clause} \
             GROUP BY c.status, ch.key, ch.name, mi.abbreviation, overdue, mine"
        );
        let rows: Vec<DashboardRow> = fetch_all_as(&mut *self.conn().await?, sql, &binds).await?;
        let own = self.actor().ministry.clone();
        let mut status: BTreeMap<usize, i64> = BTreeMap::new();
        let mut ministries: BTreeMap<String, ProgressCount> = BTreeMap::new();
        let mut channels: BTreeMap<String, ProgressCount> = BTreeMap::new();
        let mut d = CommentDashboard {
            total: 0,
            done: 0,
            overdue: 0,
            unassigned: 0,
            mine: 0,
            own_ministry: own.clone(),
            by_status: Vec::new(),
            by_ministry: Vec::new(),
            by_channel: Vec::new(),
        };
        for r in rows {
            let st = CommentStatus::parse(&r.status)
                .ok_or_else(|| Error::Internal(format!("Status {}", r.status)))?;
            let n = r.n;
            let overdue = r.overdue != 0;
            let ministry = r.ministry;
            let done = st.is_done();
            *status.entry(st as usize).or_default() += n;
            d.total += n;
            d.done += if done { n } else { 0 };
            d.overdue += if overdue { n } else { 0 };
            d.unassigned += if ministry.is_empty() { n } else { 0 };
            d.mine += if r.mine != 0 && !done { n } else { 0 };
            let label = if ministry.is_empty() {
                "nicht zugewiesen".to_string()
            } else {
                ministry.clone()
            };
            for (map, key, label) in [
                (&mut ministries, ministry, label),
                (&mut channels, r.channel, r.channel_name),
            ] {
                let e = map.entry(key.clone()).or_insert_with(|| ProgressCount {
                    key,
                    label,
                    ..Default::default()
                });
                e.total += n;
                e.done += if done { n } else { 0 };
                e.overdue += if overdue { n } else { 0 };
            }
        }
        d.by_status = CommentStatus::ALL
            .iter()
            .map(|&s| StatusCount {
                status: s,
                label: s.label().to_string(),
                count: status.get(&(s as usize)).copied().unwrap_or(0),
            })
            .collect();
        d.by_ministry = ministries.into_values().collect();
        d.by_ministry.sort_by_key(|m| {
            (
                Some(&m.key) != own.as_ref(),
                m.key.is_empty(),
                m.key.clone(),
            )
        });
        d.by_channel = channels.into_values().collect();
        Ok(d)
    }
}

/// A channel comments arrive through.
#[derive(sqlx::FromRow)]
struct ChannelRow {
    id: i64,
    key: String,
    name: String,
    kind: String,
}

impl From<ChannelRow> for Channel {
    fn from(r: ChannelRow) -> Channel {
        Channel {
            id: r.id,
            key: r.key,
            name: r.name,
            kind: r.kind,
        }
    }
}

/// One group of the dashboard's counts (`overdue` and `mine` are 0/1).
#[derive(sqlx::FromRow)]
struct DashboardRow {
    status: String,
    channel: String,
    channel_name: String,
    ministry: String,
    overdue: i64,
    mine: i64,
    n: i64,
}

/// One comment as the inbox selects it, with its links, answer revision and cluster.
#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    external_id: Option<String>,
    channel: String,
    submitter: Option<String>,
    organisation: Option<String>,
    submitter_type: Option<String>,
    privacy: Option<String>,
    received_at: String,
    original_text: String,
    working_text: String,
    measure: Option<String>,
    field: Option<String>,
    status: String,
    vote: Option<String>,
    answer: Option<String>,
    internal_note: Option<String>,
    ministry: Option<String>,
    assignee: Option<String>,
    due_date: Option<String>,
    proposed_vote: Option<String>,
    proposed_answer: Option<String>,
    proposed_by: Option<String>,
    linked: Option<String>,
    answer_measure: Option<String>,
    answer_version: Option<i64>,
    cluster_id: Option<i64>,
    cluster_head: Option<i64>,
    cluster_confirmed: Option<i64>,
    cluster_kind: Option<String>,
    cluster_size: Option<i64>,
    illustrative: i64,
    version: i64,
}

impl CommentRow {
    /// `sees_notes`: whether the reader may see internal notes.
    fn into_comment(self, sees_notes: bool) -> Result<Comment> {
        let mut measures = split_list(self.linked);
        measures.sort();
        let proposal = match (
            self.proposed_vote.as_deref().and_then(Vote::parse),
            self.proposed_answer,
        ) {
            (Some(vote), answer) => Some(Proposal {
                vote,
                answer: answer.unwrap_or_default(),
                by: self.proposed_by.unwrap_or_default(),
            }),
            _ => None,
        };
        let answer_revision = match (self.answer_measure, self.answer_version) {
            (Some(measure), Some(version)) => Some(RevisionRef { measure, version }),
            _ => None,
        };
        let cluster = match (self.cluster_id, self.cluster_head) {
            (Some(id), Some(head)) => Some(ClusterInfo {
                id,
                head,
                size: self.cluster_size.unwrap_or(0),
                confirmed: self.cluster_confirmed.unwrap_or(0) != 0,
                kind: self.cluster_kind.unwrap_or_default(),
            }),
            _ => None,
        };
        Ok(Comment {
            status: CommentStatus::parse(&self.status)
                .ok_or_else(|| Error::Internal(format!("Status {}", self.status)))?,
            vote: self.vote.as_deref().and_then(Vote::parse),
            internal_note: if sees_notes { self.internal_note } else { None },
            id: self.id,
            external_id: self.external_id,
            channel: self.channel,
            submitter: self.submitter,
            organisation: self.organisation,
            submitter_type: self.submitter_type,
            received_at: self.received_at,
            text: self.original_text,
            working_text: self.working_text,
            measure: self.measure,
            field: self.field,
            answer: self.answer,
            assigned_ministry: self.ministry,
            assigned_user: self.assignee,
            due_date: self.due_date,
            proposal,
            measures,
            answer_revision,
            cluster_id: self.cluster_id,
            cluster,
            privacy: self.privacy,
            illustrative: self.illustrative != 0,
            version: self.version,
        })
    }
}
