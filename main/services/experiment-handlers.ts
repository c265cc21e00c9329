/** experiments.*: validate, start (store + queue), cancel, list, get, delete. */
import type { Handlers } from '../../core/contract/methods.js';
import { expandExperiment, validateExperiment } from '../../core/spec/index.js';
import { absoluteSource, baseDirOf } from './base-dir.js';
import { dataProblems } from './data-preflight.js';
import { invalidExperiment, storeCall } from './lab-errors.js';
import type { ServiceContext } from './service-context.js';

type ExperimentHandlers = Pick<
  Handlers,
  'experiments.validate' | 'experiments.start' | 'experiments.cancel' | 'experiments.list' | 'experiments.get' | 'experiments.delete'
>;

export function experimentHandlers(ctx: ServiceContext): ExperimentHandlers {
  const { store, events, lifecycle } = ctx;
  return {
    async 'experiments.validate'({ spec }) {
      // The data file is not read here: the designer validates on every edit, without a file location.
      const result = validateExperiment(spec);
      if (!result.ok) return { ok: false, problems: result.problems };
      return { ok: true, runs: expandExperiment(result.value).map((r) => ({ label: r.label, optimizer: r.optimizer.kind, seed: r.seed })) };
    },

    async 'experiments.start'({ spec, sourcePath }) {
      const result = validateExperiment(spec);
      if (!result.ok) throw invalidExperiment(result.problems);
      const runs = expandExperiment(result.value);
      const source = absoluteSource(sourcePath);
      const baseDir = baseDirOf(source);
      const problems = dataProblems(runs, baseDir);
      if (problems.length > 0) throw invalidExperiment(problems);
      return storeCall(() => {
        const experimentId = store.createExperiment({ name: result.value.name, spec: result.value, sourcePath: source });
        let runIds: string[];
        try {
          runIds = store.createRuns(experimentId, runs);
        } catch (err) {
          store.deleteExperiment(experimentId); // no experiment without its runs
          throw err;
        }
        lifecycle.submit(runIds, runs, baseDir);
        return { experimentId, runIds };
      });
    },

    async 'experiments.cancel'({ experimentId }) {
      return storeCall(() => {
        store.getExperiment(experimentId);
        const live = store.listRuns({ experimentId, status: ['queued', 'running'] });
        const cancelled = live.filter((r) => lifecycle.cancel(r.id)).length;
        return { cancelled };
      });
    },

    async 'experiments.list'() {
      return storeCall(() => store.listExperiments());
    },

    async 'experiments.get'({ experimentId }) {
      return storeCall(() => {
        const e = store.getExperiment(experimentId);
        return { id: e.id, name: e.name, spec: e.spec, sourcePath: e.sourcePath, createdAt: e.createdAt };
      });
    },

    async 'experiments.delete'({ experimentId }) {
      return storeCall(() => {
        const runIds = store.listRuns({ experimentId }).map((r) => r.id);
        store.deleteExperiment(experimentId);
        events.emit('runs.changed', { runIds });
        return { deleted: true as const };
      });
    },
  };
}
