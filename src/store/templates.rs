//! Answer templates (Textbausteine): reusable answers with placeholders such as `{Einreicher}`
//! that are filled in per comment when staff answer one comment or many at once.

use sqlx::Row;

use super::Store;
use crate::access;
use crate::error::{Error, Result};
use crate::format;
use crate::messages::Message;
use crate::model::{AnswerTemplate, Comment, Vote};

/// The placeholders a template may use, with what they stand for (shown in the app). None of
/// them is personal data: answers are published and kept in the history, where a name could not
/// be erased on request.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("Nr", "Nummer der Stellungnahme"),
    ("Eingang", "Datum des Eingangs"),
    ("Kanal", "Beteiligungskanal"),
    ("Maßnahme", "betroffene Maßnahme(n)"),
];

/// The pieces of a template body: literal text and placeholder names. A `{` without a closing
/// `}` is literal text.
fn pieces(body: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open + 1..].find(['}', '{']) else {
            break;
        };
        if rest.as_bytes()[open + 1 + len] == b'{' {
            out.push((false, &rest[..open + 1 + len]));
            rest = &rest[open + 1 + len..];
            continue;
        }
        out.push((false, &rest[..open]));
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    out.push((false, rest));
    out
}

/// Refuses a body with a placeholder that does not exist, naming it and the ones that do.
pub fn check_placeholders(body: &str) -> Result<()> {
    for (is_name, name) in pieces(body) {
        if is_name && !PLACEHOLDERS.iter().any(|(p, _)| *p == name.trim()) {
            let known: Vec<String> = PLACEHOLDERS
                .iter()
                .map(|(p, _)| format!("{{{p}}}"))
                .collect();
            return Err(Error::invalid(
                "body",
                Message::UnknownPlaceholder {
                    name: name.to_string(),
                    known: known.iter().map(|k| k.to_string()).collect(),
                },
            ));
        }
    }
    Ok(())
}

/// Fills in the placeholders for one comment. `channel_name` is the channel's display name;
/// `measures` the codes the answer concerns.
pub fn render_answer(
    body: &str,
    comment: &Comment,
    channel_name: &str,
    measures: &[String],
) -> Result<String> {
    check_placeholders(body)?;
    let mut out = String::with_capacity(body.len() + 32);
    for (is_name, piece) in pieces(body) {
        if !is_name {
            out.push_str(piece);
            continue;
        }
        let value = match piece.trim() {
            "Nr" => comment
                .external_id
                .clone()
                .unwrap_or_else(|| comment.id.to_string()),
            "Eingang" => format::timestamp(&comment.received_at)
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string(),
            "Kanal" => channel_name.to_string(),
            "Maßnahme" => measures.join(", "),
            other => unreachable!("checked above: {other}"),
        };
        out.push_str(&value);
    }
    Ok(out)
}

/// The measures an answer concerns: the comment's anchor, those linked, and `extra`.
pub(crate) fn answer_measures(comment: &Comment, extra: Option<&str>) -> Vec<String> {
    let mut codes: Vec<String> = comment.measure.iter().cloned().collect();
    codes.extend(comment.measures.iter().cloned());
    codes.extend(extra.map(str::to_string));
    codes.sort();
    codes.dedup();
    codes
}

impl Store {
    /// A template body filled in for comment `id` (what the answer would read), with `measure`
    /// as an additional measure the answer concerns.
    pub async fn render_answer_for(
        &self,
        body: &str,
        id: i64,
        measure: Option<&str>,
    ) -> Result<String> {
        let comment = self.comment(id).await?;
        let channel: Option<String> =
            sqlx::query_scalar("SELECT name FROM channels WHERE key = $1")
                .bind(comment.channel.as_str())
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        let codes = answer_measures(&comment, measure);
        render_answer(body, &comment, channel.as_deref().unwrap_or(""), &codes)
    }

