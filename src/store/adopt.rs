//! Adopting a recognised document (`init --from konzept.docx`): its ministries, fields, goals
//! and measures in one transaction and one changeset, all or nothing.

use super::{Location, Store};
use crate::access;
use crate::error::{Error, Result};
use crate::import::concept::Plan;
use crate::messages::Message;
use crate::model::Concept;

/// What an adoption wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Adopted {
    pub changeset: i64,
    /// Ministries created (those the concept already had are used as they are).
    pub ministries: usize,
    pub fields: usize,
    pub goals: usize,
    pub measures: usize,
}

impl Store {
    /// Creates a new concept at `location` from a plan (`init --from`): the concept with the
    /// document's title (or `title`) and its introduction as foreword, then the plan adopted
    /// as one changeset. A plan without fields creates nothing; if adopting fails, a file this
    /// call created is removed again.
    pub async fn init_from(
        location: &Location,
        plan: &Plan,
        title: Option<&str>,
    ) -> Result<(Store, Adopted)> {
        if plan.fields.is_empty() {
            return Err(crate::import::concept::nothing_found(&plan.source));
        }
        let title_given = title;
        let title = title
            .map(str::to_string)
            .or_else(|| plan.title.clone())
            .unwrap_or_else(|| crate::import::concept::DEFAULT_TITLE.to_string());
        let short_title = match title_given {
            Some(_) => title.clone(),
            None => plan.short_title.clone().unwrap_or_else(|| title.clone()),
        };
        let existed = matches!(location, Location::File(p) if p.exists());
        let store = Store::init(
            location,
            &Concept {
                title: title.clone(),
                short_title,
                foreword: plan.introduction.clone(),
                ..Default::default()
            },
        )
        .await?;
        match store
            .adopt(plan, &crate::import::concept::adoption_reason(plan))
            .await
        {
            Ok(adopted) => Ok((store, adopted)),
            Err(e) => {
                store.close().await;
                // Nothing half-made is left behind: the file did not exist before.
                if let Location::File(p) = location
                    && !existed
                {
                    for suffix in ["", "-wal", "-shm", "-journal"] {
                        let mut f = p.clone().into_os_string();
                        f.push(suffix);
                        let _ = std::fs::remove_file(f);
                    }
                }
                Err(e)
            }
        }
    }

    /// Writes a plan: ministries the concept does not have yet, fields (parents first), their
    /// goals and the measures, with the checks of the single writes (permission, numbers and
    /// codes, references, validation). One changeset with `reason`; any error writes nothing.
    pub async fn adopt(&self, plan: &Plan, reason: &str) -> Result<Adopted> {
        access::ensure(self.actor(), access::Action::EditStructure)?;
        access::ensure(self.actor(), access::Action::CreateMeasure)?;
        if plan.fields.is_empty() {
            return Err(Error::invalid(
                "from",
                Message::NoFieldRecognised {
                    source: plan.source.clone(),
                },
            ));
        }
        let mut tx = self.begin_write().await?;
        super::concept::check_reason(&mut tx, Some(reason)).await?;
        let cs = self
            .changeset(&mut tx, "concept.adopt", Some(reason), None)
            .await?;
        let mut ministries = 0;
        for m in &plan.ministries {
            let exists: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM ministries WHERE abbreviation = $1 AND valid_to IS NULL",
            )
            .bind(&m.abbreviation)
            .fetch_one(&mut *tx)
            .await?;
            if exists == 0 {
                self.insert_ministry(&mut tx, cs, &m.abbreviation, &m.name, None)
                    .await?;
                ministries += 1;
            }
        }
        let mut goals = 0;
        for (i, f) in plan.fields.iter().enumerate() {
            super::fields::insert_field(
                &mut tx,
                cs,
                &f.number,
                &f.title,
                f.parent.as_deref(),
                &f.intro,
                i as i64,
            )
            .await?;
            for g in &f.goals {
                super::fields::insert_goal(&mut tx, cs, &f.number, g).await?;
                goals += 1;
            }
        }
        // Name the measure: the plan's errors are read by someone fixing the file.
        let name = |code: &str, e: Error| match (e, plan.measures.iter().find(|m| m.code == code)) {
            (Error::Invalid { field, message }, Some(m)) => Error::Invalid {
                field,
                message: Box::new(Message::AtMeasure {
                    code: m.code.clone(),
                    place: m.place.clone(),
                    message,
                }),
            },
            (other, _) => other,
        };
        let mut items = Vec::with_capacity(plan.measures.len());
        for m in &plan.measures {
            items.extend(
                super::measures::checked_new(vec![(m.code.clone(), m.data.clone())])
                    .map_err(|e| name(&m.code, e))?,
            );
        }
        super::measure_write::insert_many(&mut tx, self.dialect(), cs, &items, name).await?;
        tx.commit().await?;
        Ok(Adopted {
            changeset: cs,
            ministries,
            fields: plan.fields.len(),
            goals,
            measures: plan.measures.len(),
        })
    }
}
