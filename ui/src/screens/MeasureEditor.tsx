import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Markdown from "react-markdown";
import { Button, Checkbox, CheckboxGroup, Form, Label, Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { CheckboxInput, DateInputField, NumberInput, SelectInput, TextAreaInput, TextInput } from "../components/fields";
import { DraftOffer, ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { ConflictDialog } from "../components/ConflictDialog";
import { useDataVersion, useLoad } from "../data";
import { formatEuro, parseEuro, timeframe } from "../format";
import { fieldLabel, t } from "../i18n";
import { api, hasCode, toIpcError, type ErrorPayload, type Measure, type MeasureData, type ReferenceData, type SessionInfo } from "../ipc";
import { measureData, rebase } from "../merge";
import { clearDraft, loadDraft, saveDraft, type Draft } from "../drafts";
import { focusSoon } from "../focus";
import { useEditor } from "../guard";
import { href } from "../route";
import { validateMeasure, type Errors } from "../validate";
import { errorMessage, messageText } from "../messages";
import { ScreenHeading } from "../focus";

interface EditorState {
  /** The version this editor is based on, and its content. */
  version: number;
  base: MeasureData;
  draft: MeasureData;
}

function MarkdownField({ label, value, onChange, error, name }: { label: string; value: string; onChange: (v: string) => void; error?: string; name: string }) {
  return (
    <Tabs className="markdown-field">
      <TabList aria-label={label} className="tabs">
        <Tab id="edit">{label}</Tab>
        <Tab id="preview">{t("preview")}</Tab>
      </TabList>
      <TabPanel id="edit">
        <TextAreaInput label={label} value={value} onChange={onChange} error={error} rows={8} name={name} />
      </TabPanel>
      <TabPanel id="preview" className="markdown-preview">
        {/* react-markdown renders no raw HTML: texts can be pasted from anywhere. */}
        <Markdown>{value}</Markdown>
      </TabPanel>
    </Tabs>
  );
}

/** Rows of a list (budget, indicators, milestones) with add and remove. */
function ListSection<T>({
  title,
  items,
  onChange,
  blank,
  render,
}: {
  title: string;
  items: T[];
  onChange: (items: T[]) => void;
  blank: T;
  render: (item: T, set: (v: T) => void, index: number) => React.ReactNode;
}) {
  return (
    <fieldset className="list-section">
      <legend>{title}</legend>
      {items.map((item, i) => (
        <div className="list-row" key={i}>
          {render(item, (v) => onChange(items.map((x, j) => (j === i ? v : x))), i)}
          <Button className="button secondary" onPress={() => onChange(items.filter((_, j) => j !== i))} aria-label={`${t("remove")}: ${title} ${i + 1}`}>
            {t("remove")}
          </Button>
        </div>
      ))}
      <Button className="button secondary" onPress={() => onChange([...items, structuredClone(blank)])}>
        {t("add")}
      </Button>
    </fieldset>
  );
}

function ReadOnlyView({ m, reason, refs }: { m: Measure; reason: string | null; refs: ReferenceData }) {
  const status = refs.statuses.find((s) => s.key === m.status)?.label ?? m.status;
  return (
    <>
      <p className="notice warning" role="note">
        <strong>{t("readOnly")}:</strong> {reason}
      </p>
      <dl className="facts-list">
        <dt>{t("field")}</dt>
        <dd>{m.field}</dd>
        <dt>{t("lead")}</dt>
        <dd>{m.lead_ministry}</dd>
        <dt>{t("coMinistries")}</dt>
        <dd>{m.co_ministries.join(", ") || "–"}</dd>
        <dt>{t("status")}</dt>
        <dd>
          {status}, {m.progress} %
        </dd>
        <dt>{t("timeframe")}</dt>
        <dd>{timeframe(m.start, m.end, m.ongoing) || "–"}</dd>
        <dt>{t("budget")}</dt>
        <dd>{formatEuro(m.budget.reduce((s, b) => s + b.amount_cents, 0))}</dd>
        <dt>{t("partners")}</dt>
        <dd>{m.partners.join(", ") || "–"}</dd>
      </dl>
      <h2>{t("textLong")}</h2>
      <div className="markdown-preview">
        <Markdown>{m.text_long}</Markdown>
      </div>
      <h2>{t("textShort")}</h2>
      <div className="markdown-preview">
        <Markdown>{m.text_short}</Markdown>
      </div>
    </>
  );
}

export function MeasureEditor({ code, session }: { code: string; session: SessionInfo }) {
  const { version: dataVersion, recent, bump } = useDataVersion();
  const view = useLoad(() => api.getMeasure(code), [code]);
  const refs = useLoad(() => api.referenceData(), []);
  const [state, setState] = useState<EditorState>();
  const [errors, setErrors] = useState<Errors>({});
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  const [conflict, setConflict] = useState(false);
  const draftKey = `measure:${code}`;
  // A draft kept from an earlier session (a crash, a closed window): offered, never applied
  // without asking.
  const [offer, setOffer] = useState<Draft<MeasureData> | undefined>(() => loadDraft<MeasureData>(draftKey));
  const form = useRef<HTMLFormElement>(null);

  // A (re)loaded measure replaces the editor's content: adjusted while rendering, not in an effect.
  const [shown, setShown] = useState(view.data);
  if (view.data !== shown) {
    setShown(view.data);
    if (view.data) {
      const m = view.data.measure;
      setState({ version: m.version, base: measureData(m), draft: measureData(m) });
      // A draft with nothing left to restore is not offered.
      if (offer && JSON.stringify(offer.draft) === JSON.stringify(measureData(m))) {
        clearDraft(draftKey);
        setOffer(undefined);
      }
    }
  }

  const dirty = useMemo(() => state !== undefined && JSON.stringify(state.base) !== JSON.stringify(state.draft), [state]);

  // While there are unsaved changes, they are kept locally (and survive a crash).
  useEffect(() => {
    if (!state || offer) return;
    if (dirty) saveDraft(draftKey, { version: state.version, base: state.base, draft: state.draft, reason });
    else clearDraft(draftKey);
  }, [state, dirty, reason, draftKey, offer]);

  // Team mode: somebody else saved this measure. A clean editor follows; a dirty one is told.
  const theirs = useMemo(() => {
    const id = view.data?.measure.id;
    if (!state || id === undefined) return undefined;
    const item = recent.find(
      (c) => c.actor !== session.actor.name && c.entities.some(([type, eid, v]) => type === "measure" && eid === id && v > state.version),
    );
    if (!item) return undefined;
    const version = Math.max(...item.entities.filter(([type, eid]) => type === "measure" && eid === id).map(([, , v]) => v));
    return { who: item.actor, version, poll: dataVersion };
  }, [recent, dataVersion, view.data, state, session.actor.name]);
  const { reload } = view;
  useEffect(() => {
    if (theirs && !dirty) reload();
  }, [theirs, dirty, reload]);
  const othersChanged = dirty ? theirs : undefined;

  const invalid = () => {
    setMessage(t("fixErrors"));
    // The first invalid field takes the focus once it is marked.
    focusSoon(() => form.current?.querySelector<HTMLElement>("[aria-invalid=true]"));
  };
  const save = async (): Promise<boolean> => {
    if (!state) return false;
    setFailure(undefined);
    setMessage("");
    // The partners field keeps an empty last line while typing; it is not a partner.
    const data = { ...state.draft, partners: state.draft.partners.filter((p) => p.trim()) };
    const found = validateMeasure(data);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      invalid();
      return false;
    }
    try {
      const w = await api.saveMeasure(code, state.version, data, reason.trim() || null);
      setState({ version: w.measure.version, base: measureData(w.measure), draft: measureData(w.measure) });
      setReason("");
      clearDraft(draftKey);
      setMessage(w.changed ? t("saved", { v: w.measure.version }) : t("nothingChanged"));
      // The confirmation, next to the Save button, takes the focus (and is announced).
      focusSoon(() => document.getElementById("save-status"));
      bump();
      return true;
    } catch (e) {
      const err = toIpcError(e);
      if (hasCode(err, "conflict")) setConflict(true);
      else if (hasCode(err, "invalid_input") && err.field) {
        setErrors({ [err.field]: errorMessage(err) });
        invalid();
      } else setFailure(err);
      return false;
    }
  };
  const discard = useCallback(() => {
    clearDraft(draftKey);
    setState((s) => (s ? { ...s, draft: s.base } : s));
    setReason("");
  }, [draftKey]);
  useEditor({
    label: t("unsavedMeasure", { code }),
    dirty,
    save,
    discard,
    root: () => form.current,
  });

  if (view.error) return <ErrorNotice error={view.error} onRetry={view.reload} />;
  if (refs.error) return <ErrorNotice error={refs.error} onRetry={refs.reload} />;
  if (!view.data || !refs.data || !state) return <Loading />;
  const { measure, rights } = view.data;
  const r = refs.data;
  const d = state.draft;
  const set = <K extends keyof MeasureData>(k: K, v: MeasureData[K]) => setState({ ...state, draft: { ...d, [k]: v } });

  const restoreDraft = (o: Draft<MeasureData>) => {
    setOffer(undefined);
    if (o.reason) setReason(o.reason);
    if (o.version === state.version) {
      setState({ ...state, draft: o.draft });
      setMessage(t("draftRestored"));
    } else {
      // The measure changed since: the user's changes (base → draft) go onto the current version.
      const r = rebase(o.base, o.draft, state.base);
      setState({ ...state, draft: r.merged });
      setMessage(t("draftRebased", { v: state.version }));
    }
  };

  const goals = r.goals.filter((g) => g.field === d.field);
  const mayMove = rights.can_change_responsibility;
  const activeMinistries = r.ministries.filter((m) => !m.valid_to || m.abbreviation === d.lead_ministry || d.co_ministries.includes(m.abbreviation));

  return (
    <div className="screen editor">
      <p className="breadcrumb">
        <a href={href({ screen: "measures" })}>{t("backToList")}</a>
      </p>
      <ScreenHeading>
        {measure.code} {measure.title}
        {measure.illustrative && <span className="badge">{t("illustrative")}</span>}
      </ScreenHeading>
      <p className="meta">
        {t("version")} {state.version} · <a href={href({ screen: "history", code })}>{t("history")}</a> ·{" "}
        <a href={`${href({ screen: "inbox" })}?massnahme=${encodeURIComponent(code)}`}>{t("fbCommentsOfMeasure")}</a>
      </p>
      {!rights.can_edit ? (
        <ReadOnlyView m={measure} reason={rights.denial ? messageText(rights.denial) : rights.reason} refs={r} />
      ) : (
        <Form
          ref={form}
          className="measure-form"
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {othersChanged && (
            <div className="notice warning" role="alert">
              {t("changedByOthers", { who: r.users.find((u) => u.name === othersChanged.who)?.display_name ?? othersChanged.who, v: othersChanged.version })}
            </div>
          )}
          {failure && <ErrorNotice error={failure} />}
          {offer && (
            <DraftOffer
              savedAt={offer.saved_at}
              version={offer.version}
              onRestore={() => restoreDraft(offer)}
              onDiscard={() => {
                clearDraft(draftKey);
                setOffer(undefined);
              }}
            />
          )}
          <fieldset>
            <legend>Grunddaten</legend>
            <TextInput label={t("title")} value={d.title} onChange={(v) => set("title", v)} error={errors.title} isRequired name="title" />
            <div className="row-of-fields">
              <SelectInput
                label={t("field")}
                value={d.field}
                onChange={(v) => v && set("field", v)}
                options={r.fields.map((f) => ({ id: f.number, label: `${f.number} ${f.title}` }))}
                isDisabled={!mayMove}
                error={errors.field}
                name="field"
              />
              <SelectInput
                label={t("lead")}
                value={d.lead_ministry}
                onChange={(v) => v && set("lead_ministry", v)}
                options={activeMinistries.map((m) => ({ id: m.abbreviation, label: `${m.abbreviation} – ${m.name}` }))}
                isDisabled={!mayMove}
                error={errors.lead_ministry}
                name="lead_ministry"
              />
              <SelectInput
                label={t("status")}
                value={d.status}
                onChange={(v) => v && set("status", v)}
                options={r.statuses.map((s) => ({ id: s.key, label: s.label }))}
                error={errors.status}
                name="status"
              />
              {/* No min/max on the field: React Aria would clamp 150 to 100 silently; validation refuses it next to the field instead. */}
              <NumberInput label={t("progress")} value={d.progress} onChange={(v) => set("progress", v ?? 0)} error={errors.progress} name="progress" />
              <TextInput
                label={t("parent")}
                description={t("parentHelp")}
                value={d.parent ?? ""}
                onChange={(v) => set("parent", v.trim() ? v.trim() : null)}
                isDisabled={!mayMove}
                error={errors.parent}
                name="parent"
              />
            </div>
            <CheckboxGroup
              className="checkbox-group"
              value={d.co_ministries}
              onChange={(v) => set("co_ministries", v)}
              isDisabled={!mayMove}
              isInvalid={!!errors.co_ministries}
            >
              <Label className="label">{t("coMinistries")}</Label>
              <div className="checkbox-row">
                {activeMinistries
                  .filter((m) => m.abbreviation !== d.lead_ministry)
                  .map((m) => (
                    <Checkbox key={m.abbreviation} value={m.abbreviation} className="checkbox">
                      {({ isSelected }) => (
                        <>
                          <span className="box" aria-hidden="true">
                            {isSelected ? "✓" : ""}
                          </span>
                          {m.abbreviation}
                        </>
                      )}
                    </Checkbox>
                  ))}
              </div>
              {errors.co_ministries && <p className="field-error">{errors.co_ministries}</p>}
            </CheckboxGroup>
            <div className="row-of-fields">
              <DateInputField label={t("start")} value={d.start} onChange={(v) => set("start", v)} error={errors.start} name="start" />
              <DateInputField label={t("end")} value={d.end} onChange={(v) => set("end", v)} error={errors.end} isDisabled={d.ongoing} name="end" />
              <CheckboxInput
                label={t("ongoing")}
                value={d.ongoing}
                onChange={(v) => setState({ ...state, draft: { ...d, ongoing: v, end: v ? null : d.end } })}
                name="ongoing"
              />
              <CheckboxInput label={t("inShort")} value={d.in_short} onChange={(v) => set("in_short", v)} name="in_short" />
            </div>
            {goals.length > 0 && (
              <CheckboxGroup className="checkbox-group" value={d.goals.map(String)} onChange={(v) => set("goals", v.map(Number))}>
                <Label className="label">{t("goals")}</Label>
                {goals.map((g) => (
                  <Checkbox key={g.id} value={String(g.id)} className="checkbox">
                    {({ isSelected }) => (
                      <>
                        <span className="box" aria-hidden="true">
                          {isSelected ? "✓" : ""}
                        </span>
                        {g.text}
                      </>
                    )}
                  </Checkbox>
                ))}
              </CheckboxGroup>
            )}
          </fieldset>
          <MarkdownField label={t("textLong")} value={d.text_long} onChange={(v) => set("text_long", v)} error={errors.text_long} name="text_long" />
          <MarkdownField label={t("textShort")} value={d.text_short} onChange={(v) => set("text_short", v)} error={errors.text_short} name="text_short" />
          <TextAreaInput
            label={t("partners")}
            value={d.partners.join("\n")}
            onChange={(v) =>
              set(
                "partners",
                v
                  .split("\n")
                  .map((p) => p.trim())
                  .filter((p, i, all) => p || i === all.length - 1),
              )
            }
            rows={3}
            name="partners"
          />
          <ListSection
            title={t("budgetLines")}
            items={d.budget}
            onChange={(v) => set("budget", v)}
            blank={{ amount_cents: 0, budget_item: "", period: "", note: "" }}
            render={(b, setB, i) => (
              <>
                <TextInput
                  label={t("amount")}
                  value={b.amount_cents ? formatEuro(b.amount_cents).replace(/\s?€$/, "") : ""}
                  onChange={(v) => setB({ ...b, amount_cents: parseEuro(v) ?? b.amount_cents })}
                  error={errors[`budget[${i + 1}].amount_cents`]}
                />
                <TextInput label={t("budgetItem")} value={b.budget_item} onChange={(v) => setB({ ...b, budget_item: v })} />
                <TextInput label={t("period")} value={b.period} onChange={(v) => setB({ ...b, period: v })} />
                <TextInput label={t("note")} value={b.note} onChange={(v) => setB({ ...b, note: v })} />
              </>
            )}
          />
          <ListSection
            title={t("indicators")}
            items={d.indicators}
            onChange={(v) => set("indicators", v)}
            blank={{ name: "", unit: "", baseline: null, target: null, actual: null, as_of: null }}
            render={(ind, setI, i) => (
              <>
                <TextInput
                  label={t("indicatorName")}
                  value={ind.name}
                  onChange={(v) => setI({ ...ind, name: v })}
                  error={errors[`indicators[${i + 1}].name`]}
                />
                <TextInput label={t("unit")} value={ind.unit} onChange={(v) => setI({ ...ind, unit: v })} />
                <NumberInput label={t("baseline")} value={ind.baseline} onChange={(v) => setI({ ...ind, baseline: v })} />
                <NumberInput label={t("target")} value={ind.target} onChange={(v) => setI({ ...ind, target: v })} />
                <NumberInput label={t("actual")} value={ind.actual} onChange={(v) => setI({ ...ind, actual: v })} />
                <DateInputField label={t("asOf")} value={ind.as_of} onChange={(v) => setI({ ...ind, as_of: v })} />
              </>
            )}
          />
          <ListSection
            title={t("milestones")}
            items={d.milestones}
            onChange={(v) => set("milestones", v)}
            blank={{ title: "", due: null, done: false }}
            render={(ms, setM, i) => (
              <>
                <TextInput label={t("title")} value={ms.title} onChange={(v) => setM({ ...ms, title: v })} error={errors[`milestones[${i + 1}].title`]} />
                <DateInputField label={t("due")} value={ms.due} onChange={(v) => setM({ ...ms, due: v })} />
                <CheckboxInput label={t("done")} value={ms.done} onChange={(v) => setM({ ...ms, done: v })} />
              </>
            )}
          />
          {Object.keys(errors).length > 0 && (
            <div className="notice error" role="alert">
              <p>{t("fixErrors")}</p>
              <ul>
                {Object.entries(errors).map(([f, m]) => (
                  <li key={f}>
                    {fieldLabel(f)}: {m}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="save-bar">
            <TextInput
              label={t("reason")}
              description={r.rules.reason_required ? t("reasonRequiredHelp") : t("reasonHelp")}
              value={reason}
              onChange={setReason}
              name="reason"
              isRequired={r.rules.reason_required}
              error={errors.reason}
            />
            <Button type="submit" className="button primary" isDisabled={!dirty} aria-keyshortcuts="Control+S">
              {t("save")}
            </Button>
            <StatusMessage id="save-status">{message}</StatusMessage>
          </div>
        </Form>
      )}
      {conflict && (
        <ConflictDialog
          code={code}
          base={state.base}
          mine={state.draft}
          onReapply={(current, merged) => {
            setState({ version: current.version, base: measureData(current), draft: merged });
            setConflict(false);
            setMessage(t("reapplied", { v: current.version }));
          }}
          onDiscard={(current) => {
            setState({ version: current.version, base: measureData(current), draft: measureData(current) });
            setConflict(false);
          }}
          onCancel={() => setConflict(false)}
        />
      )}
    </div>
  );
}
