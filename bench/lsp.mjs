// `npm run bench:lsp`: how fast the language server feels. Spawns `node dist/server/main.js --stdio`
// like an editor does, on a generated workspace, and prints:
//   - time from `initialize` to the first diagnostics of an opened file;
//   - didChange-to-diagnostics latency (p50, p95, max) for one-character edits in a clean 5,000-line
//     file and in a 5,000-line file with constructs tree-sitter-julia cannot parse.
// The debounce is set to 0 (initializationOptions.debounceMs), so the figures are the server's work.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const root = join(import.meta.dirname, '..');
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const LINES = 5000;

/** A module of small functions in the styles real code uses: typed and untyped, loops, branches, IO. */
function cleanFile(lines) {
  const out = ['module BenchApp', '', 'const LIMIT = 10', ''];
  let i = 0;
  while (out.length < lines - 12) {
    switch (i % 4) {
      case 0:
        out.push(`function step_${i}(total::Int, scale::Float64)`, `    acc = total + ${i}`, '    for k in 1:LIMIT', '        acc += k * 2', '    end', '    if acc > 100', `        println(Core.stdout, "step ${i}: ", acc)`, '    end', '    return acc * scale', 'end', '');
        break;
      case 1:
        out.push(`struct Point_${i}`, '    x::Float64', '    y::Float64', 'end', `norm_${i}(p::Point_${i}) = sqrt(p.x^2 + p.y^2)`, '');
        break;
      case 2:
        out.push(`function collect_${i}(xs::Vector{Int})`, '    out = Int[]', '    for x in xs', '        x > 0 && push!(out, x)', '    end', '    total = sum(out; init = 0)', '    return total', 'end', '');
        break;
      default:
        out.push(`function report_${i}(io::IO, name::String, total::Int)`, '    print(io, name, " = ", total)', `    return total > ${i} ? total : ${i}`, 'end', '');
    }
    i++;
  }
  out.push('function (@main)(args)', '    total = step_0(length(args), 1.5)', '    println("done ", total)', '    return 0', 'end', '', 'end # module');
  return out.join('\n') + '\n';
}

/** The same file with a construct the grammar cannot parse every ~150 lines. */
function brokenFile(lines) {
  const base = cleanFile(lines - 40).split('\n');
  const breakers = ['    a::Vector{Int} += [1]', '    z = (x)im', '    let i::Int, c::Bool', '    y = [;]', '    w = 0x1.P0'];
  const out = [];
  let n = 0;
  for (let k = 0; k < base.length; k++) {
    out.push(base[k]);
    if (base[k] === '    return total' && k % 150 < 12) out.push(breakers[n++ % breakers.length]);
  }
  while (out.length < lines) out.splice(out.length - 2, 0, '');
  return out.join('\n');
}

/** CPU time (user + system) a process has used so far, from /proc; null where there is no /proc. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** A fixed amount of plain JavaScript work, to tell a slow run from a busy machine. */
function machineCheck() {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i) | 0;
  return { ms: performance.now() - t, x };
}

/**
 * What the background pass costs: a workspace of `count` files, one file changes, every file is
 * re-checked (rules plus reachability over the whole project), as the server does once typing pauses.
 */
