//! Opening a reporting round, filling in a form, submitting and reopening a report. Each is one
//! transaction with one changeset and the revisions of what it changed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{ReportFormSnap, ReportRoundSnap};
use crate::access::{self, Action};
use crate::error::{Error, Result};
use crate::format;
use crate::messages::Message;
use crate::model::{EntityType, FormState, ReportForm, ReportRound, ReportValues};
use crate::store::changes::{Revised, insert_revision};
use crate::store::ministries::current_ministry_id;
use crate::store::write::{Target, update_versioned};
use crate::store::{Store, Tx};

/// The snapshot of `form` in round `round`, with the items it has filled in.
fn form_snap(round: i64, form: &ReportForm) -> ReportFormSnap {
    ReportFormSnap {
        round,
        ministry: form.ministry.clone(),
        status: form.state.key().to_string(),
        on_behalf: form.on_behalf,
        reopen_reason: form.reopened.clone(),
        items: form
            .items
            .iter()
            .filter(|i| i.filled)
            .map(|i| (i.code.clone(), i.values.clone()))
            .collect(),
    }
}

/// Moves form `before` of round `round` to its next version with `set` (binding `$1..$n`) and
/// records the revision from `before` to `after`.
async fn revise_form<'q>(
    tx: &mut Tx,
    cs: i64,
    round: i64,
    (form, after): (&ReportForm, &ReportForm),
    set: &str,
    n: usize,
    bind: impl FnOnce(crate::store::write::AnyQuery<'q>) -> crate::store::write::AnyQuery<'q>,
) -> Result<()> {
    let entity = format!("Bericht von {}", form.ministry);
    update_versioned(
        tx,
        Target {
            table: "report_forms",
            id: form.id,
            expected: form.version,
            entity: &entity,
        },
        set,
        n,
        bind,
    )
    .await?;
    insert_revision(
        tx,
        cs,
        Revised::updated(
            EntityType::ReportForm,
            form.id,
            form.version + 1,
            &form_snap(round, form),
            &form_snap(round, after),
        ),
    )
    .await?;
    Ok(())
}

