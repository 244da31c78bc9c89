// Answer templates (Textbausteine) with placeholders that are filled in per comment.

import { useRef, useState } from "react";
import { Button, Form } from "react-aria-components";
import { SelectInput, TextAreaInput, TextInput } from "../../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../../components/notices";
import { useDataVersion, useLoad } from "../../data";
import { t } from "../../i18n";
import { api, toIpcError, type AnswerTemplate, type ErrorPayload, type SessionInfo, type Vote } from "../../ipc";
import { FeedbackNav, useVocabulary } from "./common";
import { useEditor } from "../../guard";
import { ScreenHeading } from "../../focus";
import { errorText } from "../../messages";

const NONE = "__keins__";
const EMPTY: AnswerTemplate = { title: "", vote: null, body: "" };

export function Templates({ session }: { session: SessionInfo }) {
  const { version, bump } = useDataVersion();
  const vocab = useVocabulary();
  const info = useLoad(() => api.answerTemplates(), [version]);
  const [edit, setEditState] = useState<AnswerTemplate>(EMPTY);
  // The template as it was when editing began: the editor is dirty when `edit` differs.
  const [original, setOriginal] = useState<AnswerTemplate>(EMPTY);
  const setEdit = (x: AnswerTemplate) => {
    setEditState(x);
    setOriginal(x);
  };
  const form = useRef<HTMLFormElement>(null);
  const save = async (): Promise<boolean> => {
    setError(undefined);
    try {
      const saved = await api.saveAnswerTemplate(edit);
      setMessage(t("fbTemplateSaved", { title: saved.title }));
      setEdit(EMPTY);
      bump();
      return true;
    } catch (err) {
      setError(toIpcError(err));
      return false;
    }
  };
  useEditor({
    label: edit.id ? t("fbEditNamed", { title: original.title }) : t("fbNewTemplate"),
    dirty: JSON.stringify(edit) !== JSON.stringify(original),
    save,
    discard: () => setEdit(EMPTY),
    root: () => form.current,
  });
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  const canManage = session.actor.role === "staff" || session.actor.role === "admin";
  if (info.error) return <ErrorNotice error={info.error} onRetry={info.reload} />;
  if (!info.data || !vocab) return <Loading />;
  return (
    <div className="screen templates">
      <ScreenHeading>{t("fbTemplatesHeading")}</ScreenHeading>
      <FeedbackNav current="templates" />
      <StatusMessage>{message}</StatusMessage>
      <div className="comment-layout">
        <section aria-labelledby="tpl-list">
          <h2 id="tpl-list">{t("fbTemplateList")}</h2>
          {info.data.templates.length === 0 && <p>{t("fbNoTemplates")}</p>}
          <ul className="template-list">
            {info.data.templates.map((x) => (
              <li key={x.id} className="card">
                <h3>{x.title}</h3>
                <p className="muted">{x.vote ? vocab.vote(x.vote) : t("fbAnyVote")}</p>
                <p className="comment-text">{x.body}</p>
                {canManage && (
                  <div className="actions">
                    <Button className="button secondary small" aria-label={t("fbEditNamed", { title: x.title })} onPress={() => setEdit(x)}>
                      {t("fbEdit")}
                    </Button>
                    <Button
                      className="button secondary small"
                      aria-label={t("fbDeleteNamed", { title: x.title })}
                      onPress={() =>
                        window.confirm(t("fbDeleteConfirm", { title: x.title })) &&
                        void api.deleteAnswerTemplate(x.id ?? 0).then(
                          () => {
                            setMessage(t("fbTemplateDeleted", { title: x.title }));
                            bump();
                          },
                          (e: unknown) => setError(toIpcError(e)),
                        )
                      }
                    >
                      {t("fbDelete")}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
        {canManage && (
          <section className="card" aria-labelledby="tpl-edit">
            <h2 id="tpl-edit">{edit.id ? t("fbEditTemplate") : t("fbNewTemplate")}</h2>
            {error && <ErrorNotice error={error} />}
            <Form
              ref={form}
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <TextInput
                label={t("title")}
                value={edit.title}
                onChange={(title) => setEditState((x) => ({ ...x, title }))}
                isRequired
                name="tpl-title"
                error={error?.field === "title" ? errorText(error) : undefined}
              />
              <SelectInput
                label={t("fbVote")}
                value={edit.vote ?? NONE}
                onChange={(v) => setEditState((x) => ({ ...x, vote: v === NONE || v === null ? null : (v as Vote) }))}
                options={[{ id: NONE, label: t("fbAnyVote") }, ...vocab.votes.map(([k, l]) => ({ id: k, label: l }))]}
              />
              <TextAreaInput
                label={t("fbTemplateBody")}
                value={edit.body}
                onChange={(body) => setEditState((x) => ({ ...x, body }))}
                rows={6}
                name="tpl-body"
                error={error?.field === "body" ? errorText(error) : undefined}
              />
              <p className="help">{t("fbPlaceholders")}</p>
              <ul className="help">
                {info.data.placeholders.map(([p, d]) => (
                  <li key={p}>
                    <code>{`{${p}}`}</code>: {d}
                  </li>
                ))}
              </ul>
              <div className="actions">
                <Button type="submit" className="button primary">
                  {t("save")}
                </Button>
                {edit.id && (
                  <Button className="button secondary" onPress={() => setEdit(EMPTY)}>
                    {t("cancel")}
                  </Button>
                )}
              </div>
            </Form>
          </section>
        )}
      </div>
    </div>
  );
}
