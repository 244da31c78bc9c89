// A moment of the concept's history, as the core's `--as-of` takes it: a day (its end) or a
// day and a time (the end of that minute), in German time. The history and documents screens
// ask for it; the core reconstructs the concept at that moment from the revisions.

import { t } from "../i18n";
import { DateInputField, TimeInputField } from "./fields";

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`; `null` without a day. */
export function asOfValue(date: string | null, time: string | null): string | null {
  if (!date) return null;
  return time ? `${date}T${time}` : date;
}

export interface AsOf {
  date: string | null;
  time: string | null;
}

/** The day and, optionally, the time; `error` belongs to the day (the core's `as_of`). */
export function AsOfFields({ value, onChange, error, name }: { value: AsOf; onChange: (v: AsOf) => void; error?: string; name: string }) {
  return (
    <>
      <DateInputField
        label={t("asOfDate")}
        name={`${name}-date`}
        value={value.date}
        onChange={(date) => onChange({ ...value, date })}
        error={error}
        isRequired
      />
      <TimeInputField
        label={t("asOfTime")}
        className="as-of-time"
        name={`${name}-time`}
        description={t("asOfTimeHelp")}
        value={value.time}
        onChange={(time) => onChange({ ...value, time })}
      />
    </>
  );
}
