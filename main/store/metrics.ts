/** Appending metric batches to a run and reading them back as columns (encoding: metric-codec.ts). */
import type Database from 'better-sqlite3';
import type { MetricRecord } from '../../core/run/types.js';
import { DecodedChunk, FIXED_COLUMNS, encodeChunk, type StoredChunk } from './metric-codec.js';
import type { MetricSeries } from './metric-series.js';
import type { MetricQuery } from './types.js';

interface ChunkMeta {
  rows: number;
  columns: string;
}

interface ChunkRow extends StoredChunk {
  first_step: number;
  last_step: number;
}

const FIXED = new Set<string>(FIXED_COLUMNS);

export class MetricTable {
  private readonly insert;
  private readonly metas;
  private readonly chunks;
  private readonly columnSets;

  constructor(private readonly db: Database.Database) {
    // The sequence number is computed in the INSERT itself: one statement, one transaction.
    this.insert = db.prepare(`
      INSERT INTO metric_chunks (run_id, seq, first_step, last_step, rows, columns, data, presence)
      VALUES (@runId, (SELECT coalesce(max(seq) + 1, 0) FROM metric_chunks WHERE run_id = @runId),
              @firstStep, @lastStep, @rows, @columns, @data, @presence)`);
    const range = 'run_id = ? AND last_step >= ? AND first_step <= ?';
    this.metas = db.prepare<[string, number, number], ChunkMeta>(
      `SELECT rows, columns FROM metric_chunks WHERE ${range} ORDER BY seq`,
    );
    this.chunks = db.prepare<[string, number, number], ChunkRow>(
      `SELECT rows, columns, data, presence, first_step, last_step FROM metric_chunks WHERE ${range} ORDER BY seq`,
    );
    this.columnSets = db.prepare<[string], { columns: string }>(
      'SELECT DISTINCT columns FROM metric_chunks WHERE run_id = ?',
    );
  }

  /** One batch, one row, one transaction. The caller has checked that the run exists. */
  append(runId: string, records: readonly MetricRecord[]): void {
    if (records.length === 0) return;
    const chunk = encodeChunk(records);
    this.insert.run({
      runId,
      firstStep: chunk.firstStep,
      lastStep: chunk.lastStep,
      rows: chunk.rows,
      columns: chunk.columns.join(','),
      data: chunk.data,
      presence: chunk.presence,
    });
  }

  /** The metric columns the run has recorded (not `step` or `time_ms`), in order of first appearance. */
  columns(runId: string): string[] {
    const seen = new Set<string>();
    for (const { columns } of this.columnSets.all(runId)) {
      for (const c of columns.split(',')) if (!FIXED.has(c)) seen.add(c);
    }
    return [...seen];
  }

  read(runId: string, query: MetricQuery = {}): MetricSeries {
    // One read transaction: both passes see the same snapshot while a writer appends.
    return this.db.transaction(() => this.readSnapshot(runId, query)).deferred();
  }

  private readSnapshot(runId: string, query: MetricQuery): MetricSeries {
    const from = query.fromStep ?? -Infinity;
    const to = query.toStep ?? Infinity;
    // First pass over the small columns only: how many rows at most, and which columns.
    let capacity = 0;
    const seen = new Set<string>();
    for (const meta of this.metas.iterate(runId, from, to)) {
      capacity += meta.rows;
      if (query.columns === undefined) for (const c of meta.columns.split(',')) if (!FIXED.has(c)) seen.add(c);
    }
    const names = query.columns === undefined ? [...seen] : [...new Set(query.columns)].filter((c) => !FIXED.has(c));

    const steps = new Float64Array(capacity);
    const time = new Float64Array(capacity);
    const columns: Record<string, Float64Array> = {};
    const present: Record<string, Uint8Array> = {};
    for (const name of names) {
      columns[name] = new Float64Array(capacity).fill(NaN);
      present[name] = new Uint8Array(capacity);
    }

    let at = 0;
    for (const row of this.chunks.iterate(runId, from, to)) {
      const chunk = new DecodedChunk(row);
      let keep: Uint8Array | null = null;
      let kept = chunk.rows;
      if (row.first_step < from || row.last_step > to) {
        keep = new Uint8Array(chunk.rows);
        kept = 0;
        chunk.steps().forEach((s, r) => {
          if (s >= from && s <= to) {
            keep![r] = 1;
            kept++;
          }
        });
      }
      chunk.copyColumn('step', steps, null, at, keep);
      chunk.copyColumn('time_ms', time, null, at, keep);
      for (const name of names) chunk.copyColumn(name, columns[name]!, present[name]!, at, keep);
      at += kept;
    }

    if (at === capacity) return { steps, time_ms: time, columns, present };
    // Rows outside the step range were skipped: trim to what was read.
    const trimmed: MetricSeries = { steps: steps.slice(0, at), time_ms: time.slice(0, at), columns: {}, present: {} };
    for (const name of names) {
      trimmed.columns[name] = columns[name]!.slice(0, at);
      trimmed.present[name] = present[name]!.slice(0, at);
    }
    return trimmed;
  }
}