/// Writes `values` as the form's item for measure `code`.
async fn upsert_item(tx: &mut Tx, form: i64, code: &str, values: &ReportValues) -> Result<()> {
    let json = serde_json::to_string(values).map_err(|e| Error::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO report_items (form_id, measure_id, data_json) \
         SELECT $1, id, $3 FROM measures WHERE code = $2 \
         ON CONFLICT (form_id, measure_id) DO UPDATE SET data_json = excluded.data_json",
    )
    .bind(form)
    .bind(code)
    .bind(json)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn locked(round: &ReportRound, form: &ReportForm) -> Error {
    Error::invalid(
        "round",
        Message::ReportLocked {
            round: round.id,
            ministry: form.ministry.clone(),
            cutoff: format::date(round.cutoff),
            submitted_at: form.submitted_at.as_deref().map(format::timestamp),
        },
    )
}

impl Store {
    /// Opens a reporting round: a form for every asked ministry (default: every ministry that
    /// leads a measure).
    pub async fn open_report_round(
        &self,
        cutoff: NaiveDate,
        due: NaiveDate,
        ministries: Option<Vec<String>>,
        note: &str,
    ) -> Result<ReportRound> {
        access::ensure(self.actor(), Action::ManageReports)?;
        if due < cutoff {
            return Err(Error::invalid(
                "due",
                Message::ReportDueBeforeCutoff {
                    due: format::date(due),
                    cutoff: format::date(cutoff),
                },
            ));
        }
        let asked: BTreeSet<String> = match ministries {
            Some(list) => list.into_iter().map(|m| m.trim().to_string()).collect(),
            None => self
                .current_measure_data()
                .await?
                .into_iter()
                .map(|(_, m)| m.lead_ministry)
                .collect(),
        };
        if asked.is_empty() {
            return Err(Error::invalid("ministries", Message::ReportNoneAsked));
        }
        let mut tx = self.begin_write().await?;
        let cutoff_text = cutoff.format("%Y-%m-%d").to_string();
        if let Some(other) =
            sqlx::query_scalar::<_, i64>("SELECT id FROM report_rounds WHERE cutoff = $1")
                .bind(&cutoff_text)
                .fetch_optional(&mut *tx)
                .await?
        {
            return Err(Error::invalid(
                "cutoff",
                Message::ReportCutoffTaken {
                    cutoff: format::date(cutoff),
                    round: other,
                },
            ));
        }
        let mut ids = Vec::new();
        for m in &asked {
            ids.push(current_ministry_id(&mut tx, self.dialect(), m, "ministries").await?);
        }
        let cs = self
            .changeset(
                &mut tx,
                "report.open",
                Some(&format!(
                    "Berichtsabfrage zum Stichtag {} eröffnet",
                    format::date(cutoff)
                )),
                None,
            )
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO report_rounds (cutoff, due, note, changeset_id, version) \
             VALUES ($1, $2, $3, $4, 1) RETURNING id",
        )
        .bind(&cutoff_text)
        .bind(due.format("%Y-%m-%d").to_string())
        .bind(note.trim())
        .bind(cs)
        .fetch_one(&mut *tx)
        .await?;
        for (m, ministry_id) in asked.iter().zip(ids) {
            let form: i64 = sqlx::query_scalar(
                "INSERT INTO report_forms (round_id, ministry_id, status, version) \
                 VALUES ($1, $2, 'nicht_begonnen', 1) RETURNING id",
            )
            .bind(id)
            .bind(ministry_id)
            .fetch_one(&mut *tx)
            .await?;
            let snap = ReportFormSnap {
                round: id,
                ministry: m.clone(),
                status: FormState::NichtBegonnen.key().into(),
                on_behalf: false,
                reopen_reason: None,
                items: BTreeMap::new(),
            };
            insert_revision(
                &mut tx,
                cs,
                Revised::created(EntityType::ReportForm, form, &snap),
            )
            .await?;
        }
        let snap = ReportRoundSnap {
            cutoff,
            due,
            note: note.trim().to_string(),
            ministries: asked.into_iter().collect(),
        };
        insert_revision(
            &mut tx,
            cs,
            Revised::created(EntityType::ReportRound, id, &snap),
        )
        .await?;
        tx.commit().await?;
        self.report_round(id).await
    }

    /// The form of round `round` that reports on measure `code` (its lead ministry's), and
    /// the round.
    pub async fn report_form_of(
        &self,
        round: i64,
        code: &str,
    ) -> Result<(ReportRound, ReportForm)> {
        let r = self.report_round(round).await?;
        let form = r
            .forms
            .iter()
            .find(|f| f.items.iter().any(|i| i.code == code))
            .cloned()
            .ok_or_else(|| {
                Error::invalid(
                    "code",
                    Message::ReportMeasureNotInRound {
                        code: code.to_string(),
                        round,
                    },
                )
            })?;
        Ok((r, form))
    }

    /// Fills in the form's item for measure `code` (a draft until the report is submitted).
    /// Returns the form as it is now.
    pub async fn set_report_values(
        &self,
        round: i64,
        code: &str,
        values: ReportValues,
    ) -> Result<ReportForm> {
        self.fill_report(round, vec![(code.to_string(), values)], None)
            .await?;
        Ok(self.report_form_of(round, code).await?.1)
    }

    /// Fills in the items `entries` (measure code, values) of round `round`'s forms in one
    /// transaction and one changeset (`reason`, or one naming the measure): all are checked
    /// first, and nothing is written if one is refused. Returns the ministries whose forms
    /// changed.
    pub async fn fill_report(
        &self,
        round: i64,
        entries: Vec<(String, ReportValues)>,
        reason: Option<&str>,
    ) -> Result<Vec<String>> {
        let r = self.report_round(round).await?;
        let mut after: Vec<ReportForm> = Vec::new();
        let mut writes: Vec<(i64, String, ReportValues)> = Vec::new();
        for (code, mut values) in entries {
            let Some(form) = r
                .forms
                .iter()
                .find(|f| f.items.iter().any(|i| i.code == code))
            else {
                return Err(Error::invalid(
                    "code",
                    Message::ReportMeasureNotInRound {
                        code: code.to_string(),
                        round,
                    },
                ));
            };
            access::ensure(
                self.actor(),
                Action::FillReport {
                    ministry: &form.ministry,
                },
            )?;
            if form.state == FormState::Eingereicht {
                return Err(locked(&r, form));
            }
            let prefill = &form
                .items
                .iter()
                .find(|i| i.code == code)
                .expect("found by code")
                .values;
            self.check_values(&code, prefill, &mut values).await?;
            let at = match after.iter().position(|f| f.id == form.id) {
                Some(at) => at,
                None => {
                    after.push(form.clone());
                    after.len() - 1
                }
            };
            let changed = &mut after[at];
            if changed.state == FormState::NichtBegonnen {
                changed.state = FormState::Entwurf;
            }
            for i in &mut changed.items {
                if i.code == code {
                    i.values = values.clone();
                    i.filled = true;
                }
            }
            writes.push((form.id, code, values));
        }
        let before = |id: i64| r.forms.iter().find(|f| f.id == id).expect("read above");
        after.retain(|f| form_snap(round, before(f.id)) != form_snap(round, f));
        if after.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        let reason = match reason {
            Some(reason) => reason.to_string(),
            None => format!(
                "Bericht von {} zu {}",
                after[0].ministry,
                writes
                    .iter()
                    .map(|w| w.1.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let cs = self
            .changeset(&mut tx, "report.fill", Some(&reason), None)
            .await?;
        for (form, code, values) in &writes {
            if after.iter().any(|f| f.id == *form) {
                upsert_item(&mut tx, *form, code, values).await?;
            }
        }
        for form in &after {
            revise_form(
                &mut tx,
                cs,
                round,
                (before(form.id), form),
                "status = $1",
                1,
                |q| q.bind(form.state.key()),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(after.into_iter().map(|f| f.ministry).collect())
    }

    /// Checks reported values against the measure's vocabulary, indicators and milestones.
    async fn check_values(
        &self,
        code: &str,
        prefill: &ReportValues,
        values: &mut ReportValues,
    ) -> Result<()> {
        let statuses = self.statuses().await?;
        values.status = values.status.trim().to_string();
        if !statuses.iter().any(|s| s.key == values.status) {
            return Err(Error::invalid(
                "status",
                Message::ReportStatusUnknown {
                    code: code.to_string(),
                    value: values.status.clone(),
                    allowed: statuses.iter().map(|s| s.key.clone()).collect(),
                },
            ));
        }
        if !(0..=100).contains(&values.progress) {
            return Err(Error::invalid(
                "progress",
                Message::ReportProgressRange {
                    code: code.to_string(),
                    progress: values.progress,
                },
            ));
        }
        for i in &values.indicators {
            if !prefill.indicators.iter().any(|p| p.name == i.name) {
                return Err(Error::invalid(
                    "indicators",
                    Message::ReportIndicatorUnknown {
                        code: code.to_string(),
                        name: i.name.clone(),
                        present: prefill.indicators.iter().map(|p| p.name.clone()).collect(),
                    },
                ));
            }
        }
        for m in &values.milestones {
            if !prefill.milestones.iter().any(|p| p.title == m.title) {
                return Err(Error::invalid(
                    "milestones",
                    Message::ReportMilestoneUnknown {
                        code: code.to_string(),
                        title: m.title.clone(),
                    },
                ));
            }
        }
        values.sachstand = values.sachstand.trim().to_string();
        Ok(())
    }

    /// Submits `ministry`'s report (default: the actor's): the form is locked, every item is
    /// stored as reported (the prefill for those not filled in), and the measures are updated
    /// in one changeset. Returns the form and how many measures changed.
    pub async fn submit_report(
        &self,
        round: i64,
        ministry: Option<&str>,
    ) -> Result<(ReportForm, usize)> {
        let actor = self.actor();
        let ministry = self.ministry_or_own(ministry, "dessen Bericht eingereicht wird")?;
        access::ensure(
            actor,
            Action::SubmitReport {
                ministry: &ministry,
            },
        )?;
        let r = self.report_round(round).await?;
        let form = r.form(&ministry).cloned().ok_or_else(|| {
            Error::invalid(
                "ministry",
                Message::ReportNotAsked {
                    ministry: ministry.to_string(),
                    round,
                },
            )
        })?;
        if form.state == FormState::Eingereicht {
            return Err(locked(&r, &form));
        }
        let on_behalf = actor.ministry.as_deref() != Some(ministry.as_str());
        let mut after_form = form.clone();
        after_form.state = FormState::Eingereicht;
        after_form.on_behalf = on_behalf;
        for i in &mut after_form.items {
            i.filled = true;
        }
        let mut tx = self.begin_write().await?;
        let cs = self
            .changeset(
                &mut tx,
                "report.submit",
                Some(&format!(
                    "Berichtsabfrage zum Stichtag {}: Bericht von {ministry}{}",
                    format::date(r.cutoff),
                    if on_behalf {
                        " (eingereicht durch die Redaktion)"
                    } else {
                        ""
                    }
                )),
                None,
            )
            .await?;
        for i in &form.items {
            upsert_item(&mut tx, form.id, &i.code, &i.values).await?;
        }
        let values: std::collections::HashMap<&str, &ReportValues> = form
            .items
            .iter()
            .map(|i| (i.code.as_str(), &i.values))
            .collect();
        let changed = self
            .update_measures_in(
                &mut tx,
                cs,
                form.items.iter().map(|i| i.code.clone()).collect(),
                |current| Ok(values[current.code.as_str()].applied_to(&current.data)),
            )
            .await?;
        revise_form(
            &mut tx,
            cs,
            round,
            (&form, &after_form),
            "status = 'eingereicht', submitted_changeset_id = $1, on_behalf = $2",
            2,
            |q| q.bind(cs).bind(i64::from(on_behalf)),
        )
        .await?;
        tx.commit().await?;
        let form = self
            .report_round(round)
            .await?
            .form(&ministry)
            .cloned()
            .ok_or_else(|| Error::Internal("Bericht nicht gespeichert".into()))?;
        Ok((form, changed))
    }

    /// Reopens a submitted report (staff), with the reason; the measures keep what it set.
    pub async fn reopen_report(
        &self,
        round: i64,
        ministry: &str,
        reason: &str,
    ) -> Result<ReportForm> {
        access::ensure(self.actor(), Action::ManageReports)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid("reason", Message::ReportReasonMissing));
        }
        let r = self.report_round(round).await?;
        let form = r.form(ministry).cloned().ok_or_else(|| {
            Error::invalid(
                "ministry",
                Message::ReportNotAsked {
                    ministry: ministry.to_string(),
                    round,
                },
            )
        })?;
        if form.state != FormState::Eingereicht {
            return Err(Error::invalid(
                "ministry",
                Message::ReportNotSubmitted {
                    ministry: ministry.to_string(),
                    state: form.state,
                },
            ));
        }
        let mut after_form = form.clone();
        after_form.state = FormState::Entwurf;
        after_form.reopened = Some(reason.to_string());
        let mut tx = self.begin_write().await?;
        let cs = self
            .changeset(
                &mut tx,
                "report.reopen",
                Some(&format!("Bericht von {ministry} wieder geöffnet: {reason}")),
                None,
            )
            .await?;
        revise_form(
            &mut tx,
            cs,
            round,
            (&form, &after_form),
            "status = 'entwurf', reopen_reason = $1",
            1,
            |q| q.bind(reason.to_string()),
        )
        .await?;
        tx.commit().await?;
        self.report_round(round)
            .await?
            .form(ministry)
            .cloned()
            .ok_or_else(|| Error::Internal("Bericht nicht gespeichert".into()))
    }
}
