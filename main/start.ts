/**
 * `npm start`: the desktop app when the Electron binary is installed (built
 * first if the sources changed); otherwise, say so in one line and serve the
 * same workbench in the browser (as `npm run serve -- --open`).
 */
import { spawn } from 'node:child_process';
import { electronBinary, localLookup } from './launch/electron-binary.js';
import { isStale } from './launch/build-freshness.js';
import { DESKTOP_ENTRY, DESKTOP_SOURCES, REPO_ROOT } from './launch/repo-paths.js';
import { parseServeArgs, SERVE_USAGE, ServeUsageError } from './server/serve-args.js';
import { runServe } from './server/serve-command.js';

async function startDesktop(binary: string, argv: readonly string[]): Promise<number> {
  if (isStale(DESKTOP_ENTRY, DESKTOP_SOURCES)) {
    const { build } = await import('electron-vite');
    await build({ root: REPO_ROOT });
  }
  const env = { ...process.env };
  // Inherited from some tools; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve) => {
    const child = spawn(binary, [REPO_ROOT, ...argv], { stdio: 'inherit', env });
    child.once('error', (err) => {
      process.stderr.write(`could not start Electron: ${err.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal !== null ? 1 : 0)));
    // Ctrl-C reaches Electron through the terminal; Electron decides when to exit.
    process.on('SIGINT', () => undefined);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
  });
}

async function startBrowser(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseServeArgs(argv);
  } catch (err) {
    if (!(err instanceof ServeUsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${SERVE_USAGE.replace('npm run serve', 'npm start')}\n`);
    return 1;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${SERVE_USAGE.replace('npm run serve', 'npm start')}\n`);
    return 0;
  }
  process.stderr.write('Electron is not installed here (its binary could not be downloaded); starting the workbench in browser mode\n');
  return runServe({ ...command.options, open: true });
}

async function main(argv: readonly string[]): Promise<number> {
  const binary = electronBinary(localLookup(import.meta.url));
  return binary !== null ? startDesktop(binary, argv) : startBrowser(argv);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
