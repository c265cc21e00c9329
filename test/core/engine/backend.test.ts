/**
 * Choosing the engine: LAB_BACKEND forces a backend; a name that is not one
 * is an error that says which names are allowed (it used to fall through to
 * the CPU loader and record the bogus name as the run's backend, which the
 * host then rejected as "the worker sent an invalid message").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, describeEngine, initEngine } from '../../../core/engine/backend.js';

const saved = process.env.LAB_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.LAB_BACKEND;
  else process.env.LAB_BACKEND = saved;
});

describe('initEngine', () => {
  it('rejects an unknown LAB_BACKEND, naming it and the allowed backends', async () => {
    process.env.LAB_BACKEND = 'gpu';
    await expect(initEngine()).rejects.toThrow('LAB_BACKEND=gpu is not a backend: use tensorflow, wasm, cpu');
    expect(BACKENDS).toEqual(['tensorflow', 'wasm', 'cpu']);
  });

  it('a valid LAB_BACKEND is used and recorded', async () => {
    process.env.LAB_BACKEND = 'cpu';
    const info = await initEngine();
    expect(info.backend).toBe('cpu');
    expect(describeEngine(info)).toMatch(/^engine: cpu, tfjs \d+\.\d+\.\d+$/);
  });
});
