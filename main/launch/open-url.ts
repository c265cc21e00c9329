/**
 * Opening a URL in the user's browser with the platform's opener. Never
 * fails: on a headless machine, or without an opener, the caller has
 * already printed the URL.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface OpenerCommand {
  command: string;
  args: string[];
}

/** The command that opens `url`, or null where there is no desktop to open it on. */
export function openerCommand(url: string, platform: NodeJS.Platform, env: Record<string, string | undefined>): OpenerCommand | null {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // rundll32 rather than `cmd /c start`: cmd would re-parse the URL (& and ^ are special to it).
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

export type Spawner = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

/** Resolves true once the opener started, false if there is none or it could not start. */
export function openUrl(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
  spawner: Spawner = spawn,
): Promise<boolean> {
  const opener = openerCommand(url, platform, env);
  if (opener === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawner(opener.command, opener.args, { detached: true, stdio: 'ignore' });
    } catch {
      resolve(false);
      return;
    }
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
