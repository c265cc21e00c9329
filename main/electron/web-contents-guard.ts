/**
 * Applied to every webContents the app creates: no navigation away, no new
 * windows, no <webview>; web links go to the OS browser.
 */
import { shell, type WebContents } from 'electron';
import { decideNavigation, decideWindowOpen } from './navigation-policy.js';

export function guardWebContents(contents: WebContents, log: (line: string) => void): void {
  const onNavigate = (event: { preventDefault(): void; url: string }): void => {
    const decision = decideNavigation(contents.getURL(), event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(event.url);
    else log(`refused navigation to ${event.url}`);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  // will-navigate sees the main frame only: a subframe (an iframe, should one ever load) gets the same policy.
  // It is refused outright, never opened in the OS browser: no page of ours navigates a frame to the web.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || decideNavigation(contents.getURL(), event.url) === 'allow') return;
    event.preventDefault();
    log(`refused frame navigation to ${event.url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
