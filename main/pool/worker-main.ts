/**
 * Entry of a worker process (one per running run), started by the pool with
 * `child_process.fork` under Node or `utilityProcess.fork` under Electron.
 */
import { openParentPort } from './worker-port.js';
import { runWorker } from './worker-runner.js';

const port = openParentPort();

// Say why in a message the host can show, rather than only a stack trace on stderr.
process.on('uncaughtException', (err) => {
  void port.send({ type: 'error', message: `worker crashed: ${err instanceof Error ? err.message : String(err)}` });
  port.exit(1);
});

// Ctrl-C in a terminal reaches the whole process group: the host decides (it sends `cancel`), not the signal.
process.on('SIGINT', () => undefined);

runWorker(port);
