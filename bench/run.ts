/**
 * `npm run bench`: median ms per training step and GFLOP/s of fixed workloads
 * through the real training loop, against this machine's targets, plus the
 * NTK metric's Gram + eigenvalues (bench/ntk.ts). Writes docs/BENCHMARKS.md.
 *
 *   npm run bench                      full run, writes docs/BENCHMARKS.md
 *   npm run bench -- --quick           smoke run: few short batches, smaller NTK, writes nothing
 *   npm run bench -- --profile         also split each step into forward / backward / loss read / optimizer
 *   npm run bench -- --no-write        full run without touching docs/BENCHMARKS.md
 *   LAB_BACKEND=cpu npm run bench      force a backend (the targets are for wasm)
 *
 * It is a report: the exit code is 0 when targets are missed (MISS is printed
 * loudly); it is 1 only when a workload failed to run at all (2 for a bad option). How steps are
 * timed and counted: bench/workloads.ts.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initEngine } from '../core/engine/backend.js';
import { describeMachine } from './machine.js';
import { profileWorkload, type PhaseProfile } from './profile.js';
import { renderMarkdown, renderTable, type NtkLine, type Row } from './report.js';
import { stepFlops, timeWorkload, WORKLOADS, type Workload } from './workloads.js';

interface Options {
  quick: boolean;
  profile: boolean;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const known = new Set(['--quick', '--profile', '--no-write', '--write']);
  for (const a of argv) if (!known.has(a)) throw new Error(`unknown option ${a} (known: ${[...known].join(', ')})`);
  const quick = argv.includes('--quick');
  return { quick, profile: argv.includes('--profile'), write: argv.includes('--write') || (!quick && !argv.includes('--no-write')) };
}

/** Warm-up and timed batches per workload (see bench/workloads.ts for why batches). */
function plan(w: Workload, quick: boolean) {
  return quick ? { s: w.quickStepsPerBatch, warmup: 1, batches: 3 } : { s: w.stepsPerBatch, warmup: 3, batches: 15 };
}

