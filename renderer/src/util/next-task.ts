/** Resolves in a later task, so the browser may paint a frame in between (a long job split in two). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