    pub async fn answer_templates(&self) -> Result<Vec<AnswerTemplate>> {
        let rows = sqlx::query(
            "SELECT id, title, vote, body, version FROM answer_templates ORDER BY title",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AnswerTemplate {
                    id: Some(r.try_get("id")?),
                    title: r.try_get("title")?,
                    vote: r
                        .try_get::<Option<String>, _>("vote")?
                        .as_deref()
                        .and_then(Vote::parse),
                    body: r.try_get("body")?,
                    version: Some(r.try_get("version")?),
                })
            })
            .collect()
    }

    /// Creates (`id` None) or updates a template; an update must name the version it read.
    pub async fn save_answer_template(&self, t: &AnswerTemplate) -> Result<AnswerTemplate> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let title = t.title.trim();
        if title.is_empty() {
            return Err(Error::invalid("title", Message::TemplateTitleMissing));
        }
        if t.body.trim().is_empty() {
            return Err(Error::invalid("body", Message::TemplateBodyMissing));
        }
        check_placeholders(&t.body)?;
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM answer_templates WHERE title = $1")
                .bind(title)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() && taken != t.id {
            return Err(Error::invalid(
                "title",
                Message::TemplateExists {
                    title: title.to_string(),
                },
            ));
        }
        let vote = t.vote.map(Vote::key);
        let id = match t.id {
            None => sqlx::query_scalar(
                "INSERT INTO answer_templates (title, vote, body) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(title)
            .bind(vote)
            .bind(t.body.as_str())
            .fetch_one(&mut *tx)
            .await?,
            Some(id) => {
                let entity = format!("Textbaustein „{title}“");
                super::write::update_versioned(
                    &mut tx,
                    super::write::Target {
                        table: "answer_templates",
                        id,
                        expected: t.version.unwrap_or(0),
                        entity: &entity,
                    },
                    "title = $1, vote = $2, body = $3",
                    3,
                    |q| q.bind(title).bind(vote).bind(t.body.clone()),
                )
                .await?;
                id
            }
        };
        tx.commit().await?;
        self.answer_templates()
            .await?
            .into_iter()
            .find(|t| t.id == Some(id))
            .ok_or_else(|| Error::Internal("Textbaustein nach dem Speichern nicht gefunden".into()))
    }

    pub async fn delete_answer_template(&self, id: i64) -> Result<()> {
        access::ensure(self.actor(), access::Action::ManageComments)?;
        let done = sqlx::query("DELETE FROM answer_templates WHERE id = $1")
            .bind(id)
            .execute(&mut *self.conn().await?)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found(Message::TemplateNotFound { id }));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CommentStatus;

    fn comment() -> Comment {
        Comment {
            id: 7,
            external_id: Some("OB1-0042".into()),
            channel: "online-1".into(),
            submitter: None,
            organisation: Some("Flüchtlingsrat".into()),
            submitter_type: None,
            received_at: "2017-04-01T10:00:00.000Z".into(),
            text: "x".into(),
            working_text: "x".into(),
            measure: None,
            field: None,
            status: CommentStatus::Neu,
            vote: None,
            answer: None,
            assigned_ministry: None,
            assigned_user: None,
            due_date: None,
            internal_note: None,
            proposal: None,
            measures: vec![],
            answer_revision: None,
            cluster_id: None,
            cluster: None,
            privacy: None,
            illustrative: false,
            version: 1,
        }
    }

    #[test]
    fn placeholders_are_filled_per_comment() {
        let text = render_answer(
            "Sehr geehrte Damen und Herren, Ihre Stellungnahme {Nr} vom {Eingang} \
             ({Kanal}) betrifft {Maßnahme}.",
            &comment(),
            "Online-Beteiligung 1",
            &["3.5.2".into(), "3.1.1".into()],
        )
        .unwrap();
        assert_eq!(
            text,
            "Sehr geehrte Damen und Herren, Ihre Stellungnahme OB1-0042 vom \
             01.04.2017 (Online-Beteiligung 1) betrifft 3.5.2, 3.1.1."
        );
    }

    #[test]
    fn unknown_placeholders_are_named_and_lone_braces_are_text() {
        let e = check_placeholders("Danke {Vorname}!").unwrap_err();
        assert!(e.to_string().contains("{Vorname}"), "{e}");
        assert!(
            check_placeholders("Liebe/r {Einreicher}").is_err(),
            "no personal data in stored answers"
        );
        assert_eq!(e.to_payload().field.as_deref(), Some("body"));
        assert_eq!(
            render_answer("a { b {Nr} c }", &comment(), "", &[]).unwrap(),
            "a { b OB1-0042 c }"
        );
    }
}
