/**
 * An in-memory lab host for demo mode (`?fake=1`) and store tests: the real
 * contract (dispatch validates every payload), runs stored in a Map, training
 * replaced by fake-training's made-up curves streamed in slices on `tick()`.
 */
import { dispatch, type Reply } from '../../../../core/contract/dispatch.js';
import { LabError } from '../../../../core/contract/errors.js';
import type { EventMessage } from '../../../../core/contract/events.js';
import type { Handlers, Result } from '../../../../core/contract/methods.js';
import type { RunListingWire } from '../../../../core/contract/records.js';
import { encodeSeries, seriesOfRecords } from '../../../../core/contract/series-codec.js';
import { expandExperiment, type RunSpec } from '../../../../core/spec/expand.js';
import { validateExperiment } from '../../../../core/spec/validate.js';
import type { Experiment } from '../../../../core/spec/schema.js';
import type { MetricRecord } from '../../../../core/run/types.js';
import { fitRate } from '../../../../core/fit/rate-fit.js';
import { planRun, type FakeRunPlan } from './fake-training.js';
import { csvOfRuns } from './fake-csv.js';

interface FakeExperiment {
  id: string;
  name: string;
  spec: Experiment;
  sourcePath: string | null;
  createdAt: number;
  runIds: string[];
}

export interface FakeRun {
  listing: RunListingWire;
  spec: RunSpec;
  plan: FakeRunPlan;
  /** Records streamed so far. */
  emitted: number;
}

export interface FakeHostOptions {
  workers?: number;
  /** Records streamed per run per tick; default: a run takes about 40 ticks. */
  recordsPerTick?: number;
  now?: () => number;
}

const ACTIVE = new Set(['queued', 'running']);

export class FakeHost {
  readonly experiments = new Map<string, FakeExperiment>();
  readonly runs = new Map<string, FakeRun>();
  private readonly listeners = new Set<(m: EventMessage) => void>();
  private workers: number;
  private counter = 0;
  private readonly now: () => number;
  readonly handlers: Handlers;

  constructor(private readonly opts: FakeHostOptions = {}) {
    this.workers = opts.workers ?? 2;
    this.now = opts.now ?? Date.now;
    this.handlers = this.makeHandlers();
  }

  call(method: unknown, params: unknown): Promise<Reply> {
    return dispatch(this.handlers, method, params);
  }

