/** Command-line options of `npm run serve -- [--port P] [--data-dir DIR] [--workers N] [--open] [--no-build]`. */

export const SERVE_USAGE = `Usage: npm run serve -- [--port P] [--data-dir DIR] [--workers N] [--open] [--no-build]

  Serves the workbench to your browser on http://127.0.0.1 (this machine only),
  behind an access token. The URL, token included, is the one line on stdout.

  --port P        port to listen on (default: a free one)
  --data-dir DIR  where runs are stored (default: the desktop app's folder, or LAB_DATA_DIR)
  --workers N     runs at once (default: one per CPU core)
  --open          open the URL in the default browser
  --no-build      serve out/renderer as it is, even if older than its sources`;

export interface ServeOptions {
  port: number;
  dataDir: string | null;
  workers: number | null;
  open: boolean;
  build: boolean;
}

export type ServeCommand = { kind: 'serve'; options: ServeOptions } | { kind: 'help' };

export class ServeUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServeUsageError';
  }
}

const VALUE_FLAGS = new Set(['--port', '--data-dir', '--workers']);
const BOOLEAN_FLAGS = new Set(['--open', '--no-build', '--help', '-h']);

export function parseServeArgs(argv: readonly string[]): ServeCommand {
  const options: ServeOptions = { port: 0, dataDir: null, workers: null, open: false, build: true };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (!VALUE_FLAGS.has(name) && !BOOLEAN_FLAGS.has(name)) throw new ServeUsageError(`unknown argument ${name}`);
    if (seen.has(name)) throw new ServeUsageError(`${name} given more than once`);
    seen.add(name);
    if (name === '--help' || name === '-h') return { kind: 'help' };
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) throw new ServeUsageError(`${name} takes no value`);
      if (name === '--open') options.open = true;
      else options.build = false;
      continue;
    }
    const value = eq > 0 ? token.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new ServeUsageError(`${name} needs a value`);
    if (name === '--data-dir') options.dataDir = value;
    else if (name === '--port') options.port = wholeNumber(name, value, 0, 65535);
    else options.workers = wholeNumber(name, value, 1, 64);
  }
  return { kind: 'serve', options };
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ServeUsageError(`${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return n;
}
