/**
 * Which process owns a queued or running run. Opening the store marks runs
 * `interrupted` only when their owner is gone: the app and the CLI may have
 * the same data folder open at once, and `npm run lab -- list` must not
 * interrupt the app's live runs.
 *
 * A WAL database is only shared through memory on one machine, so a live owner
 * is always on this host; an owner on another host (a copied or synced folder)
 * is gone. On this host, the owner is alive while its pid exists (or, in this
 * very process, while its RunStore is open). A pid reused by an unrelated
 * process keeps its runs `running` until that process exits: a rare and
 * harmless mistake, where the opposite mistake would lose live runs.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface RunOwner {
  host: string;
  pid: number;
  session: string;
}

/** Sessions of RunStores open in this process. */
const liveSessions = new Set<string>();

export function startSession(): RunOwner {
  const owner = { host: hostname(), pid: process.pid, session: randomUUID() };
  liveSessions.add(owner.session);
  return owner;
}

export function endSession(owner: RunOwner): void {
  liveSessions.delete(owner.session);
}

export function isOwnerAlive(host: string | null, pid: number | null, session: string | null): boolean {
  if (host === null || pid === null || session === null) return false;
  if (host !== hostname()) return false;
  if (pid === process.pid) return liveSessions.has(session);
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const INTERRUPTED_REASON = 'the lab stopped while this run was in progress';
