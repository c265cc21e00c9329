/** What the benchmark ran on, for the report. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { EngineInfo } from '../core/engine/backend.js';
import { describeEngine } from '../core/engine/backend.js';

export interface Machine {
  /** Logical CPUs available to this process (what `nproc` prints). */
  nproc: number;
  cpuModel: string;
  node: string;
  platform: string;
  engine: string;
  backend: EngineInfo['backend'];
  simd: boolean | null;
  /** 1-minute load average when the bench started and when it ended. */
  loadStart: number;
  loadEnd: number | null;
}

export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(engine: EngineInfo): Machine {
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpuModel(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    engine: describeEngine(engine),
    backend: engine.backend,
    simd: engine.simd,
    loadStart: os.loadavg()[0]!,
    loadEnd: null,
  };
}
