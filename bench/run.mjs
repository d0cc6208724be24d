// `npm run bench`: how much a check costs beyond tree-sitter's own parse, on one thread and on all
// cores, at three corpus sizes, with peak memory and CLI start-up. Every measurement runs in a
// fresh child process (bench/measure.mjs). Prints a table and writes bench/results.json.
//
// Environment:
//   BENCH_SIZES=50000,150000,500000   lines of generated Julia per corpus
//   BENCH_CORPUS=DIR                  also measure real code in DIR (never committed)
//   BENCH_REPEAT=1                    runs per measurement; the fastest is kept
//   BENCH_JOBS=N                      threads for the parallel run (default: all cores)
//   BENCH_DIST=DIR                    compiled trimsafe to measure (default: dist/)

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeCorpus } from './generate-corpus.mjs';

const here = import.meta.dirname;
const dist = resolve(process.env.BENCH_DIST ?? join(here, '..', 'dist'));
const sizes = (process.env.BENCH_SIZES ?? '50000,150000,500000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const cores = availableParallelism();
const jobs = Math.max(2, Number(process.env.BENCH_JOBS ?? cores));

const TARGETS = {
  checkOverParse: 1.3,
  parallelWallOverParse: 0.8,
  perLineGrowth: 0.15,
  peakRssMb: 400,
  startupMs: 150,
};

function measure(args) {
  let best = null;
  for (let i = 0; i < repeat; i++) {
    const r = spawnSync(process.execPath, [join(here, 'measure.mjs'), ...args], {
      encoding: 'utf8',
      // No per-file wall-clock budget: on a busy machine it would skip files and change the work.
      env: { TRIMSAFE_FILE_TIMEOUT_MS: '3600000', ...process.env, BENCH_DIST: dist },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0 && !r.stdout.trim()) throw new Error(`measure ${args.join(' ')} failed:\n${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop());
    if (!best) best = m;
    else {
      best.wallMs = Math.min(best.wallMs, m.wallMs);
      best.cpuMs = Math.min(best.cpuMs, m.cpuMs);
      best.maxRssMb = Math.max(best.maxRssMb, m.maxRssMb);
    }
  }
  return best;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function startup() {
  const dir = mkdtempSync(join(tmpdir(), 'trimsafe-startup-'));
  const file = join(dir, 'main.jl');
  writeFileSync(file, 'function (@main)(args)\n    println(Core.stdout, "hello")\n    return 0\nend\n');
  // Wall time as a user sees it, and CPU time of the whole process (node's own start-up included).
  const time = (args) => {
    const walls = [];
    const cpus = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['-r', join(here, 'cpu-at-exit.cjs'), ...args], { cwd: dir, encoding: 'utf8' });
      walls.push(performance.now() - t);
      const m = /trimsafe-bench-cpu-ms (\d+)/.exec(r.stderr ?? '');
      if (m) cpus.push(Number(m[1]));
    }
    return { wallMs: Math.round(median(walls)), cpuMs: cpus.length ? median(cpus) : null };
  };
  const nodeAlone = time(['-e', '0']);
  const oneFile = time([join(dist, 'server', 'main.js'), '--check', file, '--format', 'json']);
  const version = time([join(dist, 'server', 'main.js'), '--version']);
  rmSync(dir, { recursive: true, force: true });
  return { nodeAlone, oneFileCheck: oneFile, version };
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
} catch {
  // Not a git checkout.
}

const tmp = mkdtempSync(join(tmpdir(), 'trimsafe-bench-'));
const corpora = [];
for (const n of sizes) {
  const dir = join(tmp, `generated-${n}`);
  mkdirSync(dir);
  writeCorpus(dir, n, 1);
  corpora.push({ name: `generated ${Math.round(n / 1000)}k`, dir });
}
if (process.env.BENCH_CORPUS) corpora.push({ name: `real: ${basename(resolve(process.env.BENCH_CORPUS))}`, dir: resolve(process.env.BENCH_CORPUS) });

const rows = [];
try {
  for (const c of corpora) {
    process.stderr.write(`bench: ${c.name} ...\n`);
    const parse = measure(['parse', c.dir]);
    const one = measure(['check', c.dir, '1']);
    const many = measure(['check', c.dir, String(jobs)]);
    rows.push({
      corpus: c.name,
      files: parse.files,
      lines: parse.lines,
      backend: parse.backend,
      parse: { wallMs: parse.wallMs, cpuMs: parse.cpuMs, maxRssMb: parse.maxRssMb },
      check1: { wallMs: one.wallMs, cpuMs: one.cpuMs, maxRssMb: one.maxRssMb, findings: one.findings },
      checkN: { jobs, wallMs: many.wallMs, cpuMs: many.cpuMs, maxRssMb: many.maxRssMb, findings: many.findings },
      sameOutput: one.outputSha256 === many.outputSha256,
      checkOverParseCpu: round(one.cpuMs / parse.cpuMs),
      checkOverParseWall: round(one.wallMs / parse.wallMs),
      parallelWallOverParseWall: round(many.wallMs / parse.wallMs),
      parallelSpeedup: round(one.wallMs / many.wallMs),
      parseLinesPerSec: Math.round(parse.lines / (parse.wallMs / 1000)),
      check1LinesPerSec: Math.round(parse.lines / (one.wallMs / 1000)),
      checkNLinesPerSec: Math.round(parse.lines / (many.wallMs / 1000)),
      check1CpuUsPerLine: round(((one.cpuMs / parse.lines) * 1000)),
    });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

process.stderr.write('bench: start-up ...\n');
const start = startup();

function round(x) {
  return Math.round(x * 100) / 100;
}

const generated = rows.filter((r) => r.corpus.startsWith('generated'));
const smallest = generated[0];
const largest = generated[generated.length - 1];
const growth = smallest && largest && smallest !== largest ? round(largest.check1CpuUsPerLine / smallest.check1CpuUsPerLine - 1) : null;
const verdict = {
  checkOverParse: { target: `<= ${TARGETS.checkOverParse}`, worst: Math.max(...rows.map((r) => r.checkOverParseCpu)) },
  parallelWallOverParse: { target: `<= ${TARGETS.parallelWallOverParse}`, worst: Math.max(...rows.map((r) => r.parallelWallOverParseWall)) },
  perLineGrowth: { target: `<= ${TARGETS.perLineGrowth}`, measured: growth },
  peakRssMb: { target: `<= ${TARGETS.peakRssMb} at the largest corpus`, measured: largest ? Math.max(largest.check1.maxRssMb, largest.checkN.maxRssMb) : null },
  startupMs: { target: `< ${TARGETS.startupMs}`, measured: start.oneFileCheck.wallMs, cpuMs: start.oneFileCheck.cpuMs },
};
for (const v of Object.values(verdict)) {
  const value = v.worst ?? v.measured;
  const limit = Number(/[\d.]+/.exec(v.target)[0]);
  v.met = value !== null && value <= limit;
}

const results = { date: new Date().toISOString(), commit, machine, repeat, jobs, rows, startup: start, verdict };
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const header = ['corpus', 'files', 'lines', 'parse ms', 'check 1t ms', `check ${jobs}t ms`, 'check/parse (cpu)', `${jobs}t/parse (wall)`, `speed-up ${jobs}t`, 'lines/s 1t', `lines/s ${jobs}t`, 'cpu us/line', 'RSS 1t MB', `RSS ${jobs}t MB`, 'same'];
const table = rows.map((r) => [
  r.corpus,
  r.files,
  r.lines,
  `${r.parse.wallMs} (cpu ${r.parse.cpuMs})`,
  `${r.check1.wallMs} (cpu ${r.check1.cpuMs})`,
  `${r.checkN.wallMs} (cpu ${r.checkN.cpuMs})`,
  r.checkOverParseCpu,
  r.parallelWallOverParseWall,
  r.parallelSpeedup,
  r.check1LinesPerSec,
  r.checkNLinesPerSec,
  r.check1CpuUsPerLine,
  r.check1.maxRssMb,
  r.checkN.maxRssMb,
  r.sameOutput ? 'yes' : 'NO',
]);
const md = [header, header.map(() => '---'), ...table].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
console.log(`\nmachine: ${machine.cpu}, ${cores} cores, ${machine.memoryGb} GB, node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}; commit ${commit}; parser ${rows[0]?.backend}\n`);
console.log(md);
const fmt = (x) => `${x.wallMs} ms (cpu ${x.cpuMs} ms)`;
console.log(`\nstart-up: one-file check ${fmt(start.oneFileCheck)}, --version ${fmt(start.version)}, node alone ${fmt(start.nodeAlone)}\n`);
for (const [k, v] of Object.entries(verdict)) console.log(`${v.met ? 'met    ' : 'MISSED '} ${k}: ${v.worst ?? v.measured} (target ${v.target})`);
console.log('\nwrote bench/results.json');
