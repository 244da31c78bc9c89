// A change as people read it (see changes.ts): the field's German label, then a word diff for
// texts, a before/after table for lists of records, or "before → after" for single values.
// Used by the measure history, the comment history and the conflict dialog.

import { Fragment } from "react";
import { changeLabel, diffRows, formatChangeValue, TABLE_FIELDS, type EntityKind, type Vocab } from "../changes";
import { t } from "../i18n";
import type { Segment } from "../ipc";
import { ScrollTable } from "./ScrollTable";
import { CommentRef } from "./CommentRef";

/** Inserted and deleted words, marked for the eye (colour and strike-through) and for screen
 * readers (hidden words "gelöscht:"/"eingefügt:"); a deletion and an insertion that meet are
 * kept apart by a space, so their words never run together. */
export function WordDiff({ segments }: { segments: Segment[] }) {
  return (
    <p className="diff-words">
      {segments.map((s, i) => {
        const prev = segments[i - 1];
        const gap = prev && prev.kind !== "equal" && s.kind !== "equal" && !/\s$/.test(prev.text) && !/^\s/.test(s.text) ? " " : "";
        if (s.kind === "equal") return <span key={i}>{s.text}</span>;
        const Tag = s.kind === "insert" ? "ins" : "del";
        return (
          <Fragment key={i}>
            {gap}
            <Tag>
              <span className="visually-hidden">{s.kind === "insert" ? t("diffInserted") : t("diffDeleted")} </span>
              {s.text}
            </Tag>
          </Fragment>
        );
      })}
    </p>
  );
}

/** A list of records (indicators, milestones, budget lines) before and after: one table, the
 * changed cells marked, added and removed rows said in words. */
export function RecordTable({ field, before, after, caption }: { field: string; before: unknown; after: unknown; caption: string }) {
  const { columns, rows } = diffRows(field, before, after);
  if (rows.length === 0) return <p>–</p>;
  return (
    <ScrollTable label={caption}>
      <table className="data change-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("diffRow")}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={`row-${r.state}`}>
              <th scope="row">
                {t(r.state === "added" ? "diffAdded" : r.state === "removed" ? "diffRemoved" : r.state === "changed" ? "diffChanged" : "diffSame")}
              </th>
              {r.cells.map((c, j) =>
                c.changed ? (
                  <td key={j} className="changed">
                    <del>
                      <span className="visually-hidden">{t("diffBefore")} </span>
                      {c.before}
                    </del>{" "}
                    <ins>
                      <span className="visually-hidden">{t("diffAfter")} </span>
                      {c.after}
                    </ins>
                  </td>
                ) : (
                  <td key={j}>{r.state === "removed" ? c.before : c.after}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** A value: a comment named as users know it (its platform number), else formatted text. */
function Value({ entity, field, value, vocab }: { entity: EntityKind; field: string; value: unknown; vocab: Vocab }) {
  if (entity === "comment" && field === "cluster_head" && typeof value === "number") return <CommentRef id={value} />;
  return <>{formatChangeValue(entity, field, value, vocab)}</>;
}

/** Before → after of a single value, both formatted. */
export function ValueChange({ entity, field, before, after, vocab }: { entity: EntityKind; field: string; before: unknown; after: unknown; vocab: Vocab }) {
  return (
    <p className="value-change">
      <del>
        <span className="visually-hidden">{t("diffBefore")} </span>
        <Value entity={entity} field={field} value={before} vocab={vocab} />
      </del>{" "}
      <span aria-hidden="true">→</span>{" "}
      <ins>
        <span className="visually-hidden">{t("diffAfter")} </span>
        <Value entity={entity} field={field} value={after} vocab={vocab} />
      </ins>
    </p>
  );
}

/** One changed field with its label as a heading of the given level. */
export function FieldChange({
  entity,
  field,
  before,
  after,
  words,
  vocab,
  level = 3,
}: {
  entity: EntityKind;
  field: string;
  before: unknown;
  after: unknown;
  words?: Segment[] | null;
  vocab: Vocab;
  level?: 3 | 4;
}) {
  const label = changeLabel(entity, field);
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <div className="diff-field">
      <Heading>{label}</Heading>
      {TABLE_FIELDS.has(field) ? (
        <RecordTable field={field} before={before} after={after} caption={label} />
      ) : words ? (
        <WordDiff segments={words} />
      ) : (
        <ValueChange entity={entity} field={field} before={before} after={after} vocab={vocab} />
      )}
    </div>
  );
}
