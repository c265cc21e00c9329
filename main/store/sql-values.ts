/**
 * Numbers and JSON that SQLite cannot hold as they are: a bound NaN becomes
 * NULL and JSON has no NaN or Infinity, yet a diverged run's final loss may be
 * NaN and must not read back as "no value".
 */
import type { RateFit } from '../../core/run/types.js';

/** A number for an `ANY` column: NaN is stored as the text 'NaN' (+-Infinity are real REALs). */
export function toSqlNumber(n: number | null): number | string | null {
  return n !== null && Number.isNaN(n) ? 'NaN' : n;
}

export function fromSqlNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return Number(v); // 'NaN', and 'Infinity' from JSON below
  return v as number;
}

/** JSON with non-finite numbers kept as the strings 'NaN', 'Infinity', '-Infinity'. */
export function rateToJson(rate: RateFit): string {
  return JSON.stringify(rate, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

export function rateFromJson(json: string | null): RateFit | null {
  if (json === null) return null;
  const raw = JSON.parse(json) as Record<string, unknown>;
  return {
    kind: raw.kind as RateFit['kind'],
    rho: fromSqlNumber(raw.rho),
    exponent: fromSqlNumber(raw.exponent),
    r2: fromSqlNumber(raw.r2),
  };
}

/** `text` as a LIKE pattern matching it literally, with ESCAPE '\'. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
