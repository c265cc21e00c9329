/** runs.*: list, get, metrics, cancel, delete, rename, tag, note, rerun. */
import type { Handlers } from '../../core/contract/methods.js';
import { encodeSeries } from '../../core/contract/series-codec.js';
import { absoluteSource, baseDirOf } from './base-dir.js';
import { dataProblems } from './data-preflight.js';
import { invalidExperiment, storeCall } from './lab-errors.js';
import { rerunExperiment, rerunNote } from './rerun.js';
import type { ServiceContext } from './service-context.js';
import { wireListing } from './wire-listing.js';

type RunHandlers = Pick<
  Handlers,
  'runs.list' | 'runs.get' | 'runs.metrics' | 'runs.cancel' | 'runs.delete' | 'runs.rename' | 'runs.tag' | 'runs.note' | 'runs.rerun'
>;

export function runHandlers(ctx: ServiceContext): RunHandlers {
  const { store, events, lifecycle } = ctx;
  const changed = (runId: string): void => events.emit('runs.changed', { runIds: [runId] });
  return {
    async 'runs.list'(filter) {
      return storeCall(() => store.listRuns(filter).map(wireListing));
    },

    async 'runs.get'({ runId }) {
      return storeCall(() => {
        const run = store.getRun(runId);
        return { ...wireListing(run), spec: run.spec };
      });
    },

    async 'runs.metrics'({ runId, columns, fromStep, toStep }) {
      return storeCall(() =>
        encodeSeries(
          store.getMetrics(runId, {
            ...(columns !== undefined ? { columns } : {}),
            ...(fromStep !== undefined ? { fromStep } : {}),
            ...(toStep !== undefined ? { toStep } : {}),
          }),
        ),
      );
    },

    async 'runs.cancel'({ runId }) {
      return storeCall(() => {
        store.getRun(runId); // not_found for an unknown id
        // A run queued or running in another process (the CLI, say) is not ours to stop.
        return { cancelled: lifecycle.cancel(runId) };
      });
    },

    async 'runs.delete'({ runId }) {
      return storeCall(() => {
        store.deleteRun(runId);
        changed(runId);
        return { deleted: true as const };
      });
    },

    async 'runs.rename'({ runId, name }) {
      return storeCall(() => {
        store.renameRun(runId, name);
        changed(runId);
        return { ok: true as const };
      });
    },

    async 'runs.tag'({ runId, tags }) {
      return storeCall(() => {
        store.setTags(runId, tags);
        changed(runId);
        return { ok: true as const };
      });
    },

    async 'runs.note'({ runId, note }) {
      return storeCall(() => {
        store.setNote(runId, note);
        changed(runId);
        return { ok: true as const };
      });
    },

    async 'runs.rerun'({ runId }) {
      return storeCall(() => {
        const run = store.getRun(runId);
        const original = store.getExperiment(run.experimentId);
        const source = absoluteSource(original.sourcePath);
        const baseDir = baseDirOf(source);
        const problems = dataProblems([run.spec], baseDir);
        if (problems.length > 0) throw invalidExperiment(problems);
        const experiment = rerunExperiment(run);
        const experimentId = store.createExperiment({ name: experiment.name, spec: experiment, sourcePath: source });
        const runIds = store.createRuns(experimentId, [run.spec]);
        store.setNote(runIds[0]!, rerunNote(run, run.spec, baseDir));
        lifecycle.submit(runIds, [run.spec], baseDir);
        return { experimentId, runIds };
      });
    },
  };
}
