// `npm run bench:phases -- DIR`: where a one-thread check's time goes, phase by phase, as multiples
// of the bare parse, with the collector's share and the heap after each phase. The phases are the
// ones the CLI runs (server/check.ts), called one after another over all files so each can be timed
// on its own. BENCH_RULES=1 also times every rule (visitor and file-hook time, wrappers included).
//
//   node bench/phases.mjs DIR        (after `npm run build`)

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { listJl } from './julia-files.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.BENCH_DIST ?? join(import.meta.dirname, '..', 'dist');
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/phases.mjs DIR');
  process.exit(2);
}

const bindings = require(join(dist, 'grammar-bindings'));
const { computeFileFacts } = require(join(dist, 'analysis', 'file-facts.js'));
const { Project } = require(join(dist, 'analysis', 'project.js'));
const { getCallGraph } = require(join(dist, 'analysis', 'call-graph.js'));
const { computeReachability } = require(join(dist, 'analysis', 'reachability.js'));
const { RULES } = require(join(dist, 'rules', 'registry.js'));
const { runRules, annotateReachability, DEFAULT_RULE_OPTIONS } = require(join(dist, 'rules', 'engine.js'));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

const phases = [];
async function phase(name, fn) {
  // GC entries are delivered asynchronously: let the previous phase's arrive first.
  await new Promise((r) => setImmediate(r));
  const gcBefore = gcMs;
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const wall = performance.now() - t;
  const c = process.cpuUsage(cpu);
  await new Promise((r) => setImmediate(r));
  phases.push({ name, wallMs: wall, cpuMs: (c.user + c.system) / 1000, gcMs: gcMs - gcBefore, heapMb: process.memoryUsage().heapUsed / 1e6 });
  return value;
}

const paths = listJl(dir);
const texts = paths.map((p) => readFileSync(p, 'utf8'));
let lines = 0;
for (const t of texts) for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) lines++;
const backend = await bindings.getBackend();

// The floor: what the parse alone costs with this backend, measured first on a quiet heap.
await phase('parse (floor)', async () => {
  for (let i = 0; i < texts.length; i++) {
    if (backend.parseAndFree) backend.parseAndFree(texts[i]);
    else backend.release(backend.parse(texts[i]));
    if ((i + 1) % 32 === 0) await new Promise((r) => setImmediate(r));
  }
});
gc();
await phase('repair', () => {
  for (const t of texts) bindings.repairSource(t);
});
const trees = await phase('repair + parse + copy', async () => {
  const out = [];
  for (let i = 0; i < texts.length; i++) {
    out.push(bindings.parseWith(backend, texts[i]));
    if ((i + 1) % 32 === 0) await new Promise((r) => setImmediate(r));
  }
  return out;
});
const project = new Project();
await phase('file facts', () => {
  for (let i = 0; i < paths.length; i++) project.setFile(computeFileFacts(paths[i], trees[i]));
});
trees.length = 0;
await phase('call graph', () => getCallGraph(project));

const ruleTimes = new Map();
const timed = process.env.BENCH_RULES === '1' ? RULES.map(timeRule) : RULES;
const result = await phase('rules', () => runRules(project, timed, DEFAULT_RULE_OPTIONS));
await phase('reachability', () => annotateReachability(result, project, { reachability: computeReachability(project, {}) }));

function timeRule(rule) {
  const add = (ms) => ruleTimes.set(rule.meta.code, (ruleTimes.get(rule.meta.code) ?? 0) + ms);
  const wrap = (fn) =>
    function (...args) {
      const t = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        add(performance.now() - t);
      }
    };
  return {
    meta: rule.meta,
    create(ctx) {
      const t = performance.now();
      const visitors = rule.create(ctx);
      add(performance.now() - t);
      const out = {};
      for (const [k, fn] of Object.entries(visitors)) if (fn) out[k] = wrap(fn);
      return out;
    },
  };
}

const floor = phases[0].cpuMs;
const copy = phases[2].cpuMs - floor - phases[1].cpuMs;
console.log(`${paths.length} files, ${lines.toLocaleString('en')} lines, backend ${backend.name}${backend.detail ? ` (${backend.detail})` : ''}, ${result.findings.length} findings`);
console.log('phase                         cpu ms   x parse   gc ms   heap MB after   wall ms');
const row = (name, cpu, gcv, heap, wall = null) =>
  console.log(`${name.padEnd(28)} ${cpu.toFixed(0).padStart(7)} ${(cpu / floor).toFixed(2).padStart(9)} ${gcv === null ? '       ' : gcv.toFixed(0).padStart(7)} ${heap === null ? '         ' : heap.toFixed(0).padStart(9)} ${wall === null ? '' : wall.toFixed(0).padStart(9)}`);
for (const p of phases) {
  row(p.name, p.cpuMs, p.gcMs, p.heapMb, p.wallMs);
  if (p.name === 'repair + parse + copy') row('  of which copy (derived)', copy, null, null);
}
const total = phases.slice(1).reduce((s, p) => s + p.cpuMs, 0);
row('check (all but the floor)', total, phases.slice(1).reduce((s, p) => s + p.gcMs, 0), null);
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
if (ruleTimes.size > 0) {
  console.log('\nrule        wall ms   x parse (wall: on a busy machine compare with the rules phase wall)');
  for (const [code, ms] of [...ruleTimes].sort((a, b) => b[1] - a[1])) console.log(`${code.padEnd(10)} ${ms.toFixed(0).padStart(8)} ${(ms / floor).toFixed(2).padStart(9)}`);
}
