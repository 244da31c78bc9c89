import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button, Input, Label, SearchField } from "react-aria-components";
import { SelectInput, TextInput, type Option } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useDataVersion, useDebounced, useEntityVersion, useLoad } from "../data";
import { formatEuro } from "../format";
import { t } from "../i18n";
import { api, hasCode, toIpcError, type ErrorPayload, type MeasureListItem, type ReferenceData, type SessionInfo } from "../ipc";
import { hashParams, href, navigate } from "../route";
import { useGridKeys } from "../grid";
import { filterRows, groupRows, listItem, sortRows, type GroupBy, type TableRow } from "../table";
import { ScreenHeading } from "../focus";

const ALL = "__alle__";

function BulkEdit({
  rows,
  selected,
  refs,
  session,
  onDone,
}: {
  rows: MeasureListItem[];
  selected: Set<string>;
  refs: ReferenceData;
  session: SessionInfo;
  onDone: (n: number) => void;
}) {
  const [status, setStatus] = useState<string | null>(ALL);
  const [lead, setLead] = useState<string | null>(ALL);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const mayMoveLead = session.actor.role === "drafter" || session.actor.role === "admin";
  const apply = async () => {
    setError(undefined);
    const targets = rows.filter((r) => selected.has(r.code)).map((r) => ({ code: r.code, version: r.version }));
    try {
      const n = await api.bulkUpdate(targets, { status: status === ALL ? null : status, lead_ministry: lead === ALL ? null : lead }, reason.trim() || null);
      onDone(n);
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  return (
    <section className="bulk card" aria-labelledby="bulk-heading">
      <h2 id="bulk-heading">
        {t("bulkEdit")} ({t("selected", { n: selected.size })})
      </h2>
      {error && <ErrorNotice error={error} />}
      <div className="row-of-fields">
        <SelectInput
          label={t("bulkStatus")}
          value={status}
          onChange={setStatus}
          options={[{ id: ALL, label: t("unchanged") }, ...refs.statuses.map((s) => ({ id: s.key, label: s.label }))]}
        />
        {mayMoveLead && (
          <SelectInput
            label={t("bulkLead")}
            value={lead}
            onChange={setLead}
            options={[
              { id: ALL, label: t("unchanged") },
              ...refs.ministries.filter((m) => !m.valid_to).map((m) => ({ id: m.abbreviation, label: `${m.abbreviation} – ${m.name}` })),
            ]}
          />
        )}
        <TextInput label={t("reason")} value={reason} onChange={setReason} />
        <Button className="button primary" onPress={() => void apply()} isDisabled={status === ALL && lead === ALL}>
          {t("apply")}
        </Button>
      </div>
    </section>
  );
}

type SortColumn = keyof MeasureListItem;
interface Sort {
  column: SortColumn;
  direction: "ascending" | "descending";
}

const COLUMNS: { id: SortColumn; label: () => string; className?: string }[] = [
  { id: "code", label: () => t("code"), className: "col-code" },
  { id: "title", label: () => t("title"), className: "col-title" },
  { id: "field", label: () => t("field"), className: "col-field" },
  { id: "lead_ministry", label: () => t("lead"), className: "col-lead" },
  { id: "status", label: () => t("status"), className: "col-status" },
  { id: "progress", label: () => t("progress"), className: "col-num" },
  { id: "budget_cents", label: () => t("budget"), className: "col-num" },
];

const ROW_HEIGHT = 34;
/** More measures changed at once than this: the list is read again instead of row by row. */
const MAX_ROW_UPDATES = 50;

/** A real `<table>` (headers, row headers, sort state for screen readers) of which only the
 * rows in view are in the DOM; rows above and below are stood in for by two spacer rows. */
function VirtualTable({
  rows,
  groupBy,
  sort,
  onSort,
  selection,
  onSelect,
  statusLabel,
  empty,
}: {
  rows: TableRow[];
  groupBy: GroupBy;
  sort: Sort;
  onSort: (s: Sort) => void;
  selection: Set<string>;
  onSelect: (codes: string[], on: boolean) => void;
  statusLabel: Map<string, string>;
  empty: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  // TanStack Virtual hands out functions React Compiler cannot memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();
  const onKeyDown = useGridKeys(table, rows.length, (i) => virtual.scrollToIndex(i, { align: "auto" }));
  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const all = rows.length > 0 && rows.every((r) => selection.has(r.id));
  const some = !all && rows.some((r) => selection.has(r.id));
  const cols = COLUMNS.length + 1 + (groupBy !== "none" ? 1 : 0);
  return (
    <div className="table-scroller" ref={scroller} role="region" aria-label={t("measuresTable")}>
      <table className="data measures-table" aria-rowcount={rows.length + 1} ref={table} onKeyDown={onKeyDown} aria-describedby="grid-keys-help">
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="col-select">
              <input
                type="checkbox"
                aria-label="Alle angezeigten auswählen"
                checked={all}
                ref={(el) => {
                  if (el) el.indeterminate = some;
                }}
                onChange={(e) =>
                  onSelect(
                    rows.map((r) => r.id),
                    e.target.checked,
                  )
                }
              />
            </th>
            {groupBy !== "none" && (
              <th scope="col" className="col-group">
                {t("groupBy").replace(" nach", "")}
              </th>
            )}
            {COLUMNS.map((c) => {
              const active = sort.column === c.id;
              return (
                <th scope="col" key={c.id} className={c.className} aria-sort={active ? sort.direction : "none"}>
                  <Button
                    className="sort-button"
                    onPress={() => onSort({ column: c.id, direction: active && sort.direction === "ascending" ? "descending" : "ascending" })}
                  >
                    {c.label()}
                    <span aria-hidden="true">{active ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}</span>
                  </Button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={cols}>{empty}</td>
            </tr>
          )}
          {before > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: before }} />
            </tr>
          )}
          {items.map((v) => {
            const { item, group } = rows[v.index]!;
            const link = href({ screen: "measure", code: item.code });
            return (
              <tr
                key={item.code}
                aria-rowindex={v.index + 2}
                aria-selected={selection.has(item.code)}
                className="row"
                style={{ height: ROW_HEIGHT }}
                onClick={(e) => {
                  // A click anywhere on the row opens the measure (the code is the keyboard way).
                  if (!(e.target as HTMLElement).closest("a, input, button")) navigate({ screen: "measure", code: item.code });
                }}
              >
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={`${item.code} auswählen`}
                    checked={selection.has(item.code)}
                    onChange={(e) => onSelect([item.code], e.target.checked)}
                  />
                </td>
                {groupBy !== "none" && (
                  <td className={group.first ? "group-first" : "group-rest"}>{group.first ? `${group.label} (${group.size})` : group.label}</td>
                )}
                <td className="col-code">
                  <a href={link}>{item.code}</a>
                </td>
                <th scope="row" className="col-title">
                  {item.title}
                </th>
                <td>{item.field}</td>
                <td>
                  {item.lead_ministry}
                  {item.co_ministries.length > 0 && <span className="muted"> (+{item.co_ministries.join(", ")})</span>}
                </td>
                <td>{statusLabel.get(item.status) ?? item.status}</td>
                <td className="num">{item.progress} %</td>
                <td className="num">{formatEuro(item.budget_cents)}</td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={cols} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function MeasuresTable({ session }: { session: SessionInfo }) {
  const { version, own, recent, bump } = useDataVersion();
  const refsVersion = useEntityVersion(["ministry", "field", "goal", "user"]);
  const preset = hashParams();
  const [field, setField] = useState<string | null>(preset.get("feld") ?? ALL);
  const [ministry, setMinistry] = useState<string | null>(ALL);
  const [status, setStatus] = useState<string | null>(ALL);
  const [text, setText] = useState("");
  const [groupBy, setGroupBy] = useState<GroupBy>("none");
  const [sort, setSort] = useState<Sort>({ column: "code", direction: "ascending" });
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState("");
  const [exportError, setExportError] = useState<ErrorPayload>();
  const search = useDebounced(text, 200);

  const refs = useLoad(() => api.referenceData(), [refsVersion]);
  // The core does the text search; field, ministry and status are filtered here on all rows,
  // so that choosing them costs no round trip (30,000 rows filter in a few milliseconds).
  const list = useLoad(() => api.listMeasures({ field: null, ministry: null, status: null, search: search.trim() || null, limit: null }), [search, own]);

  // Team mode: measures others changed are read again one by one and replace their rows; the
  // table is not reloaded (30,000 rows). Only a new measure, many changes, or a text search
  // (which the core answers) read the list again.
  const { patch, reload } = list;
  const rowsNow = useRef(list.data);
  useEffect(() => {
    rowsNow.current = list.data;
  });
  useEffect(() => {
    const ids = [...new Set(recent.flatMap((item) => item.entities.filter(([type]) => type === "measure").map(([, id]) => id)))];
    const rows = rowsNow.current;
    if (ids.length === 0 || !rows) return;
    const codes = new Map(rows.map((m) => [m.id, m.code]));
    if (ids.length > MAX_ROW_UPDATES || search.trim() || ids.some((id) => !codes.has(id))) {
      reload();
      return;
    }
    let stale = false;
    const read = ids.map((id) =>
      api.getMeasure(codes.get(id)!).then(
        (v) => ({ id, row: listItem(v.measure) as MeasureListItem | null }),
        // A measure deleted meanwhile leaves the table; any other failure reads the list again.
        (e: unknown) => ({ id, row: hasCode(toIpcError(e), "not_found") ? null : undefined }),
      ),
    );
    void Promise.all(read).then((updates) => {
      if (stale) return;
      if (updates.some((u) => u.row === undefined)) {
        reload();
        return;
      }
      const byId = new Map(updates.map((u) => [u.id, u.row]));
      patch((current) => current.flatMap((m) => (byId.has(m.id) ? (byId.get(m.id) ? [byId.get(m.id)!] : []) : [m])));
    });
    return () => {
      stale = true;
    };
    // Runs once per poll that brought changes (`version`); `recent` belongs to it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  const statusLabel = useMemo(() => new Map(refs.data?.statuses.map((s) => [s.key, s.label]) ?? []), [refs.data]);
  const descendants = useMemo(() => refs.data?.field_descendants ?? {}, [refs.data]);
  // Sorted once per load or sort order; filtering keeps the order, so choosing a filter does
  // not sort 30,000 rows again.
  const sorted = useMemo(() => sortRows(list.data ?? [], sort.column, sort.direction), [list.data, sort]);
  const filtered = useMemo(
    () =>
      filterRows(
        sorted,
        { field: field === ALL ? null : field, ministry: ministry === ALL ? null : ministry, status: status === ALL ? null : status },
        descendants,
      ),
    [sorted, field, ministry, status, descendants],
  );
  const rows = useMemo(() => groupRows(filtered, groupBy, (k) => statusLabel.get(k) ?? k), [filtered, groupBy, statusLabel]);

  if (refs.error) return <ErrorNotice error={refs.error} onRetry={refs.reload} />;
  if (!refs.data) return <Loading />;
  const r = refs.data;
  // Only rows the current filter shows count as selected: a bulk edit never touches rows the
  // user cannot see.
  const selected = new Set(filtered.map((m) => m.code).filter((c) => selection.has(c)));

  const options = (items: Option[]) => [{ id: ALL, label: t("all") }, ...items];
  // The workbook holds what the field and ministry filters show (the core selects the same).
  const exportWorkbook = async () => {
    setExportError(undefined);
    try {
      const done = await api.exportMeasures("xlsx", {
        field: field === ALL ? null : field,
        ministry: ministry === ALL ? null : ministry,
        status: null,
        search: null,
        limit: null,
      });
      setMessage(t("wbExported", { n: done.rows, path: done.path }));
    } catch (e) {
      setExportError(toIpcError(e));
    }
  };
  return (
    <div className="screen measures">
      <ScreenHeading>{t("navMeasures")}</ScreenHeading>
      <div className="filters row-of-fields" role="group" aria-label="Filter">
        <SelectInput
          label={t("field")}
          value={field}
          onChange={setField}
          options={options(r.fields.map((f) => ({ id: f.number, label: `${f.number} ${f.title}` })))}
        />
        <SelectInput
          label={t("ministry")}
          value={ministry}
          onChange={setMinistry}
          options={options(r.ministries.map((m) => ({ id: m.abbreviation, label: m.abbreviation })))}
        />
        <SelectInput label={t("status")} value={status} onChange={setStatus} options={options(r.statuses.map((s) => ({ id: s.key, label: s.label })))} />
        <SearchField className="field" value={text} onChange={setText}>
          <Label>{t("textFilter")}</Label>
          <Input />
        </SearchField>
        <SelectInput
          label={t("groupBy")}
          value={groupBy}
          onChange={(v) => setGroupBy((v ?? "none") as GroupBy)}
          options={[
            { id: "none", label: t("groupNone") },
            { id: "field", label: t("field") },
            { id: "lead_ministry", label: t("lead") },
            { id: "status", label: t("status") },
          ]}
        />
      </div>
      <StatusMessage>{list.data && `${t("measuresFound", { n: filtered.length })}${message ? ` ${message}` : ""}`}</StatusMessage>
      {exportError && <ErrorNotice error={exportError} />}
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {selected.size > 0 && (
        <BulkEdit
          rows={filtered}
          selected={selected}
          refs={r}
          session={session}
          onDone={(n) => {
            setSelection(new Set());
            setMessage(t("bulkDone", { n }));
            bump();
          }}
        />
      )}
      <VirtualTable
        rows={rows}
        groupBy={groupBy}
        sort={sort}
        onSort={setSort}
        selection={selected}
        onSelect={(codes, on) =>
          setSelection((prev) => {
            const next = new Set(prev);
            for (const c of codes) {
              if (on) next.add(c);
              else next.delete(c);
            }
            return next;
          })
        }
        statusLabel={statusLabel}
        empty={list.loading ? t("loading") : t("noHits")}
      />
      {/* After the table: the way from the filters into the rows stays short for the keyboard. */}
      <div className="actions" role="group" aria-label={t("wbGroup")}>
        <Button className="button secondary" onPress={() => void exportWorkbook()} aria-describedby="wb-export-help">
          {t("wbExport")}
        </Button>
        <a className="button secondary" href={href({ screen: "measuresImport" })}>
          {t("wbImport")}
        </a>
        <span id="wb-export-help" className="help">
          {t("wbExportHelp")}
        </span>
      </div>
    </div>
  );
}
