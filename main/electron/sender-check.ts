/**
 * Whether an IPC message may reach the lab (as VS Code's main checks every
 * sender): it must come from our window's main frame (not an iframe, not
 * another window), and that frame must show one of our origins.
 */
import { originOf } from './app-origin.js';

export interface SenderFacts {
  /** event.senderFrame?.url; null when the frame is gone. */
  frameUrl: string | null;
  /** event.senderFrame is our window's webContents.mainFrame. */
  isMainFrame: boolean;
  /** event.sender is our window's webContents. */
  isOurWindow: boolean;
}

export function isTrustedSender(facts: SenderFacts, origins: readonly string[]): boolean {
  if (!facts.isOurWindow || !facts.isMainFrame || facts.frameUrl === null) return false;
  const origin = originOf(facts.frameUrl);
  return origin !== null && origins.includes(origin);
}
