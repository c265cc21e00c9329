import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, USAGE } from '../../../main/cli/args.js';

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('parses run with defaults', () => {
    expect(parseArgs(['run', 'exp.json'])).toEqual({
      kind: 'run',
      file: 'exp.json',
      json: false,
      csv: null,
      dataDir: null,
      ntkMatrix: null,
    });
  });

  it('parses run with every option, in any order, spaced or with =', () => {
    expect(
      parseArgs(['run', '--csv', 'out.csv', 'exp.json', '--json', '--data-dir=/tmp/d', '--ntk-matrix', 'ntk.json']),
    ).toEqual({ kind: 'run', file: 'exp.json', json: true, csv: 'out.csv', dataDir: '/tmp/d', ntkMatrix: 'ntk.json' });
  });

  it('takes a value with an = sign in it, and a FILE after --', () => {
    expect(parseArgs(['run', '--csv=a=b.csv', '--', '--weird.json'])).toMatchObject({
      file: '--weird.json',
      csv: 'a=b.csv',
    });
  });

  it('parses list, show and export', () => {
    expect(parseArgs(['list'])).toEqual({ kind: 'list', dataDir: null });
    expect(parseArgs(['list', '--data-dir', 'd'])).toEqual({ kind: 'list', dataDir: 'd' });
    expect(parseArgs(['show', 'r-12'])).toEqual({ kind: 'show', run: 'r-12', dataDir: null });
    expect(parseArgs(['export', 'r-12', '--csv', 'o.csv'])).toEqual({
      kind: 'export',
      run: 'r-12',
      csv: 'o.csv',
      dataDir: null,
    });
  });

  it('--help anywhere, -h, and help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['run', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['run', 'x.json', '--bogus', '--help'])).toEqual({ kind: 'help' });
  });

  it('reports usage errors clearly, with exit code 1', () => {
    const cases: [string[], RegExp][] = [
      [[], /no command/],
      [['train', 'x.json'], /unknown command 'train'/],
      [['--json', 'run'], /expected a command before --json/],
      [['run'], /'run' needs FILE\.json/],
      [['run', 'a.json', 'b.json'], /unexpected argument 'b\.json'/],
      [['run', 'a.json', '--bogus'], /unknown option --bogus for 'run' \(allowed: --json, --csv/],
      [['run', 'a.json', '-x'], /unknown option -x/],
      [['run', 'a.json', '--csv'], /--csv needs a value/],
      [['run', 'a.json', '--csv', '--json'], /--csv needs a value/],
      [['run', 'a.json', '--csv='], /--csv needs a value/],
      [['run', 'a.json', '--json=yes'], /--json takes no value/],
      [['run', 'a.json', '--csv', 'a', '--csv', 'b'], /--csv given more than once/],
      [['list', 'extra'], /unexpected argument 'extra' for 'list'/],
      [['list', '--json'], /unknown option --json for 'list'/],
      [['show'], /'show' needs RUN/],
      [['export', 'r1'], /'export' needs --csv OUT\.csv/],
      [['export', '--csv', 'o.csv'], /'export' needs RUN/],
      [['export', 'r1', '--csv', 'o.csv', '--json'], /unknown option --json for 'export'/],
      [['help', 'run'], /unexpected argument 'run' for 'help'/],
    ];
    for (const [argv, message] of cases) {
      const err = usageError(argv);
      expect(err.message, argv.join(' ')).toMatch(message);
      expect(err.exitCode).toBe(1);
    }
  });

  it('the usage text names every command and option', () => {
    for (const word of ['run FILE.json', 'list', 'show RUN', 'export RUN --csv', '--json', '--csv', '--data-dir', '--ntk-matrix', '--help']) {
      expect(USAGE).toContain(word);
    }
  });
});
