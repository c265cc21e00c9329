/**
 * Where Electron may be imported: the sandboxed preload only 'electron' and
 * constants (anything else cannot load in a sandbox), browser mode and the
 * launchers never (they run where Electron is absent), core never.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers of value imports (type-only imports vanish from the build). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)) {
    if (m[1] !== undefined) continue;
    found.push((m[2] ?? m[3] ?? m[4])!);
  }
  return found;
}

describe('layering', () => {
  it('the preload imports only electron and the channel names, which import nothing', () => {
    expect(valueImports(join(repo, 'main/electron/preload.ts')).sort()).toEqual(['./ipc-channels.js', 'electron']);
    expect(valueImports(join(repo, 'main/electron/ipc-channels.ts'))).toEqual([]);
  });

  it('browser mode, the launchers and core never import electron', () => {
    const files = [...sources(join(repo, 'main/server')), ...sources(join(repo, 'main/launch')), ...sources(join(repo, 'core')), join(repo, 'main/start.ts')];
    for (const file of files) expect(valueImports(file).filter((s) => s === 'electron' || s.startsWith('electron/')), file).toEqual([]);
  });

  it('core imports no Electron, Vue, Pinia, ECharts, main/ or renderer/, and touches no DOM', () => {
    const forbidden = /^(electron|vue|pinia|echarts)(\/|$)|\/(main|renderer)\//;
    for (const file of sources(join(repo, 'core'))) {
      expect(valueImports(file).filter((s) => forbidden.test(s)), file).toEqual([]);
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(/\b(window|document)\./.test(code), `${file} uses the DOM`).toBe(false);
    }
  });
});
