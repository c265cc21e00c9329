/**
 * The `lab` command line (SPEC.md, "The CLI"): `npm run lab -- run FILE.json`,
 * `list`, `show RUN`, `export RUN --csv OUT`, all on the app's data folder
 * (or --data-dir). Exit codes: 0 every run ended, 2 an invalid experiment
 * file, 1 anything else.
 */
import { parseArgs, UsageError, USAGE, type LabCommand } from './args.js';
import { EXIT_OTHER } from './exit-codes.js';
import { runCommand } from './run-command.js';
import { exportCommand, listCommand, showCommand } from './store-commands.js';

async function main(argv: string[]): Promise<number> {
  let command: LabCommand;
  try {
    command = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return err.exitCode;
    }
    throw err;
  }
  const io = { stdout: process.stdout, stderr: process.stderr, dataDir: 'dataDir' in command ? command.dataDir : null };
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'run': {
      // Ctrl-C cancels the runs in progress; what ran is still summarised. A second Ctrl-C ends the lab at once.
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      return runCommand({ ...io, file: command.file, json: command.json, csv: command.csv, ntkMatrix: command.ntkMatrix, signal: abort.signal });
    }
    case 'list':
      return listCommand(io);
    case 'show':
      return showCommand({ ...io, run: command.run });
    case 'export':
      return exportCommand({ ...io, run: command.run, csv: command.csv });
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
