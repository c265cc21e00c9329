/**
 * Where the renderer is loaded from. In production a privileged custom scheme
 * (as VS Code's vscode-file:) serves out/renderer, so the page has a real
 * origin for CSP 'self' and for sender checks, and file:// is never used.
 * In development electron-vite's dev server URL is the origin.
 */
export const APP_SCHEME = 'lab';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null. Written out because WHATWG
 * `URL.origin` is "null" for schemes it does not know, such as ours.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host === '' ? null : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** The origins whose pages may use the lab: ours, plus the dev server's in development. */
export function trustedOrigins(devServerUrl: string | null): string[] {
  const dev = devServerUrl !== null ? originOf(devServerUrl) : null;
  return dev !== null ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}
