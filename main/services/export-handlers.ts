/** export.*: CSV of runs; saving through a dialog is the Electron shell's (it overrides export.save). */
import { LabError } from '../../core/contract/errors.js';
import type { Handlers } from '../../core/contract/methods.js';
import { csvExportParts, csvFilename, csvText } from './csv-export.js';
import { storeCall } from './lab-errors.js';
import type { ServiceContext } from './service-context.js';

type ExportHandlers = Pick<Handlers, 'export.csv' | 'export.save'>;

export function exportHandlers(ctx: ServiceContext): ExportHandlers {
  const { store } = ctx;
  return {
    async 'export.csv'({ runIds }) {
      return storeCall(() => {
        const parts = csvExportParts(store, runIds);
        const runs = [...new Set(runIds)].map((id) => store.getRun(id));
        return { csv: csvText(parts), filename: csvFilename(runs) };
      });
    },

    async 'export.save'() {
      throw new LabError('unsupported', 'this host has no save dialog: download the file instead');
    },
  };
}
