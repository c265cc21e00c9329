/**
 * The `lab` command line (SPEC.md, "The CLI"): `npm run lab -- run FILE.json`.
 * Exit codes: 0 every run ended, 2 an invalid experiment file, 1 anything else.
 */
import { parseArgs, UsageError, USAGE } from './args.js';
import { runCommand, EXIT_OTHER } from './run-command.js';

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return err.exitCode;
    }
    throw err;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'run': {
      // Ctrl-C cancels the runs in progress; what ran is still summarised.
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      return runCommand({ file: command.file, json: command.json, csv: command.csv, stdout: process.stdout, stderr: process.stderr, signal: abort.signal });
    }
    default:
      process.stderr.write(`"${command.kind}" needs the run store, which this build does not have yet\n`);
      return EXIT_OTHER;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT_OTHER;
  },
);
