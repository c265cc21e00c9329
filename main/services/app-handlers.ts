/**
 * app.*: what the lab runs on, and the number of workers. The engine is the
 * one workers report (what runs really use); until one has, and for the
 * fallbacks, the host probes the engine itself, once.
 */
import type { Handlers } from '../../core/contract/methods.js';
import type { EngineInfo } from '../../core/engine/backend.js';
import { LAB_VERSION } from '../../core/version.js';
import type { ServiceContext } from './service-context.js';

type AppHandlers = Pick<Handlers, 'app.info' | 'app.setWorkers'>;

export interface AppInfoOptions {
  host: 'electron' | 'browser';
  electronVersion: string | null;
  probeEngine: () => Promise<EngineInfo>;
}

/** A probe that cannot start any backend still answers: `none`, with the reasons. */
async function safeProbe(probe: () => Promise<EngineInfo>): Promise<Pick<EngineInfo, 'backend' | 'tfjs' | 'fallbacks'> | { backend: 'none'; tfjs: string; fallbacks: string[] }> {
  try {
    return await probe();
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { backend: 'none', tfjs: 'unknown', fallbacks: text.split('\n').filter((l) => l.trim().length > 0) };
  }
}

export function appHandlers(ctx: ServiceContext, options: AppInfoOptions): AppHandlers {
  let probed: ReturnType<typeof safeProbe> | null = null;
  return {
    async 'app.info'() {
      probed ??= safeProbe(options.probeEngine);
      const engine = await probed;
      const reported = ctx.lifecycle.lastEnvironment;
      return {
        version: LAB_VERSION,
        host: options.host,
        backend: reported?.backend ?? engine.backend,
        tfjs: reported?.tfjs ?? engine.tfjs,
        node: process.version,
        electron: options.electronVersion,
        dataDir: ctx.dataDir,
        workers: ctx.pool.size,
        fallbacks: engine.fallbacks,
      };
    },

    async 'app.setWorkers'({ workers }) {
      ctx.pool.setSize(workers);
      return { workers: ctx.pool.size };
    },
  };
}
