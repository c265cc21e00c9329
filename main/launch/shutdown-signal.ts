/**
 * Resolves on the first SIGINT or SIGTERM so the caller can close cleanly;
 * a second one while closing exits at once (a stuck close never traps the user).
 */
export function untilShutdownSignal(onForce: () => void = () => process.exit(130)): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals): void => {
      if (received) return onForce();
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
