/** Keyboard shortcuts: Ctrl/Cmd+Enter runs the draft, Ctrl/Cmd+S saves it, Esc cancels. */
export type Shortcut = 'run' | 'save' | 'cancel';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function shortcutOf(e: KeyLike): Shortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && e.key === 'Enter') return 'run';
  if (mod && !e.altKey && !e.shiftKey && (e.key === 's' || e.key === 'S')) return 'save';
  if (!mod && !e.altKey && !e.shiftKey && e.key === 'Escape') return 'cancel';
  return null;
}
