/** The paper presets: every examples/*.json, bundled at build time. */
export interface Preset {
  /** The file name without `.json`. */
  id: string;
  name: string;
  spec: Record<string, unknown>;
}

const files = import.meta.glob<Record<string, unknown>>('../../examples/*.json', { eager: true, import: 'default' });

export const PRESETS: readonly Preset[] = Object.entries(files)
  .map(([file, spec]) => {
    const id = file.replace(/^.*\//, '').replace(/\.json$/, '');
    return { id, name: typeof spec.name === 'string' ? spec.name : id, spec };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
