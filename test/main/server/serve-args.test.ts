import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../main/server/serve-args.js';

describe('parseServeArgs', () => {
  it('defaults: a free port, the default data folder, build if needed, no browser', () => {
    expect(parseServeArgs([])).toEqual({ kind: 'serve', options: { port: 0, dataDir: null, workers: null, open: false, build: true } });
  });

  it('reads every option, with a space or =', () => {
    expect(parseServeArgs(['--port', '8123', '--data-dir=/tmp/lab', '--workers', '3', '--open', '--no-build'])).toEqual({
      kind: 'serve',
      options: { port: 8123, dataDir: '/tmp/lab', workers: 3, open: true, build: false },
    });
    expect(parseServeArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseServeArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it('refuses unknown, repeated, valueless or out-of-range options with a message naming them', () => {
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow('unknown argument --host');
    expect(() => parseServeArgs(['stray'])).toThrow('unknown argument stray');
    expect(() => parseServeArgs(['--port', '1', '--port', '2'])).toThrow('--port given more than once');
    expect(() => parseServeArgs(['--port'])).toThrow('--port needs a value');
    expect(() => parseServeArgs(['--port', '70000'])).toThrow('--port must be a whole number from 0 to 65535');
    expect(() => parseServeArgs(['--port', '-1'])).toThrow('--port');
    expect(() => parseServeArgs(['--workers', '0'])).toThrow('--workers must be a whole number from 1 to 64');
    expect(() => parseServeArgs(['--workers', '2.5'])).toThrow('--workers');
    expect(() => parseServeArgs(['--open=yes'])).toThrow('--open takes no value');
  });
});
