/**
 * The renderer's Content-Security-Policy, one builder for both hosts (browser
 * mode sends it as a header; Electron sets it on its app protocol).
 * 'wasm-unsafe-eval' lets WebAssembly compile without allowing eval();
 * 'unsafe-inline' styles are what Vue's style bindings and ECharts need.
 */
export interface CspOptions {
  /** Sources added to connect-src besides 'self' (e.g. the WebSocket URL). */
  connect?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(options.connect ?? [])],
    ['worker-src', "'self'", 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
