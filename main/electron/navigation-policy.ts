/**
 * The window never leaves the app: navigations are refused except a reload
 * of the same document; http(s) and mailto links open in the OS browser
 * instead; new windows are never created.
 */
export type NavigationDecision = 'allow' | 'deny' | 'open-external';

const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/** For will-navigate / will-redirect / will-frame-navigate from `currentUrl` to `targetUrl`. */
export function decideNavigation(currentUrl: string, targetUrl: string): NavigationDecision {
  if (withoutHash(currentUrl) !== null && withoutHash(currentUrl) === withoutHash(targetUrl)) return 'allow';
  return isExternal(targetUrl) ? 'open-external' : 'deny';
}

/** For setWindowOpenHandler: no new window, ever; a web link goes to the OS browser. */
export function decideWindowOpen(targetUrl: string): Exclude<NavigationDecision, 'allow'> {
  return isExternal(targetUrl) ? 'open-external' : 'deny';
}

function isExternal(url: string): boolean {
  try {
    const u = new URL(url);
    // Credentials in a link are a phishing trick, not something to hand the browser.
    return EXTERNAL_SCHEMES.has(u.protocol) && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

function withoutHash(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}
