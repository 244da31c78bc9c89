// How values read in German: dates as TT.MM.JJJJ, money as 9.800.000 €.

const euro = new Intl.NumberFormat("de-DE", {
  style: "currency",
  currency: "EUR",
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});

/** Whole euros without cents, other amounts with two decimals. */
export function formatEuro(cents: number): string {
  const s = euro.format(cents / 100);
  // Intl puts a no-break space before the sign; keep it (it must not wrap) but normalise the
  // narrow variant some engines use.
  return s.replace(/\u202f/g, "\u00a0");
}

/** Today's local date as `YYYY-MM-DD`: as the core compares deadlines and names daily backups. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2018-04-24` → `24.04.2018`; anything else unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** An RFC 3339 UTC timestamp in local time: `24.04.2018, 14:05`. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A file size as people read it: `512 Bytes`, `41,0 kB`, `1,2 MB` (decimal units, like the
 * CLI's `backup`). */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "kB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toLocaleString("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}\u00a0${unit}`;
  }
  return `${bytes}\u00a0Bytes`;
}

/** Euro text typed by a user (`9.800.000`, `1.234,50 €`) → cents, or null when not a number. */
export function parseEuro(text: string): number | null {
  const t = text.replace(/[€\s\u00a0]/g, "");
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(t)) return null;
  const [whole = "0", frac = ""] = t.replace(/\./g, "").split(",");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export function timeframe(start: string | null, end: string | null, ongoing: boolean): string {
  const from = start ? formatDate(start) : "";
  if (ongoing) return from ? `ab ${from}, fortlaufend` : "fortlaufend";
  if (from && end) return `${from} – ${formatDate(end)}`;
  if (end) return `bis ${formatDate(end)}`;
  return from ? `ab ${from}` : "";
}
