/**
 * The service through core/contract/dispatch.ts, as every transport calls it:
 * a malformed payload of any method comes back as a clean `invalid_payload`
 * envelope naming the field, reaches no handler and changes nothing; unknown
 * methods are refused; handler errors become envelopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Reply } from '../../../core/contract/dispatch.js';
import { errorEnvelopeSchema } from '../../../core/contract/errors.js';
import { methods, type MethodName } from '../../../core/contract/methods.js';
import type { WorkerLauncher } from '../../../main/pool/index.js';
import { openLab, tinyExperiment, type Lab } from './helpers.js';

/** No test here may start a worker. */
const noWorkers: WorkerLauncher = {
  launch() {
    throw new Error('no worker may start in this test');
  },
};

/** For every method, payloads that break its schema, and the path the envelope must name. */
const MALFORMED: Record<MethodName, [payload: unknown, path: string][]> = {
  'experiments.validate': [
    [42, '(file)'],
    [{ spec: {}, extra: 1 }, '(file)'],
  ],
  'experiments.start': [
    [{ spec: {}, sourcePath: 5 }, 'sourcePath'],
    ['start', '(file)'],
  ],
  'experiments.cancel': [
    [{}, 'experimentId'],
    [{ experimentId: '' }, 'experimentId'],
  ],
  'experiments.list': [[{ all: true }, '(file)']],
  'experiments.get': [[{ experimentId: 7 }, 'experimentId']],
  'experiments.delete': [[{ experimentId: 'x'.repeat(201) }, 'experimentId']],
  'runs.list': [
    [{ status: 'done' }, 'status'],
    [{ search: 5 }, 'search'],
    [{ experimentId: '' }, 'experimentId'],
  ],
  'runs.get': [[{ runId: null }, 'runId']],
  'runs.metrics': [
    [{ runId: 'r', fromStep: -1 }, 'fromStep'],
    [{ runId: 'r', columns: [1] }, 'columns[0]'],
    [{ runId: 'r', toStep: 1.5 }, 'toStep'],
  ],
  'runs.cancel': [[null, 'runId']],
  'runs.delete': [[[], '(file)']],
  'runs.rename': [[{ runId: 'r' }, 'name']],
  'runs.tag': [
    [{ runId: 'r', tags: [''] }, 'tags[0]'],
    [{ runId: 'r', tags: 'a' }, 'tags'],
  ],
  'runs.note': [[{ runId: 'r', note: 1 }, 'note']],
  'runs.rerun': [[{ runId: 1 }, 'runId']],
  'export.csv': [
    [{ runIds: [] }, 'runIds'],
    [{ runIds: ['a', 2] }, 'runIds[1]'],
  ],
  'export.save': [
    [{ defaultName: 'a.csv', data: 'x', encoding: 'hex' }, 'encoding'],
    [{ defaultName: '', data: 'x', encoding: 'utf8' }, 'defaultName'],
  ],
  'app.info': [[{ verbose: true }, '(file)']],
  'app.setWorkers': [
    [{ workers: 0 }, 'workers'],
    [{ workers: 2.5 }, 'workers'],
    [{ workers: '4' }, 'workers'],
  ],
};

let lab: Lab;
beforeAll(async () => {
  lab = await openLab({ launcher: noWorkers });
});
afterAll(async () => {
  await lab.close();
});

function expectError(reply: Reply): { code: string; message: string; path?: string; problems?: unknown } {
  expect(reply.ok).toBe(false);
  if (reply.ok) throw new Error('unreachable');
  errorEnvelopeSchema.parse(reply.error);
  return reply.error;
}

describe('dispatch over the lab service', () => {
  it('has a malformed-payload case for every method', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual(Object.keys(methods).sort());
  });

  for (const [method, cases] of Object.entries(MALFORMED) as [MethodName, [unknown, string][]][]) {
    it(`refuses malformed ${method} payloads with invalid_payload and the field's path`, async () => {
      for (const [payload, path] of cases) {
        const error = expectError(await dispatch(lab.service.handlers, method, payload));
        expect(error.code, JSON.stringify(payload)).toBe('invalid_payload');
        expect(error.path).toBe(path);
        expect(error.message.startsWith(`${method}: ${path}: `)).toBe(true);
      }
    });
  }

  it('changed nothing and pushed nothing for any malformed payload', async () => {
    expect(await lab.call('experiments.list', {})).toEqual([]);
    expect(await lab.call('app.info', {})).toMatchObject({ workers: 2 });
    expect(lab.log).toEqual([]);
  });

  it('refuses unknown methods', async () => {
    for (const method of ['runs.nuke', 'experiments', '', 'constructor', '__proto__', 'toString', 42, null, undefined]) {
      const error = expectError(await dispatch(lab.service.handlers, method, {}));
      expect(error.code).toBe('unknown_method');
    }
  });

  it('answers valid calls, and turns handler errors into envelopes', async () => {
    const ok = await dispatch(lab.service.handlers, 'experiments.validate', { spec: tinyExperiment() });
    expect(ok).toMatchObject({ ok: true, result: { ok: true } });
    // An omitted payload is an empty one.
    expect(await dispatch(lab.service.handlers, 'runs.list', undefined)).toEqual({ ok: true, result: [] });

    const missing = expectError(await dispatch(lab.service.handlers, 'runs.get', { runId: 'nope' }));
    expect(missing).toEqual({ code: 'not_found', message: 'no run with id nope' });

    const invalid = expectError(await dispatch(lab.service.handlers, 'experiments.start', { spec: { version: 2 } }));
    expect(invalid.code).toBe('invalid_experiment');
    expect(invalid.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'version' })]));

    const unsupported = expectError(await dispatch(lab.service.handlers, 'export.save', { defaultName: 'a', data: '', encoding: 'utf8' }));
    expect(unsupported.code).toBe('unsupported');
  });
});
