/**
 * `npm run serve`: build the renderer if needed, start the lab services
 * (workers as Node child processes) and the browser server, print the URL
 * (the only line on stdout, so scripts can read it), and close everything on
 * SIGINT/SIGTERM. Logs go to stderr.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { nodeLauncher } from '../pool/index.js';
import { createHostServices } from '../services/lab-service.js';
import { resolveDataDir } from '../store/index.js';
import { openUrl } from '../launch/open-url.js';
import { ensureRendererBuilt } from '../launch/renderer-build.js';
import { RENDERER_OUT } from '../launch/repo-paths.js';
import { untilShutdownSignal } from '../launch/shutdown-signal.js';
import { startBrowserServer } from './browser-server.js';
import type { ServeOptions } from './serve-args.js';

export interface ServeIo {
  stdout: Writable;
  stderr: Writable;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  stopSignal?: Promise<unknown>;
}

/** Runs until stopped; resolves with the exit code. */
export async function runServe(options: ServeOptions, io: ServeIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const log = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  const build = options.build ? await ensureRendererBuilt(log) : 'fresh';
  if (build === 'stale') log('serving the previous build of the renderer');
  if (!existsSync(join(RENDERER_OUT, 'index.html'))) {
    log('the renderer is not built: run `npm run build:renderer` (the page will say so until then)');
  }

  const dataDir = resolveDataDir(options.dataDir);
  const services = await createHostServices({
    host: 'browser',
    dataDir,
    launcher: nodeLauncher(),
    ...(options.workers !== null ? { workers: options.workers } : {}),
  });
  let server;
  try {
    server = await startBrowserServer({ services, port: options.port, staticDir: RENDERER_OUT, log });
  } catch (err) {
    await services.close();
    const code = (err as NodeJS.ErrnoException).code;
    log(code === 'EADDRINUSE' ? `port ${options.port} is in use: pick another with --port, or 0 for any` : `could not start: ${String(err)}`);
    return 1;
  }

  io.stdout.write(`${server.url}\n`);
  log(`Convergence Lab is serving on 127.0.0.1:${server.port} (this machine only); runs are stored in ${dataDir}. Ctrl-C stops it.`);
  if (options.open) {
    void openUrl(server.url).then((opened) => {
      if (!opened) log('open the address above in your browser');
    });
  }

  await (io.stopSignal ?? untilShutdownSignal());
  log('stopping: cancelling runs and closing the store…');
  await server.close();
  await services.close();
  return 0;
}
