//! Clusters of form letters and campaigns: found automatically (exact and near duplicates, see
//! [`crate::cluster`]), then confirmed, split or merged by staff. A confirmed cluster is
//! answered through its head; every member keeps its own record.

use sqlx::Row;

use super::changes::insert_revision;
use super::triage::{comment_revision, finish, state};
use super::{Store, now_utc};
use crate::access;
use crate::error::{Error, Result};
use crate::messages::Message;

/// What `cluster_comments` found.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ClusterReport {
    pub clusters: usize,
    pub exact: usize,
    pub near: usize,
    /// Comments in a cluster.
    pub comments: usize,
}

impl Store {
    /// Groups form letters into clusters: exact duplicates and near-duplicates (see
    /// [`crate::cluster`]). Clusters staff confirmed or made by hand stay as they are; the
    /// automatic ones are found anew. Each comment whose cluster changes gets a revision.
    pub async fn cluster_comments(&self, threshold: f64) -> Result<ClusterReport> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        if !(0.0..=1.0).contains(&threshold) || threshold == 0.0 {
            return Err(Error::invalid("threshold", Message::ThresholdRange));
        }
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(
            "SELECT c.id, c.original_text, c.content_hash, c.cluster_id FROM comments c \
             LEFT JOIN comment_clusters k ON k.id = c.cluster_id \
             WHERE c.cluster_id IS NULL OR (k.confirmed = 0 AND k.kind <> 'manual') ORDER BY c.id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut items: Vec<(i64, String, String, Option<i64>)> = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push((
                r.try_get("id")?,
                r.try_get("original_text")?,
                r.try_get("content_hash")?,
                r.try_get("cluster_id")?,
            ));
        }
        let texts: Vec<(&str, &str)> = items
            .iter()
            .map(|(_, t, h, _)| (t.as_str(), h.as_str()))
            .collect();
        let groups = crate::cluster::group(&texts, threshold);
        let mut target: Vec<Option<(usize, bool)>> = vec![None; items.len()];
        for (g, group) in groups.iter().enumerate() {
            for &i in &group.members {
                target[i] = Some((g, group.exact));
            }
        }
        let now = now_utc();
        // A group that is exactly an existing automatic cluster keeps it: clustering again
        // without new comments changes nothing and writes no revisions.
        let mut old_members: std::collections::HashMap<i64, Vec<usize>> = Default::default();
        for (i, (_, _, _, old)) in items.iter().enumerate() {
            if let Some(old) = old {
                old_members.entry(*old).or_default().push(i);
            }
        }
        let mut cluster_ids = Vec::with_capacity(groups.len());
        for group in &groups {
            let kept = items[group.members[0]]
                .3
                .filter(|old| old_members.get(old) == Some(&group.members));
            if let Some(old) = kept {
                cluster_ids.push(old);
                continue;
            }
            let head = items[group.members[0]].0;
            let kind = if group.exact { "exact" } else { "near" };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO comment_clusters (head_comment_id, kind, confirmed, created_at) \
                 VALUES ($1, $2, 0, $3) RETURNING id",
            )
            .bind(head)
            .bind(kind)
            .bind(now.as_str())
            .fetch_one(&mut *tx)
            .await?;
            cluster_ids.push(id);
        }
        let mut cs = None;
        for (i, (id, _, _, old)) in items.iter().enumerate() {
            let new = target[i].map(|(g, _)| cluster_ids[g]);
            if new == *old {
                continue;
            }
            let (version, before) = state(&mut tx, self.dialect(), *id).await?;
            sqlx::query("UPDATE comments SET cluster_id = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(new)
                .bind(now.as_str())
                .bind(*id)
                .execute(&mut *tx)
                .await?;
            let cs = match cs {
                Some(cs) => cs,
                None => *cs.insert(
                    self.changeset(&mut tx, "comments.cluster", None, None)
                        .await?,
                ),
            };
            finish(&mut tx, self.dialect(), cs, *id, version, &before).await?;
        }
        // Automatic clusters nobody belongs to any more.
        sqlx::query(
            "DELETE FROM comment_clusters WHERE confirmed = 0 AND kind <> 'manual' \
             AND id NOT IN (SELECT cluster_id FROM comments WHERE cluster_id IS NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ClusterReport {
            clusters: groups.len(),
            exact: groups.iter().filter(|g| g.exact).count(),
            near: groups.iter().filter(|g| !g.exact).count(),
            comments: groups.iter().map(|g| g.members.len()).sum(),
        })
    }
}

