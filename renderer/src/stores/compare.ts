/**
 * The comparison: any runs from any experiments, their metrics fetched once
 * (decoded to Float64Array columns, markRaw), and how to draw them: layout,
 * x axis, y scale, smoothing, seed bands, theory overlays, metrics.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import { decodeSeries, type MetricSeries } from '../../../core/contract/series-codec.js';
import type { RunListingWire } from '../../../core/contract/records.js';
import { errorMessage } from '../client/lab-client.js';
import { diffSpecs, seedlessKey, type SpecDifference } from '../analysis/spec-diff.js';
import { displayName } from '../library/run-query.js';
import { metricColumns, type CompareRun, type Layout } from '../charts/compare-panels.js';
import type { XMode, YScale } from '../charts/axes.js';
import { createLineCache } from '../charts/line-cache.js';
import { concatSeries } from '../series/concat-series.js';
import { nextTask } from '../util/next-task.js';
import { useClientStore } from './client.js';
import { useRunsStore } from './runs.js';

const FINAL = new Set(['finished', 'diverged', 'failed', 'cancelled', 'interrupted']);

/**
 * Steps per metrics request. A run of 1,000,000 points in one reply is a
 * 45 MB text frame that held the page for ~2 s just arriving; in ranges of
 * this many steps it comes as a few ~10 MB replies with frames in between.
 */
export const STEPS_PER_REQUEST = 250_000;

/** Step ranges covering a run whose last step is `lastStep` (recorded steps are whole numbers); the last range is open. */
export function stepRanges(lastStep: number | null, per = STEPS_PER_REQUEST): { fromStep?: number; toStep?: number }[] {
  if (lastStep === null || !(lastStep >= per)) return [{}];
  const out: { fromStep?: number; toStep?: number }[] = [];
  let from = 0;
  for (; from + per <= lastStep; from += per) out.push({ fromStep: from, toStep: from + per - 1 });
  out.push({ fromStep: from });
  return out;
}

/** Names unique among the selection: the label, then `· seed N`, then the experiment. */
export function uniqueNames(listings: readonly RunListingWire[]): Map<string, string> {
  const base = (r: RunListingWire): string => displayName(r);
  const count = (f: (r: RunListingWire) => string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of listings) m.set(f(r), (m.get(f(r)) ?? 0) + 1);
    return m;
  };
  const withSeed = (r: RunListingWire): string => ((count(base).get(base(r)) ?? 0) > 1 ? `${base(r)} · seed ${r.seed}` : base(r));
  const seeded = count(withSeed);
  const out = new Map<string, string>();
  for (const r of listings) out.set(r.id, (seeded.get(withSeed(r)) ?? 0) > 1 ? `${r.experimentName} / ${withSeed(r)}` : withSeed(r));
  return out;
}

