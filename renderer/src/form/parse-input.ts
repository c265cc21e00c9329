/**
 * Text typed into the form, to draft values. Half-typed input is kept as text
 * (not dropped), so validation names the field and the user's text survives.
 */

/** Empty → undefined (use the default); a finite number; otherwise the text itself. */
export function parseNumberText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** `2048, 512` → [2048, 512]; `[]` → []; empty → undefined; bad items stay text. */
export function parseNumberList(text: string): (number | string)[] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\[\s*\]$/.test(t)) return [];
  return t
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .filter((s) => s !== '')
    .map((s) => {
      const n = Number(s);
      return Number.isFinite(n) ? n : s;
    });
}

export function formatNumberList(v: unknown): string {
  if (!Array.isArray(v)) return '';
  return v.length === 0 ? '[]' : v.map((x) => String(x)).join(', ');
}

export function formatNumber(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

/** JSON text for a `json` field; undefined when empty, the raw text when it does not parse. */
export function parseJsonText(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
}