/// A cluster as staff review it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ClusterSummary {
    pub id: i64,
    /// exact, near or manual.
    pub kind: String,
    pub confirmed: bool,
    pub head: i64,
    /// The head's text, shortened to one line.
    pub head_excerpt: String,
    pub size: i64,
    /// Members already weighed or closed.
    pub done: i64,
}

impl Store {
    /// Clusters with at least two members, the largest first.
    /// Members see the clusters of comments they may see, counted over those only.
    pub async fn comment_clusters(&self) -> Result<Vec<ClusterSummary>> {
        let mut binds = Vec::new();
        let visible = self.visibility(&mut binds);
        let rows = super::rows::fetch_all_with(
            &mut *self.conn().await?,
            format!(
                "SELECT k.id, k.kind, k.confirmed, k.head_comment_id, \
                   (SELECT h.original_text FROM comments h WHERE h.id = k.head_comment_id) AS head_text, \
                   COUNT(*) AS size, \
                   SUM(CASE WHEN c.status IN ('abgewogen', 'abgeschlossen') THEN 1 ELSE 0 END) AS done \
                 FROM comment_clusters k JOIN comments c ON c.cluster_id = k.id \
                 WHERE 1 = 1{visible} \
                 GROUP BY k.id, k.kind, k.confirmed, k.head_comment_id \
                 HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, k.id"
            ),
            &binds,
        )
        .await?;
        rows.iter()
            .map(|r| {
                let text: Option<String> = r.try_get("head_text")?;
                Ok(ClusterSummary {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    confirmed: r.try_get::<i64, _>("confirmed")? != 0,
                    head: r.try_get("head_comment_id")?,
                    head_excerpt: super::search::snippet(text.as_deref().unwrap_or(""), &[], 160),
                    size: r.try_get("size")?,
                    done: r.try_get::<Option<i64>, _>("done")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// Staff confirm that a cluster's members belong together: from now on answering its head
    /// answers them all, and clustering again leaves it alone.
    pub async fn confirm_cluster(&self, cluster: i64) -> Result<usize> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let mut tx = self.begin_write().await?;
        let members = members(&mut tx, cluster).await?;
        let cs = self
            .changeset(&mut tx, "comments.cluster.confirm", None, None)
            .await?;
        let mut befores = Vec::with_capacity(members.len());
        for &id in &members {
            befores.push(state(&mut tx, self.dialect(), id).await?);
        }
        sqlx::query("UPDATE comment_clusters SET confirmed = 1 WHERE id = $1")
            .bind(cluster)
            .execute(&mut *tx)
            .await?;
        self.revise_members(&mut tx, cs, &members, &befores).await?;
        tx.commit().await?;
        Ok(members.len())
    }

    /// Takes `ids` out of their cluster into a cluster of their own (confirmed, made by hand,
    /// so clustering again does not put them back). What remains becomes a cluster made by hand
    /// too, confirmed only if it was; a cluster that loses its head gets the oldest remaining
    /// member as head.
    pub async fn split_cluster(&self, cluster: i64, ids: &[i64]) -> Result<i64> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let mut tx = self.begin_write().await?;
        let all = members(&mut tx, cluster).await?;
        let mut moved: Vec<i64> = ids.to_vec();
        moved.sort_unstable();
        moved.dedup();
        if moved.is_empty() || moved.iter().any(|id| !all.contains(id)) {
            return Err(Error::invalid("ids", Message::NotInCluster { cluster }));
        }
        if moved.len() == all.len() {
            return Err(Error::invalid("ids", Message::ClusterKeepsOne));
        }
        let cs = self
            .changeset(&mut tx, "comments.cluster.split", None, None)
            .await?;
        let mut befores = Vec::with_capacity(all.len());
        for &id in &all {
            befores.push(state(&mut tx, self.dialect(), id).await?);
        }
        let new = new_manual_cluster(&mut tx, moved[0]).await?;
        for &id in &moved {
            sqlx::query("UPDATE comments SET cluster_id = $1 WHERE id = $2")
                .bind(new)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let remaining = all.iter().find(|id| !moved.contains(id)).copied();
        sqlx::query(
            "UPDATE comment_clusters SET kind = 'manual', \
               head_comment_id = CASE WHEN head_comment_id IN (SELECT id FROM comments WHERE cluster_id = $1) \
                 THEN head_comment_id ELSE $2 END WHERE id = $1",
        )
        .bind(cluster)
        .bind(remaining)
        .execute(&mut *tx)
        .await?;
        self.revise_members(&mut tx, cs, &all, &befores).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// Merges clusters into the first one given (its head stays head); the result is a
    /// confirmed cluster made by hand.
    pub async fn merge_clusters(&self, clusters: &[i64]) -> Result<i64> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let mut seen = std::collections::HashSet::new();
        let clusters: Vec<i64> = clusters
            .iter()
            .copied()
            .filter(|k| seen.insert(*k))
            .collect();
        if clusters.len() < 2 {
            return Err(Error::invalid("clusters", Message::MergeNeedsTwo));
        }
        let mut tx = self.begin_write().await?;
        let mut all = Vec::new();
        for &k in &clusters {
            all.extend(members(&mut tx, k).await?);
        }
        let cs = self
            .changeset(&mut tx, "comments.cluster.merge", None, None)
            .await?;
        let mut befores = Vec::with_capacity(all.len());
        for &id in &all {
            befores.push(state(&mut tx, self.dialect(), id).await?);
        }
        let target = clusters[0];
        for &k in &clusters[1..] {
            sqlx::query("UPDATE comments SET cluster_id = $1 WHERE cluster_id = $2")
                .bind(target)
                .bind(k)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM comment_clusters WHERE id = $1")
                .bind(k)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE comment_clusters SET kind = 'manual', confirmed = 1 WHERE id = $1")
            .bind(target)
            .execute(&mut *tx)
            .await?;
        self.revise_members(&mut tx, cs, &all, &befores).await?;
        tx.commit().await?;
        Ok(target)
    }

    /// A revision for each member whose recorded state changed.
    async fn revise_members(
        &self,
        tx: &mut super::Tx,
        cs: i64,
        ids: &[i64],
        befores: &[(i64, super::triage::CommentState)],
    ) -> Result<()> {
        let now = now_utc();
        for (&id, (version, before)) in ids.iter().zip(befores) {
            let (_, after) = state(tx, self.dialect(), id).await?;
            if after == *before {
                continue;
            }
            sqlx::query("UPDATE comments SET version = version + 1, updated_at = $1 WHERE id = $2")
                .bind(now.as_str())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            insert_revision(tx, cs, comment_revision(id, version + 1, before, &after)).await?;
        }
        Ok(())
    }
}

/// The members of a cluster, oldest first; a cluster that does not exist is an error.
async fn members(tx: &mut super::Tx, cluster: i64) -> Result<Vec<i64>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM comments WHERE cluster_id = $1 ORDER BY id")
            .bind(cluster)
            .fetch_all(&mut **tx)
            .await?;
    if ids.is_empty() {
        return Err(Error::invalid(
            "cluster",
            Message::ClusterNotFound { cluster },
        ));
    }
    Ok(ids)
}

async fn new_manual_cluster(tx: &mut super::Tx, head: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO comment_clusters (head_comment_id, kind, confirmed, created_at) \
         VALUES ($1, 'manual', 1, $2) RETURNING id",
    )
    .bind(head)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?)
}
