/**
 * The only two IPC channels between the window and main. Kept free of imports
 * so the sandboxed preload bundles nothing but these strings.
 */
/** renderer -> main, ipcRenderer.invoke(INVOKE_CHANNEL, method, params) -> Reply. */
export const INVOKE_CHANNEL = 'lab:invoke';
/** main -> renderer, webContents.send(EVENT_CHANNEL, EventMessage). */
export const EVENT_CHANNEL = 'lab:event';
