/**
 * Choosing the tensor engine: native TensorFlow (@tensorflow/tfjs-node) where
 * it is installed, else the WASM backend (SIMD, single thread), else the pure-JS
 * CPU backend. The choice is made once per process and recorded on every run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface EngineInfo {
  backend: BackendName;
  /** Version of @tensorflow/tfjs-core. */
  tfjs: string;
  /** Whether the WASM backend runs with SIMD (null for other backends). */
  simd: boolean | null;
  /** Why preferred backends were skipped, one line each. */
  fallbacks: string[];
}

/** Every backend, in the order they are tried. */
export const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

let chosen: Promise<EngineInfo> | null = null;

function isBackendName(name: string): name is BackendName {
  return (BACKENDS as readonly string[]).includes(name);
}

/**
 * Initialise the engine. `prefer` forces one backend (tests and benchmarks); by
 * default the environment variable LAB_BACKEND may force one as well (empty or
 * unset: the first that loads). An unknown LAB_BACKEND is an error, never a
 * silent fallback.
 */
export function initEngine(prefer?: BackendName): Promise<EngineInfo> {
  const fromEnv = prefer === undefined && process.env.LAB_BACKEND ? process.env.LAB_BACKEND : undefined;
  if (fromEnv !== undefined && !isBackendName(fromEnv)) {
    return Promise.reject(new Error(`LAB_BACKEND=${fromEnv} is not a backend: use ${BACKENDS.join(', ')}, or leave it unset to take the first that loads`));
  }
  const forced = prefer ?? fromEnv;
  if (chosen === null) chosen = choose(forced);
  return chosen;
}

async function choose(forced: BackendName | undefined): Promise<EngineInfo> {
  const order: readonly BackendName[] = forced ? [forced] : BACKENDS;
  const fallbacks: string[] = [];
  for (const name of order) {
    try {
      const simd = await load(name);
      return { backend: name, tfjs: tf.version_core, simd, fallbacks };
    } catch (err) {
      fallbacks.push(`${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  throw new Error(`no tensor backend could start:\n${fallbacks.join('\n')}`);
}

const require = createRequire(import.meta.url);

async function load(name: BackendName): Promise<boolean | null> {
  if (name === 'tensorflow') {
    // Registers the 'tensorflow' backend on the shared tfjs-core when its native library loaded.
    await import('@tensorflow/tfjs-node' as string);
    if (!(await tf.setBackend('tensorflow'))) throw new Error('native backend did not initialise');
    return null;
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    // The trailing slash matters: without it setBackend('wasm') quietly returns false.
    wasm.setWasmPaths(join(dist, sep));
    if (!(await tf.setBackend('wasm'))) throw new Error('WASM backend did not initialise');
    await tf.ready();
    return Boolean(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'));
  }
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('CPU backend did not initialise');
  return null;
}

/** A one-line description for logs and the CLI, e.g. `engine: wasm (SIMD), tfjs 4.22.0`. */
export function describeEngine(info: EngineInfo): string {
  const simd = info.simd === null ? '' : info.simd ? ' (SIMD)' : ' (no SIMD)';
  return `engine: ${info.backend}${simd}, tfjs ${info.tfjs}`;
}
