/**
 * Command-line parsing for `npm run lab -- ...` (SPEC.md, "The CLI").
 * Usage errors throw UsageError: the CLI prints its message and USAGE and
 * exits 1 (exit 2 is reserved for an invalid experiment file).
 */

export const USAGE = `Usage:
  npm run lab -- run FILE.json [--json] [--csv OUT.csv] [--data-dir DIR] [--ntk-matrix OUT.json]
  npm run lab -- list [--data-dir DIR]
  npm run lab -- show RUN [--data-dir DIR]
  npm run lab -- export RUN --csv OUT.csv [--data-dir DIR]
  npm run lab -- --help

  run      train every run of an experiment file; progress goes to stderr
    --json         print only the JSON summary on stdout
    --csv OUT      write every recorded step of every run to OUT (CSV)
    --data-dir DIR where runs are stored
    --ntk-matrix OUT  write the NTK Gram matrices to OUT (JSON)
  list     list stored runs
  show     print one stored run's summary
  export   write one stored run's records as CSV

Exit codes: 0 every run ended (finished or diverged), 2 invalid experiment
file, 1 anything else (including a usage error).`;

export type LabCommand =
  | {
      kind: 'run';
      file: string;
      json: boolean;
      csv: string | null;
      dataDir: string | null;
      ntkMatrix: string | null;
    }
  // The store commands take --data-dir too: they read where `run` wrote.
  | { kind: 'list'; dataDir: string | null }
  | { kind: 'show'; run: string; dataDir: string | null }
  | { kind: 'export'; run: string; csv: string; dataDir: string | null }
  | { kind: 'help' };

export class UsageError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type FlagKind = 'boolean' | 'value';

/** Flags each command accepts, and whether they take a value. */
const FLAGS: Record<'run' | 'list' | 'show' | 'export', Record<string, FlagKind>> = {
  run: { '--json': 'boolean', '--csv': 'value', '--data-dir': 'value', '--ntk-matrix': 'value' },
  list: { '--data-dir': 'value' },
  show: { '--data-dir': 'value' },
  export: { '--csv': 'value', '--data-dir': 'value' },
};

/** What each command takes as positional arguments, for messages. */
const POSITIONALS: Record<keyof typeof FLAGS, string[]> = {
  run: ['FILE.json'],
  list: [],
  show: ['RUN'],
  export: ['RUN'],
};

interface Parsed {
  positionals: string[];
  flags: Map<string, string | true>;
}

function isFlagLike(token: string): boolean {
  return token.startsWith('-') && token !== '-';
}

function parseTokens(command: keyof typeof FLAGS, tokens: readonly string[]): Parsed {
  const allowed = FLAGS[command];
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  let onlyPositionals = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (onlyPositionals || !isFlagLike(token)) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.startsWith('--') && eq > 0 ? token.slice(0, eq) : token;
    const inline = token.startsWith('--') && eq > 0 ? token.slice(eq + 1) : null;
    const kind = allowed[name];
    if (kind === undefined) {
      const known = Object.keys(allowed);
      throw new UsageError(
        `unknown option ${name} for '${command}'` + (known.length > 0 ? ` (allowed: ${known.join(', ')})` : ''),
      );
    }
    if (flags.has(name)) throw new UsageError(`${name} given more than once`);
    if (kind === 'boolean') {
      if (inline !== null) throw new UsageError(`${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    let value = inline;
    if (value === null) {
      const next = tokens[i + 1];
      // A following option is not a value: `--csv --json` means the path was forgotten.
      if (next === undefined || isFlagLike(next)) throw new UsageError(`${name} needs a value`);
      value = next;
      i++;
    }
    if (value === '') throw new UsageError(`${name} needs a value`);
    flags.set(name, value);
  }
  const expected = POSITIONALS[command];
  if (positionals.length < expected.length) {
    throw new UsageError(`'${command}' needs ${expected.slice(positionals.length).join(' ')}`);
  }
  if (positionals.length > expected.length) {
    throw new UsageError(`unexpected argument '${positionals[expected.length]!}' for '${command}'`);
  }
  return { positionals, flags };
}

function stringFlag(parsed: Parsed, name: string): string | null {
  const v = parsed.flags.get(name);
  return typeof v === 'string' ? v : null;
}

/** Parse the arguments after `lab` (process.argv.slice(2)). Throws UsageError. */
export function parseArgs(argv: readonly string[]): LabCommand {
  // --help wins wherever it appears (before a `--`), so `lab run --help` helps too.
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  if (head.includes('--help') || head.includes('-h')) return { kind: 'help' };

  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command === 'help') {
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]!}' for 'help'`);
    return { kind: 'help' };
  }
  switch (command) {
    case 'run': {
      const p = parseTokens('run', rest);
      return {
        kind: 'run',
        file: p.positionals[0]!,
        json: p.flags.get('--json') === true,
        csv: stringFlag(p, '--csv'),
        dataDir: stringFlag(p, '--data-dir'),
        ntkMatrix: stringFlag(p, '--ntk-matrix'),
      };
    }
    case 'list':
      return { kind: 'list', dataDir: stringFlag(parseTokens('list', rest), '--data-dir') };
    case 'show': {
      const p = parseTokens('show', rest);
      return { kind: 'show', run: p.positionals[0]!, dataDir: stringFlag(p, '--data-dir') };
    }
    case 'export': {
      const p = parseTokens('export', rest);
      const csv = stringFlag(p, '--csv');
      if (csv === null) throw new UsageError("'export' needs --csv OUT.csv");
      return { kind: 'export', run: p.positionals[0]!, csv, dataDir: stringFlag(p, '--data-dir') };
    }
    default:
      throw new UsageError(
        isFlagLike(command) ? `expected a command before ${command}` : `unknown command '${command}' (run, list, show, export)`,
      );
  }
}
