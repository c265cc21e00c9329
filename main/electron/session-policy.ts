/** Session-wide rules: permissions refused (permission-policy.ts), and the CSP header on dev-server pages. */
import type { Session } from 'electron';
import { isPermissionAllowed } from './permission-policy.js';

export function hardenSession(session: Session, origins: readonly string[], devServerCsp: string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, origins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, origins));
  // Production pages get their CSP from the app scheme; the dev server's need it added.
  if (devServerCsp !== null) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devServerCsp] } });
    });
  }
}
