// `npm run bench:lsp`: how fast the language server feels. Spawns `node dist/server/main.js --stdio`
// like an editor does, on a generated workspace, and prints:
//   - time from `initialize` to the first diagnostics of an opened file;
//   - didChange-to-diagnostics latency (p50, p95, max) for one-character edits in a clean 5,000-line
//     file and in a 5,000-line file with constructs tree-sitter-julia cannot parse;
//   - the same for the clean file while the server scans a workspace of 1,000 other files for the
//     first time (BENCH_SCAN_FILES changes the count), and first diagnostics in that workspace.
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
/** The workspace scanned while typing: this many files of this many lines. */
const SCAN_FILES = Number(process.env.BENCH_SCAN_FILES ?? 1000);
const SCAN_FILE_LINES = 120;

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
  const text = (i) => workspaceFile(i);
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

/** A small module in the generated style, renamed per file so a workspace of them has no clashes. */
function workspaceFile(i, lines = 60) {
  return cleanFile(lines).replace('module BenchApp', `module M${i}`).replaceAll('step_', `s${i}_`).replaceAll('collect_', `c${i}_`).replaceAll('report_', `r${i}_`).replaceAll('Point_', `P${i}_`).replaceAll('norm_', `n${i}_`);
}

/** Starts the server in `dir` like an editor does and initializes it; resolves once `initialize` returned. */
async function startSession(dir) {
  const spawned = performance.now();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof to see where time goes).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'dist', 'server', 'main.js'), '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  const firstDiagnostics = new Map();
  const session = { child, conn, spawned, scanEnded: null, versions: {}, texts: {}, uris: {} };
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    if (!firstDiagnostics.has(p.uri)) firstDiagnostics.set(p.uri, at);
    const w = waiting.get(p.uri);
    if (w && p.version === w.version) {
      waiting.delete(p.uri);
      w.resolve(at);
    }
  });
  // The workspace scan reports progress; its `end` marks the end of the scan.
  conn.onNotification('$/progress', (p) => {
    if (p.value?.kind === 'end' && session.scanEnded === null) session.scanEnded = performance.now();
  });
  conn.onNotification(() => {});
  conn.onRequest(() => null);
  conn.listen();
  session.serverCpu = () => processCpuMs(child.pid);
  session.waitFor = (uri, version) => new Promise((resolve) => waiting.set(uri, { version, resolve }));
  session.firstDiagnosticsOf = (uri) => firstDiagnostics.get(uri);
  // Let the process start, so the figure is the server's own work from `initialize` on.
  await new Promise((r) => setTimeout(r, 600));
  session.initAt = performance.now();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { debounceMs: 0, maxWorkspaceFiles: 5000 },
  });
  await conn.sendNotification('initialized', {});
  session.open = async (dirPath, name, text) => {
    const uri = pathToFileURL(join(dirPath, name)).href;
    session.uris[name] = uri;
    session.versions[name] = 1;
    session.texts[name] = text;
    const done = session.waitFor(uri, 1);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'julia', version: 1, text } });
    return done;
  };
  session.close = async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await new Promise((r) => child.on('exit', r));
    conn.dispose();
  };
  return session;
}

/** One-character edits (typing then deleting a `z` inside an identifier) until `count` or `until()`. */
async function typeInto(session, name, count, until = () => false) {
  const text = session.texts[name];
  // Positions inside identifiers in function bodies: `acc` in `acc += k * 2`.
  const spots = [];
  text.split('\n').forEach((l, i) => {
    if (l === '        acc += k * 2') spots.push({ line: i, character: 9 });
  });
  const times = [];
  const cpuTimes = [];
  for (let k = 0; k < count && !until(); k++) {
    const at = spots[((k >> 1) * 7) % spots.length];
    const insert = k % 2 === 0;
    const change = insert ? { range: { start: at, end: at }, text: 'z' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const version = ++session.versions[name];
    const done = session.waitFor(session.uris[name], version);
    const cpuBefore = session.serverCpu();
    const sent = performance.now();
    await session.conn.sendNotification('textDocument/didChange', { textDocument: { uri: session.uris[name], version }, contentChanges: [change] });
    const received = await done;
    times.push(received - sent);
    if (cpuBefore !== null) cpuTimes.push(session.serverCpu() - cpuBefore);
  }
  // Leave the text as it was (an even number of edits) so later scenarios see the same file.
  if (times.length % 2 === 1) {
    const at = spots[((times.length >> 1) * 7) % spots.length];
    const version = ++session.versions[name];
    const done = session.waitFor(session.uris[name], version);
    await session.conn.sendNotification('textDocument/didChange', { textDocument: { uri: session.uris[name], version }, contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }] });
    await done;
  }
  return { times: times.sort((a, b) => a - b), cpuTimes: cpuTimes.sort((a, b) => a - b) };
}

