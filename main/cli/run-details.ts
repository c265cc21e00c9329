/** `lab show RUN`: everything stored about one run, its spec and environment included. */
import type { RunStore, StoredExperiment, StoredRun } from '../store/index.js';
import { csvNumber } from './csv-writer.js';
import { formatRate, formatWall } from './summary-table.js';
import { formatTimestamp } from './time-format.js';

function exact(n: number | null): string {
  return n === null ? '-' : csvNumber(n);
}

function field(name: string, value: string): string {
  return `${name.padEnd(12)}${value}`;
}

export function renderRunDetails(store: RunStore, run: StoredRun, experiment: StoredExperiment): string[] {
  const env = run.environment;
  const series = store.getMetrics(run.id, { columns: [] });
  const columns = store.metricColumns(run.id);
  const steps = series.steps;
  const metrics =
    steps.length === 0
      ? 'none recorded'
      : `${steps.length} records, steps ${steps[0]}..${steps[steps.length - 1]}: ${columns.join(', ') || '(none)'}`;
  const lines = [
    field('run', run.id),
    field('name', run.name ?? '-'),
    field('experiment', `${run.experimentName} (${run.experimentId})`),
    field('file', experiment.sourcePath ?? '-'),
    field('label', run.label),
    field('optimizer', run.optimizer),
    field('seed', `${run.seed} (replicate ${run.replicate})`),
    field('status', run.status),
    field('reason', run.reason ?? '-'),
    field('created', formatTimestamp(run.createdAt)),
    field('started', formatTimestamp(run.startedAt)),
    field('finished', formatTimestamp(run.finishedAt)),
    field('steps', run.steps === null ? '-' : String(run.steps)),
    field('final loss', exact(run.finalLoss)),
    field('to target', run.stepsToTarget === null ? '-' : String(run.stepsToTarget)),
    field('rate', run.rate === null ? '-' : formatRate(run.rate)),
    field('wall', run.wallMs === null ? '-' : formatWall(run.wallMs)),
    field('tags', run.tags.length > 0 ? run.tags.join(', ') : '-'),
    field('note', run.note.length > 0 ? run.note.replace(/\r?\n/g, '\n' + ' '.repeat(12)) : '-'),
    field('metrics', metrics),
    'environment',
  ];
  if (env === null) lines.push('  (not reported: the run ended before its worker started training)');
  else {
    lines.push(
      field('  backend', env.backend + (env.simd === null ? '' : env.simd ? ' (SIMD)' : ' (no SIMD)')),
      field('  tfjs', env.tfjs),
      field('  node', env.node),
      field('  lab', env.lab),
      field('  data', env.dataSha256 === null ? 'generated (no file)' : `SHA-256 ${env.dataSha256}`),
    );
  }
  lines.push('spec', ...JSON.stringify(run.spec, null, 2).split('\n').map((l) => `  ${l}`));
  return lines;
}