export const useCompareStore = defineStore('compare', () => {
  const clients = useClientStore();
  const runsStore = useRunsStore();
  const selected = ref<string[]>([]);
  const data = shallowRef(markRaw(new Map<string, MetricSeries>()));
  const specs = shallowRef(markRaw(new Map<string, unknown>()));
  /** Ticks when data arrives (the maps above are not reactive). */
  const version = ref(0);
  /** The charts' packed lines, kept with the data: reopening Compare does not pack a million points again. */
  const lineCache = markRaw(createLineCache());
  const loading = ref<string[]>([]);
  const errors = ref<Record<string, string>>({});

  const layout = ref<Layout>('overlay');
  const xMode = ref<XMode>('step');
  const yScale = ref<YScale>('log');
  /** EMA time constant in steps; 0 is off. */
  const tau = ref(0);
  const band = ref(false);
  const metrics = ref<string[]>(['loss']);
  const theory = ref<string[]>([]);
  let connected = false;

  const listings = computed(() => selected.value.map((id) => runsStore.byId.get(id)).filter((r): r is RunListingWire => r !== undefined));
  const names = computed(() => uniqueNames(listings.value));

  const runs = computed<CompareRun[]>(() => {
    void version.value;
    const out: CompareRun[] = [];
    for (const l of listings.value) {
      const s = data.value.get(l.id);
      if (!s) continue;
      const spec = specs.value.get(l.id);
      out.push({
        id: l.id,
        name: names.value.get(l.id) ?? l.label,
        groupKey: spec === undefined ? `${l.experimentId}\u0000${l.label}` : seedlessKey(spec),
        groupName: displayName(l),
        steps: s.steps,
        time: s.time_ms,
        columns: s.columns,
      });
    }
    return out;
  });

  const availableMetrics = computed(() => metricColumns(runs.value));
  /** Runs that recorded a theory overlay (theory_loss or ode_loss). */
  const theoryAvailable = computed(() => new Set(runs.value.filter((r) => r.columns.theory_loss || r.columns.ode_loss).map((r) => r.id)));

  /** Only the settings that differ between the selected runs. */
  const differences = computed<SpecDifference[]>(() => {
    void version.value;
    const withSpec = listings.value.filter((l) => specs.value.has(l.id));
    return diffSpecs(withSpec.map((l) => specs.value.get(l.id)));
  });
  const differenceRunIds = computed(() => {
    void version.value;
    return listings.value.filter((l) => specs.value.has(l.id)).map((l) => l.id);
  });

  async function load(runId: string): Promise<void> {
    if (loading.value.includes(runId)) return;
    loading.value = [...loading.value, runId];
    try {
      const client = clients.client();
      const listing = runsStore.byId.get(runId);
      // Only an ended run has a last step that stays put.
      const ranges = stepRanges(listing && FINAL.has(listing.status) ? listing.steps : null);
      // All sent at once; each reply is decoded as it comes, after letting the page paint.
      const parts = ranges.map((r) =>
        client.invoke('runs.metrics', { runId, ...r }).then(async (encoded) => {
          await nextTask();
          return decodeSeries(encoded);
        }),
      );
      const [series, run] = await Promise.all([Promise.all(parts), client.invoke('runs.get', { runId })]);
      data.value.set(runId, concatSeries(series));
      specs.value.set(runId, run.spec);
      const { [runId]: _, ...rest } = errors.value;
      errors.value = rest;
      version.value++;
    } catch (err) {
      errors.value = { ...errors.value, [runId]: errorMessage(err) };
    } finally {
      loading.value = loading.value.filter((id) => id !== runId);
    }
  }

  watch(
    selected,
    (ids) => {
      for (const id of ids) if (!data.value.has(id)) void load(id);
      // Keep only what is selected: a comparison may hold millions of points.
      for (const id of [...data.value.keys()]) {
        if (ids.includes(id)) continue;
        data.value.delete(id);
        specs.value.delete(id);
      }
      theory.value = theory.value.filter((id) => ids.includes(id));
      version.value++;
    },
    { deep: true },
  );

  // A deleted run leaves the comparison.
  watch(
    () => runsStore.byId,
    (byId) => {
      if (runsStore.loaded) {
        const kept = selected.value.filter((id) => byId.has(id));
        if (kept.length !== selected.value.length) selected.value = kept;
      }
    },
  );

  // Metrics picked that no selected run has any more fall away; loss stays the default.
  watch(availableMetrics, (avail) => {
    if (avail.length === 0) return;
    const kept = metrics.value.filter((m) => avail.includes(m));
    metrics.value = kept.length > 0 ? kept : [avail[0]!];
  });

  function connect(): void {
    if (connected) return;
    connected = true;
    // A selected run that was still running: reload it once it ends.
    clients.client().on('run.state', (l) => {
      if (selected.value.includes(l.id) && FINAL.has(l.status)) void load(l.id);
    });
  }

  function select(ids: readonly string[]): void {
    selected.value = [...new Set(ids)];
  }
  function add(ids: readonly string[]): void {
    select([...selected.value, ...ids]);
  }
  function remove(id: string): void {
    selected.value = selected.value.filter((x) => x !== id);
  }
  function toggleTheory(id: string): void {
    theory.value = theory.value.includes(id) ? theory.value.filter((x) => x !== id) : [...theory.value, id];
  }
  function toggleMetric(m: string): void {
    metrics.value = metrics.value.includes(m) ? metrics.value.filter((x) => x !== m) : [...metrics.value, m];
  }

  return {
    selected,
    version,
    lineCache,
    loading,
    errors,
    layout,
    xMode,
    yScale,
    tau,
    band,
    metrics,
    theory,
    listings,
    names,
    runs,
    availableMetrics,
    theoryAvailable,
    differences,
    differenceRunIds,
    connect,
    load,
    select,
    add,
    remove,
    toggleTheory,
    toggleMetric,
  };
});
