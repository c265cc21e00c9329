/**
 * Holds the one LabClient of this window (set once at startup, or a fake in
 * tests) and its connection state. Other stores reach the host through
 * `useClientStore().client()`; components never do.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { ClientKind, ConnectionState, LabClient } from '../client/lab-client.js';

export const useClientStore = defineStore('client', () => {
  const current = shallowRef<LabClient | null>(null);
  const connection = ref<ConnectionState>('connecting');
  const kind = ref<ClientKind | null>(null);
  /**
   * Counts every time the connection opens: stores reload what they may have
   * missed (events sent while it was down, first loads that failed).
   */
  const opened = ref(0);
  let detach: (() => void) | null = null;

  function attach(client: LabClient): void {
    detach?.();
    current.value = markRaw(client);
    kind.value = client.kind;
    detach = client.onConnection((state) => {
      connection.value = state;
      if (state === 'open') opened.value += 1;
    });
  }

  function client(): LabClient {
    if (!current.value) throw new Error('no lab client attached (call useClientStore().attach at startup)');
    return current.value;
  }

  return { connection, kind, opened, attach, client };
});
