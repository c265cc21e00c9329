/**
 * The designer's draft experiment: edited field by field from the generated
 * form (or as JSON), validated on every change with core's validateExperiment
 * for instant inline messages, validated again by the host on Run.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { validateExperiment } from '../../../core/spec/validate.js';
import { expandExperiment } from '../../../core/spec/expand.js';
import type { SpecProblem } from '../../../core/spec/problems.js';
import { experimentSchema, optimizerSchema } from '../../../core/spec/schema.js';
import { errorMessage, LabClientError, plainJson } from '../client/lab-client.js';
import { setAt, type Path } from '../form/draft-path.js';
import { walkSchema } from '../form/schema-walk.js';
import { duplicated, moved, newItem } from '../form/list-items.js';
import { PRESETS, type Preset } from '../presets.js';
import { describeSave, fileNameOf, saveFile } from '../export/save-file.js';
import { useClientStore } from './client.js';
import { useNavStore } from './nav.js';

export type Draft = Record<string, unknown>;

export function blankDraft(): Draft {
  return {
    version: 1,
    name: 'Untitled experiment',
    seed: 0,
    data: { kind: 'gaussian', n: 32, d: 16 },
    model: { hidden: [256] },
    train: { steps: 1000, record: { every: 10 } },
    optimizers: [{ label: 'GD', kind: 'gd', lr: 0.1 }],
    metrics: ['loss', 'grad_norm'],
  };
}

/** The optimizer entry's form node: new entries are built from the schema, as the form's are. */
const OPTIMIZER_NODE = walkSchema(optimizerSchema);

export const OPTIMIZER_KIND_VALUES: readonly string[] = OPTIMIZER_NODE.type === 'variant' ? OPTIMIZER_NODE.variants.map((v) => v.value) : [];

