/** Timestamps for people: local time, `2025-03-01 14:05:09`, sortable and unambiguous enough for a terminal. */
export function formatTimestamp(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