async function workspaceRecheck(count) {
  const { getBackend, parseWith } = require(join(root, 'dist', 'grammar-bindings', 'index.js'));
  const { computeFileFacts } = require(join(root, 'dist', 'analysis', 'file-facts.js'));
  const { Project } = require(join(root, 'dist', 'analysis', 'project.js'));
  const { checkProject } = require(join(root, 'dist', 'server', 'check.js'));
  const { ConfigResolver } = require(join(root, 'dist', 'server', 'config.js'));
  const backend = await getBackend();
  const project = new Project();
  const dir = '/bench-workspace';
  const text = (i) => cleanFile(60).replace('module BenchApp', `module M${i}`).replaceAll('step_', `s${i}_`).replaceAll('collect_', `c${i}_`).replaceAll('report_', `r${i}_`).replaceAll('Point_', `P${i}_`).replaceAll('norm_', `n${i}_`);
  const paths = [];
  for (let i = 0; i < count; i++) {
    const path = `${dir}/f${i}.jl`;
    paths.push(path);
    project.setFile(computeFileFacts(path, parseWith(backend, text(i))));
  }
  const resolver = new ConfigResolver(dir);
  checkProject(project, resolver, {}, paths);
  const times = [];
  for (let k = 0; k < 5; k++) {
    project.setFile(computeFileFacts(paths[0], parseWith(backend, text(0) + `\n# edit ${k}\n`)));
    const t = performance.now();
    checkProject(project, resolver, {}, paths);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { lines: count * text(0).split('\n').length, median: times[2] };
}

async function main() {
  const speed = machineCheck();
  console.log(`machine check: 1e8 integer additions took ${speed.ms.toFixed(0)} ms (about 100 ms on an idle machine; larger means the machine is busy and every figure below is inflated alike)`);
  const { parseJulia, countErrors } = require(join(root, 'dist', 'grammar-bindings', 'index.js'));
  const ws = mkdtempSync(join(tmpdir(), 'trimsafe-bench-lsp-'));
  const files = { 'clean5k.jl': cleanFile(LINES), 'broken5k.jl': brokenFile(LINES) };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(ws, name), text);
  const brokenTree = await parseJulia(files['broken5k.jl']);
  const cleanTree = await parseJulia(files['clean5k.jl']);
  const errs = countErrors(brokenTree);
  console.log(`workspace: clean5k.jl ${files['clean5k.jl'].split('\n').length} lines (parse errors: ${cleanTree.hasError ? 'yes' : 'none'}), broken5k.jl ${files['broken5k.jl'].split('\n').length} lines (${errs.errors} ERROR, ${errs.missing} MISSING nodes); parser backend: ${cleanTree.backend}`);

  const spawned = performance.now();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof to see where time goes).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'dist', 'server', 'main.js'), '--stdio'], { cwd: ws, stdio: ['pipe', 'pipe', 'inherit'] });
  const serverCpu = () => processCpuMs(child.pid);
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  let firstDiagnosticsAt = null;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    if (firstDiagnosticsAt === null && p.uri.endsWith('clean5k.jl')) firstDiagnosticsAt = at;
    const w = waiting.get(p.uri);
    if (w && p.version === w.version) {
      waiting.delete(p.uri);
      w.resolve(at);
    }
  });
  conn.onNotification(() => {});
  conn.onRequest(() => null);
  conn.listen();
  const waitFor = (uri, version) => new Promise((resolve) => waiting.set(uri, { version, resolve }));

  // Let the process start, so the figure is the server's own work from `initialize` on.
  await new Promise((r) => setTimeout(r, 600));
  const initAt = performance.now();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'bench' }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { debounceMs: 0 },
  });
  await conn.sendNotification('initialized', {});
  const uris = {};
  const versions = {};
  const texts = {};
  for (const name of Object.keys(files)) {
    uris[name] = pathToFileURL(join(ws, name)).href;
    versions[name] = 1;
    texts[name] = files[name];
  }
  const cpuBeforeOpen = serverCpu();
  const firstOpen = waitFor(uris['clean5k.jl'], 1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uris['clean5k.jl'], languageId: 'julia', version: 1, text: files['clean5k.jl'] } });
  await firstOpen;
  const first = firstDiagnosticsAt - initAt;
  const openCpu = cpuBeforeOpen === null ? null : serverCpu() - cpuBeforeOpen;
  console.log(`initialize -> first diagnostics of the opened file: ${fmt(first)} (target < 300 ms; ${fmt(firstDiagnosticsAt - spawned)} from process spawn, 600 ms of it idle${openCpu === null ? '' : `; server CPU from didOpen to diagnostics ${fmt(openCpu)}`})`);

  const brokenOpen = waitFor(uris['broken5k.jl'], 1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uris['broken5k.jl'], languageId: 'julia', version: 1, text: files['broken5k.jl'] } });
  await brokenOpen;

  const results = {};
  for (const name of Object.keys(files)) {
    const text = texts[name];
    // Positions inside identifiers in function bodies: `acc` in `acc += k * 2`.
    const spots = [];
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      if (l === '        acc += k * 2') spots.push({ line: i, character: 9 });
    });
    const times = [];
    const cpuTimes = [];
    for (let k = 0; k < EDITS; k++) {
      const at = spots[(k >> 1) * 7 % spots.length];
      const insert = k % 2 === 0;
      const change = insert
        ? { range: { start: at, end: at }, text: 'z' }
        : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      const version = ++versions[name];
      const done = waitFor(uris[name], version);
      const cpuBefore = serverCpu();
      const sent = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uris[name], version }, contentChanges: [change] });
      const received = await done;
      times.push(received - sent);
      if (cpuBefore !== null) cpuTimes.push(serverCpu() - cpuBefore);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    results[name] = times;
    // The server's CPU time per edit is counted in 10 ms clock ticks: its mean is the useful figure.
    const cpu = cpuTimes.length > 0 ? `; server CPU per edit: mean ${fmt(cpuTimes.reduce((a, b) => a + b, 0) / cpuTimes.length)}, p95 ${fmt(percentile(cpuTimes, 95))}` : '';
    console.log(`didChange -> diagnostics, ${name} (${EDITS} one-character edits): p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, max ${fmt(times[times.length - 1])}${name === 'clean5k.jl' ? ' (target p95 < 30 ms)' : ''}${cpu}`);
  }

  const rc = await workspaceRecheck(300);
  console.log(`background re-check of a 300-file workspace (${rc.lines} lines) after one file changed: ${fmt(rc.median)} (median of 5)`);

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => child.on('exit', r));
  conn.dispose();
  rmSync(ws, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
