/**
 * Runs in progress: their listing, progress, and metrics appended as batches
 * arrive into growable Float64Array columns (markRaw: Vue never walks them).
 * `version` ticks on every append; charts redraw from it at most once a frame.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, triggerRef, watch } from 'vue';
import type { RunListingWire } from '../../../core/contract/records.js';
import { decodeSeries, type MetricSeries } from '../../../core/contract/series-codec.js';
import type { EventPayload } from '../../../core/contract/events.js';
import { errorMessage } from '../client/lab-client.js';
import { GrowableSeries } from '../series/growable-series.js';
import type { Progress } from '../live/eta.js';
import { fresher } from '../library/listing-order.js';
import { createLineCache } from '../charts/line-cache.js';
import { useClientStore } from './client.js';

export interface LiveRun {
  listing: RunListingWire;
  progress: Progress | null;
}

const ACTIVE = new Set(['queued', 'running']);

export const useLiveStore = defineStore('live', () => {
  const clients = useClientStore();
  /** Tracked runs in the order they appeared. */
  const runs = ref<Record<string, LiveRun>>({});
  const order = ref<string[]>([]);
  /** Metric columns per run: plain objects outside reactivity. */
  const series = shallowRef(markRaw(new Map<string, GrowableSeries>()));
  const version = ref(0);
  /** The charts' packed lines: each redraw packs only the rows that arrived, even after switching views. */
  const lineCache = markRaw(createLineCache());
  const errors = ref<Record<string, string>>({});
  const error = ref<string | null>(null);
  let connected = false;
  const backfilled = new Set<string>();

  const list = computed(() => order.value.map((id) => runs.value[id]).filter((r): r is LiveRun => r !== undefined));
  const activeCount = computed(() => list.value.filter((r) => ACTIVE.has(r.listing.status)).length);
  const experiments = computed(() => {
    const groups = new Map<string, { id: string; name: string; runs: LiveRun[] }>();
    for (const r of list.value) {
      const g = groups.get(r.listing.experimentId) ?? { id: r.listing.experimentId, name: r.listing.experimentName, runs: [] };
      g.runs.push(r);
      groups.set(g.id, g);
    }
    return [...groups.values()];
  });

  function seriesOf(runId: string): GrowableSeries | null {
    return series.value.get(runId) ?? null;
  }

  function track(listing: RunListingWire): void {
    const existing = runs.value[listing.id];
    if (existing) existing.listing = fresher(existing.listing, listing);
    else {
      runs.value[listing.id] = { listing, progress: null };
      order.value.push(listing.id);
    }
  }

  function onState(listing: RunListingWire): void {
    if (ACTIVE.has(listing.status) || runs.value[listing.id]) track(listing);
  }

  function onProgress(p: EventPayload<'run.progress'>): void {
    const r = runs.value[p.runId];
    if (r) r.progress = { step: p.step, totalSteps: p.totalSteps, loss: p.loss, elapsedMs: p.elapsedMs };
  }

  function appendTo(runId: string, s: MetricSeries): void {
    let g = series.value.get(runId);
    if (!g) {
      g = markRaw(new GrowableSeries());
      series.value.set(runId, g);
    }
    if (g.append(s) > 0) version.value++;
  }

  function onMetrics(p: EventPayload<'run.metrics'>): void {
    let decoded: MetricSeries;
    try {
      decoded = decodeSeries(p.series);
    } catch (err) {
      console.warn(`dropped a metrics batch of ${p.runId}`, err);
      return;
    }
    if (!runs.value[p.runId]) void adopt(p.runId);
    const g = series.value.get(p.runId);
    // Joined mid-run (reload, reconnect): fetch what came before this batch.
    const missedStart = (!g || g.length === 0) && decoded.steps.length > 0 && decoded.steps[0]! > 0;
    appendTo(p.runId, decoded);
    if (missedStart) void backfill(p.runId);
  }

  /** A batch for a run this window did not know: fetch its listing. */
  async function adopt(runId: string): Promise<void> {
    try {
      const { spec: _spec, ...listing } = await clients.client().invoke('runs.get', { runId });
      track(listing);
    } catch {
      // Deleted in the meantime: nothing to show.
    }
  }

  async function backfill(runId: string): Promise<void> {
    if (backfilled.has(runId)) return;
    backfilled.add(runId);
    try {
      const full = decodeSeries(await clients.client().invoke('runs.metrics', { runId }));
      series.value.set(runId, markRaw(GrowableSeries.merged(full, series.value.get(runId) ?? null)));
      version.value++;
    } catch (err) {
      errors.value = { ...errors.value, [runId]: `Could not load earlier metrics: ${errorMessage(err)}` };
    }
  }

  /** Pick up runs already queued or running on the host (at startup, after a reconnect). */
  async function resync(): Promise<void> {
    try {
      const active = await clients.client().invoke('runs.list', { status: ['queued', 'running'] });
      for (const l of active) {
        track(l);
        if (l.status === 'running') {
          backfilled.delete(l.id);
          void backfill(l.id);
        }
      }
      // Runs that ended while we were away: refresh their listing.
      for (const r of list.value) {
        if (ACTIVE.has(r.listing.status) && !active.some((a) => a.id === r.listing.id)) void adopt(r.listing.id);
      }
      error.value = null;
    } catch (err) {
      error.value = `Could not load running runs: ${errorMessage(err)}`;
    }
  }

  watch(
    () => clients.opened,
    () => {
      if (connected) void resync();
    },
  );

  function connect(): void {
    if (connected) return;
    connected = true;
    const client = clients.client();
    client.on('run.state', onState);
    client.on('run.progress', onProgress);
    client.on('run.metrics', onMetrics);
    void resync();
  }

  /** Show the runs of a just-started experiment before their first event arrives. */
  function expect(runIds: readonly string[]): void {
    for (const runId of runIds) if (!runs.value[runId]) void adopt(runId);
  }

  async function cancelRun(runId: string): Promise<void> {
    try {
      await clients.client().invoke('runs.cancel', { runId });
      const { [runId]: _, ...rest } = errors.value;
      errors.value = rest;
    } catch (err) {
      errors.value = { ...errors.value, [runId]: `Could not cancel: ${errorMessage(err)}` };
    }
  }

  async function cancelExperiment(experimentId: string): Promise<void> {
    try {
      await clients.client().invoke('experiments.cancel', { experimentId });
      error.value = null;
    } catch (err) {
      error.value = `Could not cancel the experiment: ${errorMessage(err)}`;
    }
  }

  /** Forget runs that have ended (their data stays in the library). */
  function clearEnded(): void {
    const keep = order.value.filter((id) => {
      const r = runs.value[id];
      return r !== undefined && ACTIVE.has(r.listing.status);
    });
    for (const id of order.value) {
      if (keep.includes(id)) continue;
      delete runs.value[id];
      series.value.delete(id);
      backfilled.delete(id);
    }
    order.value = keep;
    triggerRef(series);
    version.value++;
  }

  /** The newest experiment that still has active runs (Esc cancels it). */
  const latestActiveExperiment = computed(() => {
    for (let i = list.value.length - 1; i >= 0; i--) {
      const r = list.value[i]!;
      if (ACTIVE.has(r.listing.status)) return { id: r.listing.experimentId, name: r.listing.experimentName };
    }
    return null;
  });

  return {
    runs,
    order,
    list,
    version,
    lineCache,
    errors,
    error,
    activeCount,
    experiments,
    latestActiveExperiment,
    seriesOf,
    connect,
    resync,
    expect,
    cancelRun,
    cancelExperiment,
    clearEnded,
  };
});
