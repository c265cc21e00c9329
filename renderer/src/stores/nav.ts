/** Which view is shown; mirrored in the URL hash so a reload keeps it. */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export const VIEWS = ['design', 'live', 'runs', 'compare'] as const;
export type ViewName = (typeof VIEWS)[number];

export function viewOfHash(hash: string): ViewName | null {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : null;
}

export const useNavStore = defineStore('nav', () => {
  const hasLocation = typeof globalThis.location !== 'undefined';
  const view = ref<ViewName>((hasLocation && viewOfHash(globalThis.location.hash)) || 'design');

  watch(view, (v) => {
    if (hasLocation && viewOfHash(globalThis.location.hash) !== v) globalThis.history.replaceState(null, '', `#/${v}`);
  });

  function go(v: ViewName): void {
    view.value = v;
  }

  return { view, go };
});
