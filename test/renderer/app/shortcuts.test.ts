import { describe, expect, it } from 'vitest';
import { shortcutOf } from '../../../renderer/src/app/shortcuts.js';
import { etaMs, formatDuration } from '../../../renderer/src/live/eta.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('Ctrl/Cmd+Enter runs, Ctrl/Cmd+S saves, Esc cancels', () => {
    expect(shortcutOf(key('Enter', { ctrlKey: true }))).toBe('run');
    expect(shortcutOf(key('Enter', { metaKey: true }))).toBe('run');
    expect(shortcutOf(key('s', { ctrlKey: true }))).toBe('save');
    expect(shortcutOf(key('S', { metaKey: true }))).toBe('save');
    expect(shortcutOf(key('Escape'))).toBe('cancel');
    expect(shortcutOf(key('Enter'))).toBeNull();
    expect(shortcutOf(key('s'))).toBeNull();
  });
});

describe('ETA', () => {
  it('extrapolates the time per step so far', () => {
    expect(etaMs({ step: 100, totalSteps: 400, loss: 1, elapsedMs: 2000 })).toBe(6000);
    expect(etaMs({ step: 0, totalSteps: 400, loss: null, elapsedMs: 0 })).toBeNull();
    expect(formatDuration(6000)).toBe('6.0 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(349.6)).toBe('350 ms');
    expect(formatDuration(9_960)).toBe('10 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