export function verdict(w: Workload, msPerStep: number, backend: string): Row['verdict'] {
  if (w.targetMs === undefined) return null;
  if (backend !== 'wasm') return 'n/a';
  return msPerStep <= w.targetMs ? 'PASS' : 'MISS';
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  const engine = await initEngine();
  const machine = describeMachine(engine);
  console.log(machine.engine);
  for (const f of engine.fallbacks) console.log(`  (skipped ${f})`);
  console.log(`machine: ${machine.nproc} CPUs, ${machine.cpuModel}, node ${machine.node}, load ${machine.loadStart.toFixed(2)}`);
  console.log(`mode: ${opts.quick ? 'quick (smoke run, timings rough)' : 'full'}; timing through trainRun, median of per-step times over batches`);
  if (engine.backend !== 'wasm') console.log('note: the targets are for the wasm backend; no PASS/MISS on this one');

  // Global warm-up: the first kernels of a process pay for compilation and heap growth.
  await timeWorkload(WORKLOADS[0]!, { s: 20, warmup: 0, batches: 3 });

  const rows: Row[] = [];
  const profiles: { w: Workload; p: PhaseProfile }[] = [];
  let failed = 0;
  for (const w of WORKLOADS) {
    const p = plan(w, opts.quick);
    const label = `${w.name} (${w.n},${w.d},${w.m})`;
    try {
      const t = await timeWorkload(w, p);
      const row: Row = { workload: w, plan: p, timing: t, flops: stepFlops(w), verdict: verdict(w, t.msPerStep, engine.backend) };
      rows.push(row);
      const v = row.verdict ? `  ${row.verdict}${row.verdict === 'MISS' ? ` (target ${w.targetMs} ms)` : ''}` : '';
      console.log(`  ${label}: ${t.msPerStep.toFixed(2)} ms/step, ${t.gflops.toFixed(2)} GFLOP/s${v}`);
    } catch (err) {
      failed++;
      console.error(`  ${label}: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (opts.profile) {
      try {
        profiles.push({ w, p: await profileWorkload(w, opts.quick ? 2 : Math.max(3, Math.min(20, p.s))) });
      } catch (err) {
        console.error(`  profile ${label}: FAILED: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  const ntk = await runNtk(opts.quick);
  if (ntk === 'failed') failed++;
  const ntkLine = ntk === 'failed' ? null : ntk;
  machine.loadEnd = os.loadavg()[0]!;

  console.log('');
  console.log(renderTable(rows, ntkLine));
  if (profiles.length > 0) {
    console.log('');
    console.log('profile (median ms per step by phase; costliest kernels per step, mean of 3 steps):');
    for (const { w, p } of profiles) {
      console.log(
        `  ${w.name} (${w.n},${w.d},${w.m}): forward+loss ${p.forwardMs.toFixed(2)}, backward ${p.backwardMs.toFixed(2)}, ` +
          `loss read ${p.readMs.toFixed(3)}, optimizer ${p.optimMs.toFixed(2)}`,
      );
      for (const k of p.kernels) console.log(`      ${k.ms.toFixed(2).padStart(8)} ms  x${k.calls}  ${k.kernel}`);
    }
  }
  console.log('');
  console.log(`load average (1 min): ${machine.loadStart.toFixed(2)} at start, ${machine.loadEnd.toFixed(2)} at end on ${machine.nproc} CPUs`);

  const misses = rows.filter((r) => r.verdict === 'MISS');
  const missLines = [
    ...misses.map((r) => `${r.workload.name} (${r.workload.n},${r.workload.d},${r.workload.m}): ${r.timing.msPerStep.toFixed(1)} ms/step > target ${r.workload.targetMs} ms`),
    ...(ntkLine?.verdict === 'MISS' ? [`NTK Gram + eigenvalues (n=${ntkLine.n}, width ${ntkLine.width}): ${ntkLine.ms.toFixed(0)} ms > target ${ntkLine.targetMs} ms`] : []),
  ];
  if (missLines.length > 0) {
    const bar = '!'.repeat(72);
    console.log(`\n${bar}\n!!! MISS: ${missLines.length} target(s) missed\n${missLines.map((l) => `!!!   ${l}`).join('\n')}\n${bar}`);
    if (opts.quick) console.log('(quick mode: few, short batches; rerun without --quick before believing a MISS)');
  } else if (rows.some((r) => r.verdict === 'PASS')) {
    console.log('all targets: PASS');
  }

  if (opts.write) {
    const here = dirname(fileURLToPath(import.meta.url));
    const path = join(here, '..', 'docs', 'BENCHMARKS.md');
    writeFileSync(path, renderMarkdown({ rows, ntk: ntkLine, machine, date: new Date(), command: commandLine(), quick: opts.quick, profiles }));
    console.log(`wrote ${path}`);
  }
  return failed > 0 ? 1 : 0;
}

function commandLine(): string {
  const args = process.argv.slice(2);
  const env = process.env.LAB_BACKEND ? `LAB_BACKEND=${process.env.LAB_BACKEND} ` : '';
  return `${env}npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
}

/** The NTK metric's bench (bench/ntk.ts, another module), when present; null when absent. */
async function runNtk(quick: boolean): Promise<NtkLine | null | 'failed'> {
  let mod: typeof import('./ntk.js');
  try {
    mod = await import('./ntk.js');
  } catch {
    console.log('  NTK bench: bench/ntk.ts not present, skipped');
    return null;
  }
  const n = quick ? 128 : 512;
  const width = quick ? 1024 : 4096;
  const targetMs = quick ? null : 2000; // the target is for n = 512 at width 4096
  try {
    const r = await mod.benchNtk(n, width, quick ? 1 : 3);
    const verdict = targetMs === null || r.backend !== 'wasm' ? null : r.ms < targetMs ? 'PASS' : 'MISS';
    const line: NtkLine = { n, width, gramMs: r.gramMs, eigenMs: r.eigenMs, ms: r.ms, targetMs, verdict, repeats: quick ? 1 : 3 };
    console.log(`  NTK Gram + eigenvalues (n=${n}, width ${width}): ${r.ms.toFixed(0)} ms (Gram ${r.gramMs.toFixed(0)}, eigen ${r.eigenMs.toFixed(0)})${verdict ? `  ${verdict}` : ''}`);
    return line;
  } catch (err) {
    console.error(`  NTK bench: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    return 'failed';
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
