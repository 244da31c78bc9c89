// Checks that can be made while typing, with German messages next to the field. The core checks
// the same and more on save; its `invalid_input` errors name the field and land here too.

import type { MeasureData } from "./ipc";

export type Errors = Record<string, string>;

export function validateMeasure(d: MeasureData): Errors {
  const e: Errors = {};
  if (!d.title.trim()) e.title = "Der Titel darf nicht leer sein.";
  else if (d.title.length > 500) e.title = "Der Titel ist länger als 500 Zeichen.";
  if (!Number.isInteger(d.progress) || d.progress < 0 || d.progress > 100) {
    e.progress = "Der Fortschritt muss zwischen 0 und 100 % liegen.";
  }
  if (d.start && d.end && d.end < d.start) e.end = "Das Ende liegt vor dem Beginn.";
  if (d.ongoing && d.end) e.end = "Eine fortlaufende Maßnahme hat kein Enddatum.";
  if (d.co_ministries.includes(d.lead_ministry)) {
    e.co_ministries = `${d.lead_ministry} ist bereits federführend und kann nicht zugleich beteiligt sein.`;
  }
  d.budget.forEach((b, i) => {
    if (b.amount_cents < 0) e[`budget[${i + 1}].amount_cents`] = "Der Betrag darf nicht negativ sein.";
  });
  d.indicators.forEach((ind, i) => {
    if (!ind.name.trim()) e[`indicators[${i + 1}].name`] = "Ein Indikator braucht einen Namen.";
  });
  d.milestones.forEach((m, i) => {
    if (!m.title.trim()) e[`milestones[${i + 1}].title`] = "Ein Meilenstein braucht einen Titel.";
  });
  return e;
}

/** The core's message without its "Ungültige Eingabe (field): " prefix. */
export function coreMessage(message: string): string {
  return message.replace(/^Ungültige Eingabe \([^)]*\): /, "");
}
