/**
 * Browser mode serves out/renderer; build it first when it is missing or
 * older than its sources (vite, programmatically, logging to stderr only:
 * stdout carries the URL).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isStale } from './build-freshness.js';
import { RENDERER_CONFIG, RENDERER_OUT, RENDERER_SOURCES } from './repo-paths.js';

export type RendererBuild = 'fresh' | 'built' | 'stale' | 'missing';

export async function ensureRendererBuilt(log: (line: string) => void): Promise<RendererBuild> {
  const index = join(RENDERER_OUT, 'index.html');
  if (!isStale(index, RENDERER_SOURCES)) return 'fresh';
  if (!existsSync(RENDERER_CONFIG)) {
    log('renderer/vite.config.ts is missing: cannot build the workbench');
    return existsSync(index) ? 'stale' : 'missing';
  }
  log(existsSync(index) ? 'the renderer changed: rebuilding it…' : 'building the renderer (once)…');
  try {
    const { build } = await import('vite');
    await build({ configFile: RENDERER_CONFIG, logLevel: 'warn', mode: 'production' });
    return 'built';
  } catch (err) {
    log(`building the renderer failed: ${err instanceof Error ? err.message : String(err)}`);
    return existsSync(index) ? 'stale' : 'missing';
  }
}