export const useExperimentsStore = defineStore('experiments', () => {
  const clients = useClientStore();
  const nav = useNavStore();
  let connected = false;
  const draft = ref<Draft>(blankDraft());
  const fileName = ref<string | null>(null);
  /** Where the file came from (Electron's menu gives it): the host resolves relative CSV paths against it. */
  const sourcePath = ref<string | null>(null);
  const presetId = ref<string | null>(null);
  const fileError = ref<string | null>(null);
  const hostProblems = shallowRef<SpecProblem[]>([]);
  const runError = ref<string | null>(null);
  const starting = ref(false);
  const saveMessage = ref<string | null>(null);
  const saveError = ref<string | null>(null);

  const validation = computed(() => validateExperiment(draft.value));
  /** Local problems; after a refused Run, the host's too (they may know more, e.g. about a CSV file). */
  const problems = computed<SpecProblem[]>(() => {
    const local = validation.value.ok ? [] : validation.value.problems;
    const seen = new Set(local.map((p) => `${p.path}\u0000${p.message}`));
    return [...local, ...hostProblems.value.filter((p) => !seen.has(`${p.path}\u0000${p.message}`))];
  });
  const problemsByPath = computed(() => {
    const map = new Map<string, string[]>();
    for (const p of problems.value) map.set(p.path, [...(map.get(p.path) ?? []), p.message]);
    return map;
  });
  const valid = computed(() => problems.value.length === 0);
  /** How many runs Run would start (optimizers × sweep points × seeds). */
  const runCount = computed(() => (validation.value.ok ? expandExperiment(validation.value.value).length : 0));
  const json = computed(() => JSON.stringify(draft.value, null, 2));

  // The host's verdict was about an older draft.
  watch(draft, () => {
    hostProblems.value = [];
    runError.value = null;
  }, { deep: true });

  function setField(path: Path, value: unknown): void {
    setAt(draft.value, path, value);
  }

  function replaceDraft(next: Draft, opts: { fileName?: string | null; sourcePath?: string | null; presetId?: string | null } = {}): void {
    draft.value = plainJson(next);
    fileName.value = opts.fileName ?? null;
    sourcePath.value = opts.sourcePath ?? null;
    presetId.value = opts.presetId ?? null;
    fileError.value = null;
  }

  function newDraft(): void {
    replaceDraft(blankDraft());
  }

  function loadPreset(id: string): void {
    const preset: Preset | undefined = PRESETS.find((p) => p.id === id);
    if (preset) replaceDraft(preset.spec, { presetId: id, fileName: `${id}.json` });
  }

  /** An experiment file's text; an invalid experiment still loads (its problems show), bad JSON does not. */
  function openText(text: string, name: string | null, path: string | null = null): boolean {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      fileError.value = `${name ?? 'The file'} is not JSON: ${err instanceof Error ? err.message : String(err)}`;
      return false;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      fileError.value = `${name ?? 'The file'} does not hold an experiment (a JSON object)`;
      return false;
    }
    replaceDraft(parsed as Draft, { fileName: name, sourcePath: path });
    return true;
  }

  /** The JSON view's text; returns the parse error, if any (the draft is kept then). */
  function applyJson(text: string): string | null {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'an experiment is a JSON object';
      draft.value = parsed as Draft;
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  async function save(): Promise<void> {
    saveError.value = null;
    saveMessage.value = null;
    const name = fileName.value ?? fileNameOf(String(draft.value.name ?? 'experiment'), 'json');
    try {
      const outcome = await saveFile(clients.client(), name, `${json.value}\n`, 'utf8', 'application/json');
      saveMessage.value = describeSave(outcome);
      if (outcome.kind === 'saved' && outcome.path) sourcePath.value = outcome.path;
    } catch (err) {
      saveError.value = errorMessage(err);
    }
  }

  /** Start the draft on the host; resolves with the new ids, or null (problems or error shown). */
  async function run(): Promise<{ experimentId: string; runIds: string[] } | null> {
    if (!valid.value || starting.value) return null;
    starting.value = true;
    runError.value = null;
    try {
      const params = sourcePath.value ? { spec: draft.value, sourcePath: sourcePath.value } : { spec: draft.value };
      return await clients.client().invoke('experiments.start', plainJson(params));
    } catch (err) {
      if (err instanceof LabClientError && err.code === 'invalid_experiment' && err.envelope.problems) {
        hostProblems.value = err.envelope.problems;
        runError.value = 'The host refused the experiment: see the problems below.';
      } else {
        runError.value = errorMessage(err);
      }
      return null;
    } finally {
      starting.value = false;
    }
  }

  /** An experiment from the library back into the designer, as a new draft. */
  async function duplicateExperiment(experimentId: string): Promise<boolean> {
    try {
      const e = await clients.client().invoke('experiments.get', { experimentId });
      const spec = (e.spec ?? {}) as Draft;
      replaceDraft({ ...spec, name: `${e.name} (copy)` });
      return true;
    } catch (err) {
      fileError.value = `Could not load the experiment: ${errorMessage(err)}`;
      return false;
    }
  }

  /** The desktop menu (New / Open / Save experiment) arrives as `app.menu` events. */
  function connect(): void {
    if (connected) return;
    connected = true;
    clients.client().on('app.menu', (m) => {
      if (m.action === 'open-experiment' && m.file) {
        const name = m.file.path.split(/[\\/]/).pop() ?? null;
        openText(m.file.text, name, m.file.path);
        nav.go('design');
      } else if (m.action === 'new-experiment') {
        newDraft();
        nav.go('design');
      } else if (m.action === 'save-experiment') {
        void save();
      }
    });
  }

  function optimizers(): Draft[] {
    const list = draft.value.optimizers;
    if (Array.isArray(list)) return list as Draft[];
    draft.value.optimizers = [];
    return draft.value.optimizers as Draft[];
  }

  function addOptimizer(kind: string): void {
    optimizers().push(newItem(OPTIMIZER_NODE, optimizers(), kind) as Draft);
  }

  function duplicateOptimizer(index: number): void {
    draft.value.optimizers = duplicated(optimizers(), index);
  }

  function moveOptimizer(index: number, by: -1 | 1): void {
    draft.value.optimizers = moved(optimizers(), index, by);
  }

  function removeOptimizer(index: number): void {
    optimizers().splice(index, 1);
  }

  return {
    draft,
    fileName,
    sourcePath,
    presetId,
    fileError,
    hostProblems,
    runError,
    starting,
    saveMessage,
    saveError,
    problems,
    problemsByPath,
    valid,
    runCount,
    json,
    presets: PRESETS,
    connect,
    setField,
    replaceDraft,
    newDraft,
    loadPreset,
    openText,
    applyJson,
    save,
    run,
    duplicateExperiment,
    addOptimizer,
    duplicateOptimizer,
    moveOptimizer,
    removeOptimizer,
  };
});

/** The schema the designer's form is generated from (re-exported so views need not reach into core). */
export { experimentSchema };
