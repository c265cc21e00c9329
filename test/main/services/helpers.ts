/** A lab service on a temporary data folder, tiny experiments, and an event log checked against the contract. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events as eventSchemas, type EventMessage } from '../../../core/contract/events.js';
import { methods, type MethodName, type Params, type Result } from '../../../core/contract/methods.js';
import { LabError } from '../../../core/contract/errors.js';
import { RUN_STATUSES } from '../../../core/contract/records.js';
import { nodeLauncher, type WorkerLauncher } from '../../../main/pool/index.js';
import { createLabService, type HostServicesOptions, type LabService } from '../../../main/services/index.js';

export const FAKE_ENGINE = async () => ({ backend: 'cpu' as const, tfjs: '4.22.0', simd: null, fallbacks: ['tensorflow: not installed'] });

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'lab-service-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface Lab {
  service: LabService;
  dir: string;
  log: EventMessage[];
  /** Call a handler and check its result against the method's result schema. */
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Resolves once every run has a final status in the store. */
  settled(runIds: readonly string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const FINAL = new Set<string>(RUN_STATUSES.filter((s) => s !== 'queued' && s !== 'running'));

export async function openLab(options: Partial<HostServicesOptions> & { launcher?: WorkerLauncher } = {}): Promise<Lab> {
  const dir = options.dataDir ?? tempDataDir();
  const service = await createLabService({
    launcher: nodeLauncher(),
    host: 'browser',
    workers: 2,
    batchMs: 10,
    probeEngine: FAKE_ENGINE,
    ...options,
    dataDir: dir,
  });
  const log: EventMessage[] = [];
  service.onEvent((m) => {
    // Every pushed payload must satisfy the contract's schema.
    eventSchemas[m.event].parse(m.payload);
    log.push(m);
  });
  const lab: Lab = {
    service,
    dir,
    log,
    async call(method, params) {
      const handler = service.handlers[method] as (p: unknown) => Promise<unknown>;
      const result = await handler(methods[method].params.parse(params));
      return methods[method].result.parse(result) as Result<typeof method>;
    },
    async settled(runIds, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const statuses = runIds.map((id) => service.store.getRun(id).status);
        if (statuses.every((s) => FINAL.has(s))) return;
        if (Date.now() > deadline) throw new Error(`runs did not settle: ${statuses.join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await service.close();
      removeDir(dir);
    },
  };
  return lab;
}

/** A tiny experiment as a user writes it (defaults left out). */
export function tinyExperiment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'service test',
    seed: 11,
    data: { kind: 'gaussian', n: 8, d: 3 },
    model: { hidden: [4] },
    train: { steps: 120, record: { every: 3 } },
    optimizers: [
      { label: 'GD', kind: 'gd', lr: 0.01 },
      { label: 'HB', kind: 'heavy-ball', lr: 0.01, momentum: 0.5 },
    ],
    metrics: ['loss', 'grad_norm'],
    ...overrides,
  };
}

/** The LabError a promise rejects with (fails the test when it resolves). */
export async function labError(p: Promise<unknown>): Promise<LabError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LabError) return err;
    throw err;
  }
  throw new Error('expected a LabError, but the call succeeded');
}
