import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { openerCommand, openUrl, type Spawner } from '../../../main/launch/open-url.js';

const url = 'http://127.0.0.1:4321/?token=abc_-';

describe('openerCommand', () => {
  it('uses open, rundll32 and xdg-open; none on a Linux box without a display', () => {
    expect(openerCommand(url, 'darwin', {})).toEqual({ command: 'open', args: [url] });
    expect(openerCommand(url, 'win32', {})).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] });
    expect(openerCommand(url, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerCommand(url, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerCommand(url, 'linux', {})).toBeNull();
  });
});

function fakeChild(outcome: 'spawn' | 'error'): Spawner {
  return () => {
    const child = Object.assign(new EventEmitter(), { unref: vi.fn() });
    setImmediate(() => (outcome === 'spawn' ? child.emit('spawn') : child.emit('error', new Error('ENOENT'))));
    return child as unknown as ChildProcess;
  };
}

describe('openUrl', () => {
  it('resolves true when the opener starts, false (never throws) when it cannot', async () => {
    expect(await openUrl(url, 'linux', { DISPLAY: ':0' }, fakeChild('spawn'))).toBe(true);
    expect(await openUrl(url, 'linux', { DISPLAY: ':0' }, fakeChild('error'))).toBe(false);
    expect(await openUrl(url, 'linux', {}, fakeChild('spawn'))).toBe(false);
    const throwing: Spawner = () => {
      throw new Error('EPERM');
    };
    expect(await openUrl(url, 'darwin', {}, throwing)).toBe(false);
  });
});
