import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuOptions } from '../../../main/electron/app-menu.js';

type MockActions = { [K in keyof MenuActions]: Mock<MenuActions[K]> };

function actions(): MockActions {
  return {
    openExperiment: vi.fn<MenuActions['openExperiment']>(),
    toRenderer: vi.fn<MenuActions['toRenderer']>(),
    openDocumentation: vi.fn<MenuActions['openDocumentation']>(),
    setTheme: vi.fn<MenuActions['setTheme']>(),
    showAbout: vi.fn<MenuActions['showAbout']>(),
  };
}

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return { platform: 'linux', appName: 'Convergence Lab', isDev: false, theme: 'system', actions: actions(), ...overrides };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function item(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = flatten(template).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

function click(i: MenuItemConstructorOptions): void {
  (i.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Window and Help (and the app menu first on macOS)', () => {
    const linux = buildMenuTemplate(options());
    expect(linux.map((i) => i.label ?? i.role)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    const mac = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(mac.map((i) => i.label ?? i.role)).toEqual(['Convergence Lab', '&File', 'editMenu', '&View', 'windowMenu', 'help']);
  });

  it('routes File and Help items: open and the user guide in main, save/new to the renderer', () => {
    const o = options();
    const a = o.actions as MockActions;
    const t = buildMenuTemplate(o);
    click(item(t, 'Open Experiment…'));
    expect(a.openExperiment).toHaveBeenCalledOnce();
    click(item(t, 'Save Experiment…'));
    click(item(t, 'New Experiment'));
    click(item(t, 'User Guide'));
    expect(a.toRenderer.mock.calls).toEqual([['save-experiment'], ['new-experiment']]);
    expect(a.openDocumentation).toHaveBeenCalledTimes(1);
    click(item(t, 'About Convergence Lab'));
    expect(a.showAbout).toHaveBeenCalledOnce();
    expect(item(t, 'Open Experiment…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(t, 'Save Experiment…').accelerator).toBe('CmdOrCtrl+S');
  });

  it('offers quit in File, except on macOS where it lives in the app menu', () => {
    const roles = (t: MenuItemConstructorOptions[]) => flatten(t).map((i) => i.role);
    expect(roles(buildMenuTemplate(options()))).toContain('quit');
    const mac = buildMenuTemplate(options({ platform: 'darwin' }));
    expect((mac[0]!.submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'quit')).toBe(true);
    expect((mac[1]!.submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'quit')).toBe(false);
  });

  it('has reload and developer tools only in development; zoom always', () => {
    const roles = (t: MenuItemConstructorOptions[]) => flatten(t).map((i) => i.role);
    expect(roles(buildMenuTemplate(options()))).not.toContain('reload');
    expect(roles(buildMenuTemplate(options()))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(options({ isDev: true })))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(buildMenuTemplate(options()))).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('shows the theme as radio items and sets it', () => {
    const o = options({ theme: 'dark' });
    const t = buildMenuTemplate(o);
    expect(item(t, 'Dark').checked).toBe(true);
    expect(item(t, 'Light').checked).toBe(false);
    click(item(t, 'Light'));
    expect((o.actions as MockActions).setTheme).toHaveBeenCalledWith('light');
  });
});
