/**
 * Starts `npm run serve` on a free port with a throw-away data folder (or the
 * given one, filled beforehand; it is removed on stop too); resolves with its tokened URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LabServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const repo = fileURLToPath(new URL('../..', import.meta.url));

export async function startLabServer(workers = 2, dataDir = mkdtempSync(join(tmpdir(), 'lab-e2e-'))): Promise<LabServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'main/server/serve.ts'), '--data-dir', dataDir, '--workers', String(workers)],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server printed no URL in time\n${stderr}`)), 180_000);
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code})\n${stderr}`));
    });
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