function latencyLine(label, { times, cpuTimes }, target = '') {
  if (times.length === 0) return `didChange -> diagnostics, ${label}: no edits measured`;
  // The server's CPU time per edit is counted in 10 ms clock ticks: its mean is the useful figure.
  const cpu = cpuTimes.length > 0 ? `; server CPU per edit: mean ${fmt(cpuTimes.reduce((a, b) => a + b, 0) / cpuTimes.length)}, p95 ${fmt(percentile(cpuTimes, 95))}` : '';
  return `didChange -> diagnostics, ${label} (${times.length} one-character edits): p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, max ${fmt(times[times.length - 1])}${target}${cpu}`;
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

  const session = await startSession(ws);
  const cpuBeforeOpen = session.serverCpu();
  const opened = await session.open(ws, 'clean5k.jl', files['clean5k.jl']);
  const first = opened - session.initAt;
  const openCpu = cpuBeforeOpen === null ? null : session.serverCpu() - cpuBeforeOpen;
  console.log(`initialize -> first diagnostics of the opened file: ${fmt(first)} (target < 300 ms; ${fmt(opened - session.spawned)} from process spawn, 600 ms of it idle${openCpu === null ? '' : `; server CPU from didOpen to diagnostics ${fmt(openCpu)}`})`);
  await session.open(ws, 'broken5k.jl', files['broken5k.jl']);
  console.log(latencyLine('clean5k.jl', await typeInto(session, 'clean5k.jl', EDITS), ' (target p95 < 30 ms)'));
  console.log(latencyLine('broken5k.jl', await typeInto(session, 'broken5k.jl', EDITS)));
  await session.close();
  rmSync(ws, { recursive: true, force: true });

  // Typing while the server reads a workspace of SCAN_FILES files for the first time.
  const big = mkdtempSync(join(tmpdir(), 'trimsafe-bench-lsp-scan-'));
  for (let i = 0; i < SCAN_FILES; i++) writeFileSync(join(big, `f${i}.jl`), workspaceFile(i, SCAN_FILE_LINES));
  writeFileSync(join(big, 'clean5k.jl'), files['clean5k.jl']);
  const scanning = await startSession(big);
  const scanOpened = await scanning.open(big, 'clean5k.jl', files['clean5k.jl']);
  console.log(`initialize -> first diagnostics of the opened file in a ${SCAN_FILES}-file workspace: ${fmt(scanOpened - scanning.initAt)}`);
  const during = await typeInto(scanning, 'clean5k.jl', EDITS, () => scanning.scanEnded !== null);
  const scanTook = scanning.scanEnded === null ? 'the scan had not ended after the edits' : `the scan ended ${fmt(scanning.scanEnded - scanning.initAt)} after initialize`;
  console.log(latencyLine(`clean5k.jl while a ${SCAN_FILES}-file workspace (${SCAN_FILES * SCAN_FILE_LINES} lines) is scanned`, during, ` (${scanTook})`));
  // Typing once the scan is over: every keystroke is checked against the whole project.
  const deadline = performance.now() + 300_000;
  while (scanning.scanEnded === null && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (scanning.scanEnded !== null) {
    await new Promise((r) => setTimeout(r, 1000));
    console.log(latencyLine(`clean5k.jl in the scanned ${SCAN_FILES}-file workspace`, await typeInto(scanning, 'clean5k.jl', EDITS)));
  } else console.log(`the ${SCAN_FILES}-file scan had not ended after 5 minutes; typing after it not measured`);
  await scanning.close();
  rmSync(big, { recursive: true, force: true });

  const rc = await workspaceRecheck(300);
  console.log(`background re-check of a 300-file workspace (${rc.lines} lines) after one file changed: ${fmt(rc.median)} (median of 5)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
