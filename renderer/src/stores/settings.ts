/** Settings of this window: the theme (persisted), the host's info and its worker count. */
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Result } from '../client/lab-client.js';
import { errorMessage } from '../client/lab-client.js';
import { browserStorage } from '../util/local-storage.js';
import { useClientStore } from './client.js';

export type Theme = 'light' | 'dark';
export const THEME_KEY = 'convergence-lab.theme';

function initialTheme(): Theme {
  const saved = browserStorage()?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  const dark = typeof globalThis.matchMedia === 'function' && globalThis.matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? 'dark' : 'light';
}

export const useSettingsStore = defineStore('settings', () => {
  const clients = useClientStore();
  const theme = ref<Theme>(initialTheme());
  const info = shallowRef<Result<'app.info'> | null>(null);
  const infoError = ref<string | null>(null);
  const workers = ref<number | null>(null);
  const workersError = ref<string | null>(null);
  const savingWorkers = ref(false);

  watch(theme, (t) => {
    try {
      browserStorage()?.setItem(THEME_KEY, t);
    } catch {
      // A full or blocked storage only loses the preference.
    }
  });

  // The host may not have been reachable at startup.
  watch(
    () => clients.opened,
    () => {
      if (info.value === null) void loadInfo();
    },
  );

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }

  async function loadInfo(): Promise<void> {
    try {
      info.value = await clients.client().invoke('app.info', {});
      workers.value = info.value.workers;
      infoError.value = null;
    } catch (err) {
      infoError.value = errorMessage(err);
    }
  }

  async function setWorkers(n: number): Promise<void> {
    savingWorkers.value = true;
    try {
      const r = await clients.client().invoke('app.setWorkers', { workers: n });
      workers.value = r.workers;
      workersError.value = null;
    } catch (err) {
      workersError.value = errorMessage(err);
    } finally {
      savingWorkers.value = false;
    }
  }

  return { theme, info, infoError, workers, workersError, savingWorkers, toggleTheme, loadInfo, setWorkers };
});
