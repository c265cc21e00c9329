/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** The Electron preload bridge (core/contract/wire.ts); absent in browser mode. */
  lab?: import('../../core/contract/wire.js').LabBridge;
}
