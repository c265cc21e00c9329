/** Startup: pick the client (Electron, WebSocket or the demo fake), attach it to the stores, mount. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { config as zodConfig } from 'zod';
import App from './App.vue';
import { pickClient } from './client/pick-client.js';
import { useClientStore } from './stores/client.js';
import { useRunsStore } from './stores/runs.js';
import { useLiveStore } from './stores/live.js';
import { useCompareStore } from './stores/compare.js';
import { useSettingsStore } from './stores/settings.js';
import { useExperimentsStore } from './stores/experiments.js';
import './styles/base.css';

// zod compiles parsers with `new Function` when it may; the CSP forbids eval, so ask it not to try.
zodConfig({ jitless: true });

async function start(): Promise<void> {
  const client = await pickClient(window);
  const app = createApp(App);
  app.use(createPinia());
  useClientStore().attach(client);
  useRunsStore().connect();
  useLiveStore().connect();
  useCompareStore().connect();
  useExperimentsStore().connect();
  void useSettingsStore().loadInfo();
  app.mount('#app');
}

void start();