  onEvent(listener: (m: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Whether any run is queued or running. */
  get busy(): boolean {
    for (const r of this.runs.values()) if (ACTIVE.has(r.listing.status)) return true;
    return false;
  }

  /** Advance every running run by one slice, then start queued runs on free workers. */
  tick(): void {
    for (const run of this.runs.values()) {
      if (run.listing.status !== 'running') continue;
      const per = this.opts.recordsPerTick ?? Math.max(1, Math.ceil(run.plan.records.length / 40));
      const slice = run.plan.records.slice(run.emitted, run.emitted + per);
      run.emitted += slice.length;
      if (slice.length > 0) {
        const last = slice[slice.length - 1]!;
        this.emit({ event: 'run.metrics', payload: { runId: run.listing.id, series: encodeSeries(seriesOfRecords(slice as MetricRecord[])) } });
        this.emit({
          event: 'run.progress',
          payload: { runId: run.listing.id, step: last.step!, totalSteps: run.spec.train.steps, loss: finiteOrNull(last.loss), elapsedMs: last.time_ms! },
        });
      }
      if (run.emitted >= run.plan.records.length) this.finish(run);
    }
    this.startQueued();
  }

  /** Run every queued and running run to its end at once (demo seeding, tests). */
  runAll(): void {
    let guard = 0;
    while (this.busy && guard++ < 100_000) this.tick();
  }

  // ------------------------------------------------------------------ internals

  private emit(message: EventMessage): void {
    for (const l of [...this.listeners]) l(message);
  }

  private id(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).padStart(4, '0')}`;
  }

  private startExperiment(spec: Experiment, sourcePath: string | null): { experimentId: string; runIds: string[] } {
    const experimentId = this.id('exp-');
    const createdAt = this.now();
    const runIds: string[] = [];
    for (const runSpec of expandExperiment(spec)) {
      const id = this.id('run-');
      runIds.push(id);
      const listing: RunListingWire = {
        id,
        experimentId,
        experimentName: spec.name,
        label: runSpec.label,
        name: null,
        optimizer: runSpec.optimizer.kind,
        seed: runSpec.seed,
        replicate: runSpec.replicate,
        status: 'queued',
        reason: null,
        environment: null,
        createdAt,
        startedAt: null,
        finishedAt: null,
        steps: null,
        finalLoss: null,
        stepsToTarget: null,
        rate: null,
        wallMs: null,
        note: '',
        tags: [],
      };
      this.runs.set(id, { listing, spec: runSpec, plan: planRun(runSpec), emitted: 0 });
      this.emit({ event: 'run.state', payload: { ...listing } });
    }
    this.experiments.set(experimentId, { id: experimentId, name: spec.name, spec, sourcePath, createdAt, runIds });
    this.startQueued();
    return { experimentId, runIds };
  }

  private startQueued(): void {
    let running = [...this.runs.values()].filter((r) => r.listing.status === 'running').length;
    for (const run of this.runs.values()) {
      if (running >= this.workers) break;
      if (run.listing.status !== 'queued') continue;
      run.listing.status = 'running';
      run.listing.startedAt = this.now();
      run.listing.environment = { backend: 'cpu', tfjs: '4.22.0', simd: null, node: 'fake', lab: '0.1.0', dataSha256: null };
      running++;
      this.emit({ event: 'run.state', payload: { ...run.listing } });
    }
  }

  private finish(run: FakeRun): void {
    const recs = run.plan.records;
    const steps = recs.map((r) => r.step!);
    const losses = recs.map((r) => r.loss!);
    const target = run.spec.train.targetLoss;
    const hit = target === undefined ? -1 : recs.findIndex((r) => r.loss! <= target);
    const l = run.listing;
    l.status = run.plan.status;
    l.reason = run.plan.reason;
    l.steps = run.plan.steps;
    l.finalLoss = finiteOrNull(losses[losses.length - 1]);
    l.stepsToTarget = hit >= 0 ? steps[hit]! : null;
    l.rate = fitRate(steps, losses, target === undefined ? {} : { targetLoss: target });
    l.wallMs = recs[recs.length - 1]?.time_ms ?? 0;
    l.finishedAt = this.now();
    this.emit({ event: 'run.state', payload: { ...l } });
  }

  private cancel(run: FakeRun): boolean {
    if (!ACTIVE.has(run.listing.status)) return false;
    run.listing.status = 'cancelled';
    run.listing.reason = 'cancelled by the user';
    run.listing.finishedAt = this.now();
    run.listing.steps = run.plan.records[run.emitted - 1]?.step ?? 0;
    run.plan = { ...run.plan, records: run.plan.records.slice(0, run.emitted) };
    this.emit({ event: 'run.state', payload: { ...run.listing } });
    return true;
  }

  private run(runId: string): FakeRun {
    const run = this.runs.get(runId);
    if (!run) throw new LabError('not_found', `no run ${runId}`, 'runId');
    return run;
  }

  private changed(runIds: string[]): void {
    this.emit({ event: 'runs.changed', payload: { runIds } });
  }

  private makeHandlers(): Handlers {
    const validated = (spec: unknown): Experiment => {
      const v = validateExperiment(spec);
      if (!v.ok) throw new LabError('invalid_experiment', `the experiment has ${v.problems.length} problem(s)`, undefined, v.problems);
      return v.value;
    };
    return {
      'experiments.validate': async ({ spec }) => {
        const v = validateExperiment(spec);
        if (!v.ok) return { ok: false as const, problems: v.problems };
        return { ok: true as const, runs: expandExperiment(v.value).map((r) => ({ label: r.label, optimizer: r.optimizer.kind, seed: r.seed })) };
      },
      'experiments.start': async ({ spec, sourcePath }) => this.startExperiment(validated(spec), sourcePath ?? null),
      'experiments.cancel': async ({ experimentId }) => {
        const exp = this.experiments.get(experimentId);
        if (!exp) throw new LabError('not_found', `no experiment ${experimentId}`, 'experimentId');
        let cancelled = 0;
        for (const id of exp.runIds) {
          const run = this.runs.get(id);
          if (run && this.cancel(run)) cancelled++;
        }
        this.startQueued();
        return { cancelled };
      },
      'experiments.list': async () =>
        [...this.experiments.values()].map((e) => ({ id: e.id, name: e.name, sourcePath: e.sourcePath, createdAt: e.createdAt, runCount: e.runIds.length })),
      'experiments.get': async ({ experimentId }) => {
        const e = this.experiments.get(experimentId);
        if (!e) throw new LabError('not_found', `no experiment ${experimentId}`, 'experimentId');
        return { id: e.id, name: e.name, spec: structuredClone(e.spec), sourcePath: e.sourcePath, createdAt: e.createdAt };
      },
      'experiments.delete': async ({ experimentId }) => {
        const e = this.experiments.get(experimentId);
        if (!e) throw new LabError('not_found', `no experiment ${experimentId}`, 'experimentId');
        for (const id of e.runIds) this.runs.delete(id);
        this.experiments.delete(experimentId);
        this.changed(e.runIds);
        return { deleted: true as const };
      },
      'runs.list': async ({ experimentId, status, search, tag }) => {
        const statuses = status === undefined ? null : new Set(Array.isArray(status) ? status : [status]);
        const q = search?.toLowerCase();
        return [...this.runs.values()]
          .map((r) => r.listing)
          .filter((l) => (experimentId === undefined || l.experimentId === experimentId) && (!statuses || statuses.has(l.status)))
          .filter((l) => !tag || l.tags.includes(tag))
          .filter((l) => !q || `${l.label} ${l.name ?? ''} ${l.experimentName}`.toLowerCase().includes(q))
          .map((l) => structuredClone(l));
      },
      'runs.get': async ({ runId }) => {
        const r = this.run(runId);
        return { ...structuredClone(r.listing), spec: structuredClone(r.spec) };
      },
      'runs.metrics': async ({ runId, columns, fromStep, toStep }) => {
        const r = this.run(runId);
        const recs = r.plan.records
          .slice(0, r.emitted)
          .filter((rec) => (fromStep === undefined || rec.step! >= fromStep) && (toStep === undefined || rec.step! <= toStep))
          .map((rec) => (columns ? pick(rec, columns) : rec));
        return encodeSeries(seriesOfRecords(recs as MetricRecord[])) as Result<'runs.metrics'>;
      },
      'runs.cancel': async ({ runId }) => {
        const cancelled = this.cancel(this.run(runId));
        this.startQueued();
        return { cancelled };
      },
      'runs.delete': async ({ runId }) => {
        const r = this.run(runId);
        if (ACTIVE.has(r.listing.status)) this.cancel(r);
        this.runs.delete(runId);
        this.changed([runId]);
        return { deleted: true as const };
      },
      'runs.rename': async ({ runId, name }) => {
        this.run(runId).listing.name = name;
        this.changed([runId]);
        return { ok: true as const };
      },
      'runs.tag': async ({ runId, tags }) => {
        this.run(runId).listing.tags = [...new Set(tags)];
        this.changed([runId]);
        return { ok: true as const };
      },
      'runs.note': async ({ runId, note }) => {
        this.run(runId).listing.note = note;
        this.changed([runId]);
        return { ok: true as const };
      },
      'runs.rerun': async ({ runId }) => {
        const r = this.run(runId);
        const spec = validated({
          version: 1,
          name: `${r.listing.experimentName} (re-run of ${r.listing.label})`,
          seed: r.spec.seed,
          data: r.spec.data,
          model: r.spec.model,
          loss: r.spec.loss,
          train: r.spec.train,
          optimizers: [{ ...r.spec.optimizer, label: r.spec.label }],
          metrics: r.spec.metrics,
        });
        return this.startExperiment(spec, null);
      },
      'export.csv': async ({ runIds }) => {
        const runs = runIds.map((id) => this.run(id));
        return { csv: csvOfRuns(runs), filename: runs.length === 1 ? `${runs[0]!.listing.label}.csv` : 'runs.csv' };
      },
      'export.save': async () => {
        throw new LabError('unsupported', 'no save dialog here: the renderer downloads instead');
      },
      'app.info': async () => ({
        version: '0.1.0',
        host: 'browser' as const,
        backend: 'demo data (fake host)',
        tfjs: '4.22.0',
        node: 'none',
        electron: null,
        dataDir: '(in memory)',
        workers: this.workers,
        fallbacks: [],
      }),
      'app.setWorkers': async ({ workers }) => {
        this.workers = workers;
        this.startQueued();
        return { workers };
      },
    };
  }
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function pick(rec: Record<string, number>, columns: readonly string[]): Record<string, number> {
  const out: Record<string, number> = { step: rec.step!, time_ms: rec.time_ms! };
  for (const c of columns) if (rec[c] !== undefined) out[c] = rec[c]!;
  return out;
}
