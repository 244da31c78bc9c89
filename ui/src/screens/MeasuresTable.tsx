import { useEffect, useMemo, useState } from "react";
import {
  Button,
  Cell,
  Checkbox,
  Column,
  Input,
  Label,
  Row,
  SearchField,
  Table,
  TableBody,
  TableHeader,
  TableLayout,
  Virtualizer,
  type Selection,
  type SortDescriptor,
} from "react-aria-components";
import { SelectInput, TextInput, type Option } from "../components/fields";
import { ErrorNotice, Loading, StatusMessage } from "../components/notices";
import { useDataVersion, useLoad } from "../data";
import { formatEuro } from "../format";
import { t } from "../i18n";
import { api, toIpcError, type ErrorPayload, type MeasureListItem, type ReferenceData, type SessionInfo } from "../ipc";
import { hashParams, navigate } from "../route";
import { groupRows, sortRows, type GroupBy } from "../table";

const ALL = "__alle__";

function SelectionBox({ label }: { label?: string }) {
  return (
    <Checkbox slot="selection" className="checkbox" aria-label={label}>
      {({ isSelected, isIndeterminate }) => (
        <span className="box" aria-hidden="true">
          {isIndeterminate ? "–" : isSelected ? "✓" : ""}
        </span>
      )}
    </Checkbox>
  );
}

/** Waits until typing pauses, so that every keystroke does not start a query. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

function BulkEdit({ rows, selected, refs, session, onDone }: { rows: MeasureListItem[]; selected: Set<string>; refs: ReferenceData; session: SessionInfo; onDone: (n: number) => void }) {
  const [status, setStatus] = useState<string | null>(ALL);
  const [lead, setLead] = useState<string | null>(ALL);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const mayMoveLead = session.actor.role === "drafter" || session.actor.role === "admin";
  const apply = async () => {
    setError(undefined);
    const targets = rows.filter((r) => selected.has(r.code)).map((r) => ({ code: r.code, version: r.version }));
    try {
      const n = await api.bulkUpdate(
        targets,
        { status: status === ALL ? null : status, lead_ministry: lead === ALL ? null : lead },
        reason.trim() || null,
      );
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

export function MeasuresTable({ session }: { session: SessionInfo }) {
  const { version, bump } = useDataVersion();
  const preset = hashParams();
  const [field, setField] = useState<string | null>(preset.get("feld") ?? ALL);
  const [ministry, setMinistry] = useState<string | null>(ALL);
  const [status, setStatus] = useState<string | null>(ALL);
  const [text, setText] = useState("");
  const [groupBy, setGroupBy] = useState<GroupBy>("none");
  const [sort, setSort] = useState<SortDescriptor>({ column: "code", direction: "ascending" });
  const [selection, setSelection] = useState<Selection>(new Set());
  const [message, setMessage] = useState("");
  const search = useDebounced(text, 200);

  const refs = useLoad(() => api.referenceData(), [version]);
  const list = useLoad(
    () =>
      api.listMeasures({
        field: field === ALL ? null : field,
        ministry: ministry === ALL ? null : ministry,
        status: status === ALL ? null : status,
        search: search.trim() || null,
        limit: null,
      }),
    [field, ministry, status, search, version],
  );

  const statusLabel = useMemo(() => new Map(refs.data?.statuses.map((s) => [s.key, s.label]) ?? []), [refs.data]);
  const rows = useMemo(() => {
    const sorted = sortRows(list.data ?? [], sort.column as keyof MeasureListItem, sort.direction);
    return groupRows(sorted, groupBy, (k) => statusLabel.get(k) ?? k);
  }, [list.data, sort, groupBy, statusLabel]);

  if (refs.error) return <ErrorNotice error={refs.error} onRetry={refs.reload} />;
  if (!refs.data) return <Loading />;
  const r = refs.data;
  // Only rows the current filter shows count as selected: a bulk edit never touches rows the
  // user cannot see.
  const visible = (list.data ?? []).map((m) => m.code);
  const selected: Set<string> = selection === "all" ? new Set(visible) : new Set(visible.filter((c) => selection.has(c)));

  const options = (items: Option[]) => [{ id: ALL, label: t("all") }, ...items];
  return (
    <div className="screen measures">
      <h1 tabIndex={-1}>{t("navMeasures")}</h1>
      <div className="filters row-of-fields" role="group" aria-label="Filter">
        <SelectInput label={t("field")} value={field} onChange={setField} options={options(r.fields.map((f) => ({ id: f.number, label: `${f.number} ${f.title}` })))} />
        <SelectInput label={t("ministry")} value={ministry} onChange={setMinistry} options={options(r.ministries.map((m) => ({ id: m.abbreviation, label: m.abbreviation })))} />
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
      <StatusMessage>{list.data && `${t("measuresFound", { n: list.data.length })}${message ? ` ${message}` : ""}`}</StatusMessage>
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {selected.size > 0 && (
        <BulkEdit
          rows={list.data ?? []}
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
      <Virtualizer layout={TableLayout} layoutOptions={{ rowHeight: 34, headingHeight: 38 }}>
        <Table
          aria-label={t("navMeasures")}
          className="data measures-table"
          selectionMode="multiple"
          selectedKeys={selection}
          onSelectionChange={setSelection}
          sortDescriptor={sort}
          onSortChange={setSort}
          onRowAction={(key) => navigate({ screen: "measure", code: String(key) })}
        >
          <TableHeader>
            <Column width={44} minWidth={44}>
              <SelectionBox label="Alle auswählen" />
            </Column>
            {groupBy !== "none" && (
              <Column id="group" width={150}>
                {t("groupBy").replace(" nach", "")}
              </Column>
            )}
            <Column id="code" allowsSorting width={80}>
              {t("code")}
            </Column>
            <Column id="title" isRowHeader allowsSorting minWidth={200}>
              {t("title")}
            </Column>
            <Column id="field" allowsSorting width={130}>
              {t("field")}
            </Column>
            <Column id="lead_ministry" allowsSorting width={150}>
              {t("lead")}
            </Column>
            <Column id="status" allowsSorting width={140}>
              {t("status")}
            </Column>
            <Column id="progress" allowsSorting width={130}>
              {t("progress")}
            </Column>
            <Column id="budget_cents" allowsSorting width={140}>
              {t("budget")}
            </Column>
          </TableHeader>
          <TableBody items={rows} renderEmptyState={() => (list.loading ? t("loading") : t("noHits"))}>
            {({ item, group }) => (
              <Row id={item.code} className="row" textValue={`${item.code} ${item.title}`}>
                <Cell>
                  <SelectionBox label={`${item.code} auswählen`} />
                </Cell>
                {groupBy !== "none" && <Cell className={group.first ? "group-first" : "group-rest"}>{group.first ? `${group.label} (${group.size})` : group.label}</Cell>}
                <Cell>{item.code}</Cell>
                <Cell>{item.title}</Cell>
                <Cell>{item.field}</Cell>
                <Cell>
                  {item.lead_ministry}
                  {item.co_ministries.length > 0 && <span className="muted"> (+{item.co_ministries.join(", ")})</span>}
                </Cell>
                <Cell>{statusLabel.get(item.status) ?? item.status}</Cell>
                <Cell className="num">{item.progress} %</Cell>
                <Cell className="num">{formatEuro(item.budget_cents)}</Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </Virtualizer>
    </div>
  );
}
