// Form fields on React Aria Components: every input has its label, its help text and its error
// message tied to it (aria-labelledby / aria-describedby), which screen readers announce.

import { parseDate, parseTime } from "@internationalized/date";
import type { ReactNode } from "react";
import { useMemo, useState } from "react";
import {
  Button,
  Checkbox,
  ComboBox,
  DateField,
  DateInput,
  DateSegment,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
  TimeField,
} from "react-aria-components";
import { t } from "../i18n";

interface Common {
  label: string;
  description?: string;
  /** A message from validation; shown next to the field and marks it invalid. */
  error?: string;
  isDisabled?: boolean;
  isRequired?: boolean;
  className?: string;
}

function Help({ description, error }: { description?: string; error?: string }) {
  return (
    <>
      {description && (
        <Text slot="description" className="help">
          {description}
        </Text>
      )}
      <FieldError className="field-error">{error}</FieldError>
    </>
  );
}

/** A text field; with `rows` a multi-line one. */
export function TextInput(p: Common & { value: string; onChange: (v: string) => void; name?: string; type?: string; rows?: number }) {
  return (
    <TextField
      className={`field ${p.className ?? ""}`}
      value={p.value}
      onChange={p.onChange}
      name={p.name}
      type={p.type}
      isDisabled={p.isDisabled}
      isRequired={p.isRequired}
      isInvalid={!!p.error}
      validationBehavior="aria"
    >
      <Label className="label">{p.label}</Label>
      {p.rows ? <TextArea rows={p.rows} /> : <Input />}
      <Help description={p.description} error={p.error} />
    </TextField>
  );
}

export function TextAreaInput(p: Common & { value: string; onChange: (v: string) => void; rows?: number; name?: string }) {
  return <TextInput {...p} rows={p.rows ?? 6} />;
}

export interface Option {
  id: string;
  label: string;
}

export function SelectInput(
  p: Common & { value: string | null; onChange: (v: string | null) => void; options: Option[]; name?: string; placeholder?: string },
) {
  return (
    <Select
      className={`field select ${p.className ?? ""}`}
      placeholder={p.placeholder ?? t("phChoose")}
      selectedKey={p.value}
      onSelectionChange={(k) => p.onChange(k === null ? null : String(k))}
      name={p.name}
      isDisabled={p.isDisabled}
      isRequired={p.isRequired}
      isInvalid={!!p.error}
      validationBehavior="aria"
    >
      <Label className="label">{p.label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Help description={p.description} error={p.error} />
      <Popover className="popover">
        <ListBox className="listbox" items={p.options}>
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.label} className="option">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** Options shown at once in a combobox; typing narrows the list (30,000 measures stay quick). */
const COMBO_LIMIT = 100;

/** A select one can type into: the options whose label contains what was typed (any case), at
 * most COMBO_LIMIT of them. For long lists: measures, ministries, people. */
export function ComboInput(p: Common & { value: string | null; onChange: (v: string | null) => void; options: Option[]; name?: string; placeholder?: string }) {
  const selected = p.options.find((o) => o.id === p.value);
  const [text, setText] = useState<string | null>(null);
  const query = (text ?? "").trim().toLocaleLowerCase("de");
  const shown = useMemo(() => {
    const hits = query ? p.options.filter((o) => o.label.toLocaleLowerCase("de").includes(query)) : p.options;
    return hits.slice(0, COMBO_LIMIT);
  }, [p.options, query]);
  return (
    <ComboBox
      className={`field combo ${p.className ?? ""}`}
      selectedKey={p.value}
      inputValue={text ?? selected?.label ?? ""}
      onInputChange={setText}
      onSelectionChange={(k) => {
        setText(null);
        p.onChange(k === null ? null : String(k));
      }}
      items={selected && !shown.includes(selected) ? [selected, ...shown] : shown}
      menuTrigger="focus"
      name={p.name}
      isDisabled={p.isDisabled}
      isRequired={p.isRequired}
      isInvalid={!!p.error}
      validationBehavior="aria"
      allowsEmptyCollection
    >
      <Label className="label">{p.label}</Label>
      <div className="combo-box">
        <Input placeholder={p.placeholder ?? t("phChoose")} />
        <Button className="combo-button" aria-label={t("showOptions")}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <Help description={p.description} error={p.error} />
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <p className="option">{t("noHits")}</p>}>
          {(o: Option) => (
            <ListBoxItem id={o.id} textValue={o.label} className="option">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

export function CheckboxInput(p: { label: ReactNode; value: boolean; onChange: (v: boolean) => void; isDisabled?: boolean; name?: string }) {
  return (
    <Checkbox className="checkbox" isSelected={p.value} onChange={p.onChange} isDisabled={p.isDisabled} name={p.name}>
      <span className="box" aria-hidden="true">
        {p.value ? "✓" : ""}
      </span>
      {p.label}
    </Checkbox>
  );
}

export function NumberInput(p: Common & { value: number | null; onChange: (v: number | null) => void; min?: number; max?: number; name?: string }) {
  return (
    <NumberField
      className={`field ${p.className ?? ""}`}
      value={p.value ?? Number.NaN}
      onChange={(v) => p.onChange(Number.isNaN(v) ? null : v)}
      minValue={p.min}
      maxValue={p.max}
      name={p.name}
      isDisabled={p.isDisabled}
      isRequired={p.isRequired}
      isInvalid={!!p.error}
      validationBehavior="aria"
      formatOptions={{ maximumFractionDigits: 2 }}
    >
      <Label className="label">{p.label}</Label>
      <Input />
      <Help description={p.description} error={p.error} />
    </NumberField>
  );
}

function isoDate(value: string | null) {
  try {
    return value ? parseDate(value) : null;
  } catch {
    return null;
  }
}

/** A date as TT.MM.JJJJ (German locale from the I18nProvider); value and onChange in ISO. */
export function DateInputField(p: Common & { value: string | null; onChange: (v: string | null) => void; name?: string }) {
  const parsed = isoDate(p.value);
  return (
    <DateField
      className={`field ${p.className ?? ""}`}
      value={parsed}
      onChange={(d) => p.onChange(d ? d.toString() : null)}
      name={p.name}
      isDisabled={p.isDisabled}
      isRequired={p.isRequired}
      isInvalid={!!p.error}
      validationBehavior="aria"
      shouldForceLeadingZeros
    >
      <Label className="label">{p.label}</Label>
      <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="segment" />}</DateInput>
      <Help description={p.description} error={p.error} />
    </DateField>
  );
}

function isoTime(value: string | null) {
  try {
    return value ? parseTime(value) : null;
  } catch {
    return null;
  }
}

/** A time of day as HH:MM (24 hours); value and onChange as `HH:MM`. */
export function TimeInputField(p: Common & { value: string | null; onChange: (v: string | null) => void; name?: string }) {
  return (
    <TimeField
      className={`field ${p.className ?? ""}`}
      value={isoTime(p.value)}
      onChange={(v) => p.onChange(v ? v.toString().slice(0, 5) : null)}
      name={p.name}
      isDisabled={p.isDisabled}
      isRequired={p.isRequired}
      isInvalid={!!p.error}
      validationBehavior="aria"
      hourCycle={24}
      shouldForceLeadingZeros
    >
      <Label className="label">{p.label}</Label>
      <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="segment" />}</DateInput>
      <Help description={p.description} error={p.error} />
    </TimeField>
  );
}
