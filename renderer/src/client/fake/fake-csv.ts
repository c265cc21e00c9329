/** CSV of fake runs in SPEC.md's layout: `run,label,optimizer,seed,step,` then metric columns. */
import type { FakeRun } from './fake-host.js';

export function csvOfRuns(runs: readonly FakeRun[]): string {
  const metricNames = new Set<string>();
  for (const r of runs) for (const rec of r.plan.records.slice(0, r.emitted)) for (const k of Object.keys(rec)) if (k !== 'step') metricNames.add(k);
  const cols = [...metricNames];
  const lines = [['run', 'label', 'optimizer', 'seed', 'step', ...cols].join(',')];
  for (const r of runs) {
    for (const rec of r.plan.records.slice(0, r.emitted)) {
      const cells = [r.listing.id, quote(r.listing.label), r.listing.optimizer, String(r.listing.seed), String(rec.step)];
      for (const c of cols) cells.push(rec[c] === undefined ? '' : String(rec[c]));
      lines.push(cells.join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
