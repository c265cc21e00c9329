/** `lab list`: one line per stored run, columns aligned, no trailing spaces. */
import type { RunListing } from '../store/index.js';
import { formatCompact, formatRate } from './summary-table.js';
import { formatTimestamp } from './time-format.js';

/** Enough of an id to name a run in `show` and `export` (git-style prefix). */
export const ID_PREFIX = 8;

interface Column {
  title: string;
  align: 'left' | 'right';
  max?: number;
  cell: (r: RunListing) => string;
}

const COLUMNS: Column[] = [
  { title: 'id', align: 'left', cell: (r) => r.id.slice(0, ID_PREFIX) },
  { title: 'experiment', align: 'left', max: 32, cell: (r) => r.experimentName },
  { title: 'label', align: 'left', max: 24, cell: (r) => r.name ?? r.label },
  { title: 'optimizer', align: 'left', cell: (r) => r.optimizer },
  { title: 'seed', align: 'right', cell: (r) => String(r.seed) },
  { title: 'status', align: 'left', cell: (r) => r.status },
  { title: 'final loss', align: 'right', cell: (r) => formatCompact(r.finalLoss) },
  { title: 'rate', align: 'left', cell: (r) => (r.rate === null ? '-' : formatRate(r.rate)) },
  { title: 'created', align: 'left', cell: (r) => formatTimestamp(r.createdAt).slice(0, 16) },
];

function fit(text: string, max: number | undefined): string {
  const one = text.replace(/[\r\n\t]+/g, ' ');
  return max !== undefined && one.length > max ? `${one.slice(0, max - 1)}~` : one;
}

export function renderRunList(runs: readonly RunListing[]): string[] {
  const cells = runs.map((r) => COLUMNS.map((c) => fit(c.cell(r), c.max)));
  const widths = COLUMNS.map((c, j) => Math.max(c.title.length, ...cells.map((row) => row[j]!.length)));
  const line = (row: readonly string[]): string =>
    row
      .map((text, j) => (COLUMNS[j]!.align === 'left' ? text.padEnd(widths[j]!) : text.padStart(widths[j]!)))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
}
