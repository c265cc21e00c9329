/** Entry of `npm run serve` (see serve-command.ts and serve-args.ts). */
import { parseServeArgs, SERVE_USAGE, ServeUsageError } from './serve-args.js';
import { runServe } from './serve-command.js';

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseServeArgs(argv);
  } catch (err) {
    if (!(err instanceof ServeUsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${SERVE_USAGE}\n`);
    return 1;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  return runServe(command.options);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`serve: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
