/** Exporting: CSV of runs from the host, figures rendered here; saved via the host's dialog or downloaded. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { errorMessage } from '../client/lab-client.js';
import { describeSave, saveFile } from '../export/save-file.js';
import { useClientStore } from './client.js';

/** How long “Downloaded …” / “Saved to …” stays on screen. */
const MESSAGE_MS = 6000;

export const useExportsStore = defineStore('exports', () => {
  const clients = useClientStore();
  const busy = ref(false);
  const message = ref<string | null>(null);
  const error = ref<string | null>(null);

  let fade: ReturnType<typeof setTimeout> | null = null;

  async function guarded(work: () => Promise<string>): Promise<void> {
    busy.value = true;
    message.value = null;
    error.value = null;
    try {
      const done = await work();
      message.value = done;
      // A note, not a state: it would otherwise follow the user to every view that shows it.
      if (fade) clearTimeout(fade);
      fade = setTimeout(() => {
        if (message.value === done) message.value = null;
      }, MESSAGE_MS);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  function exportCsv(runIds: readonly string[]): Promise<void> {
    return guarded(async () => {
      const client = clients.client();
      const { csv, filename } = await client.invoke('export.csv', { runIds: [...runIds] });
      return describeSave(await saveFile(client, filename, csv, 'utf8', 'text/csv'));
    });
  }

  /** A figure already rendered: PNG as base64, SVG as text. */
  function saveFigure(name: string, data: string, kind: 'png' | 'svg'): Promise<void> {
    return guarded(async () =>
      describeSave(await saveFile(clients.client(), name, data, kind === 'png' ? 'base64' : 'utf8', kind === 'png' ? 'image/png' : 'image/svg+xml')),
    );
  }

  return { busy, message, error, exportCsv, saveFigure };
});
