export type { Dataset, DataSplit, DataSource, LabelKind } from './dataset.js';
export { loadDataset, type LoadOptions } from './load.js';
export { parseCsv, type CsvOptions, type CsvTable } from './csv.js';
export { readCsvFile, type CsvFile } from './csv-file.js';
export { erf, erfc, normalCdf } from './erf.js';
export * from './scalar-activations.js';
