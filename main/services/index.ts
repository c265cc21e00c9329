/** The lab's services: what every host (Electron, browser mode, CLI) is given. */
export type { HostServices } from './host-services.js';
export { createHostServices, createLabService, type HostServicesOptions, type LabService } from './lab-service.js';
export { csvExportParts, csvFilename, csvText, type CsvExportParts } from './csv-export.js';
export { wireListing } from './wire-listing.js';
