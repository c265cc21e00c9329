/**
 * The runs library: every stored run's listing, kept current from run.state
 * and runs.changed events; filters and sort applied locally (instant); the
 * edits (rename, tag, note, delete, re-run) go to the host.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { RunListingWire } from '../../../core/contract/records.js';
import { errorMessage } from '../client/lab-client.js';
import { emptyQuery, queryRuns, type RunQuery } from '../library/run-query.js';
import { fresher } from '../library/listing-order.js';
import { useClientStore } from './client.js';

export const useRunsStore = defineStore('runs', () => {
  const clients = useClientStore();
  const runs = shallowRef<RunListingWire[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const query = reactive<RunQuery>(emptyQuery());
  /** Checked rows (for compare and CSV export). */
  const checked = ref<string[]>([]);
  /** Per-run error of the last edit, shown in that row. */
  const rowErrors = ref<Record<string, string>>({});
  let connected = false;
  let refreshing: Promise<void> | null = null;
  let again = false;

  const visible = computed(() => queryRuns(runs.value, query));
  const byId = computed(() => new Map(runs.value.map((r) => [r.id, r])));
  const tags = computed(() => [...new Set(runs.value.flatMap((r) => r.tags))].sort());
  const optimizers = computed(() => [...new Set(runs.value.map((r) => r.optimizer))].sort());
  const experiments = computed(() => {
    const m = new Map<string, string>();
    for (const r of runs.value) m.set(r.experimentId, r.experimentName);
    return [...m.entries()].map(([id, name]) => ({ id, name }));
  });

  /** Reload the list; calls during a reload coalesce into one more. */
  function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      loading.value = true;
      try {
        do {
          again = false;
          const fetched = await clients.client().invoke('runs.list', {});
          const current = byId.value;
          runs.value = fetched.map((r) => fresher(current.get(r.id), r));
          loaded.value = true;
          error.value = null;
        } while (again);
        const ids = new Set(runs.value.map((r) => r.id));
        checked.value = checked.value.filter((id) => ids.has(id));
      } catch (err) {
        error.value = `Could not load the runs: ${errorMessage(err)}`;
      } finally {
        loading.value = false;
        refreshing = null;
      }
    })();
    return refreshing;
  }

  function upsert(listing: RunListingWire): void {
    const i = runs.value.findIndex((r) => r.id === listing.id);
    runs.value = i < 0 ? [listing, ...runs.value] : runs.value.map((r, k) => (k === i ? fresher(r, listing) : r));
  }

  // Events sent while the socket was down are lost: reload the list.
  watch(
    () => clients.opened,
    () => {
      if (connected) void refresh();
    },
  );

  /** Subscribe to the host's events once; called at startup. */
  function connect(): void {
    if (connected) return;
    connected = true;
    const client = clients.client();
    client.on('run.state', upsert);
    client.on('runs.changed', () => void refresh());
    void refresh();
  }

  async function edit(runId: string, work: () => Promise<unknown>): Promise<boolean> {
    const { [runId]: _, ...rest } = rowErrors.value;
    rowErrors.value = rest;
    try {
      await work();
      await refresh();
      return true;
    } catch (err) {
      rowErrors.value = { ...rowErrors.value, [runId]: errorMessage(err) };
      return false;
    }
  }

  const rename = (runId: string, name: string): Promise<boolean> =>
    edit(runId, () => clients.client().invoke('runs.rename', { runId, name: name.trim() === '' ? null : name.trim() }));
  const setTags = (runId: string, tagList: string[]): Promise<boolean> =>
    edit(runId, () => clients.client().invoke('runs.tag', { runId, tags: [...new Set(tagList.map((t) => t.trim()).filter((t) => t !== ''))] }));
  const setNote = (runId: string, note: string): Promise<boolean> => edit(runId, () => clients.client().invoke('runs.note', { runId, note }));
  const remove = (runId: string): Promise<boolean> => edit(runId, () => clients.client().invoke('runs.delete', { runId }));

  async function rerun(runId: string): Promise<{ experimentId: string; runIds: string[] } | null> {
    let result: { experimentId: string; runIds: string[] } | null = null;
    await edit(runId, async () => {
      result = await clients.client().invoke('runs.rerun', { runId });
    });
    return result;
  }

  function toggleChecked(runId: string): void {
    checked.value = checked.value.includes(runId) ? checked.value.filter((id) => id !== runId) : [...checked.value, runId];
  }

  function setSort(key: RunQuery['sortKey']): void {
    if (query.sortKey === key) query.sortDir = query.sortDir === 'asc' ? 'desc' : 'asc';
    else {
      query.sortKey = key;
      // Losses, steps and rates read best smallest first; dates newest first.
      query.sortDir = key === 'createdAt' ? 'desc' : 'asc';
    }
  }

  function resetQuery(): void {
    Object.assign(query, emptyQuery());
  }

  return {
    runs,
    loaded,
    loading,
    error,
    query,
    checked,
    rowErrors,
    visible,
    byId,
    tags,
    optimizers,
    experiments,
    refresh,
    connect,
    upsert,
    rename,
    setTags,
    setNote,
    remove,
    rerun,
    toggleChecked,
    setSort,
    resetQuery,
  };
});
