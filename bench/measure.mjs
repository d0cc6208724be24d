// One measurement in a fresh process, so peak RSS belongs to that measurement alone. Prints one
// JSON line: { wallMs, cpuMs, maxRssMb, ... }.
//
//   node bench/measure.mjs parse DIR          bare tree-sitter parse of every .jl file (the floor),
//                                             through the path a check parses with (`path`)
//   node bench/measure.mjs check DIR JOBS     the CLI's `--check DIR --format json --jobs JOBS`

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { listJl } from './julia-files.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.BENCH_DIST ?? join(import.meta.dirname, '..', 'dist');
const [mode, dir, jobs] = process.argv.slice(2);

function finish(extra, startWall, startCpu) {
  const wallMs = performance.now() - startWall;
  const cpu = process.cpuUsage(startCpu);
  const out = {
    mode,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...extra,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (mode === 'parse') {
  const { getBackend } = require(join(dist, 'grammar-bindings'));
  const backend = await getBackend();
  const texts = listJl(dir).map((p) => readFileSync(p, 'utf8'));
  let lines = 0;
  let chars = 0;
  for (const t of texts) {
    chars += t.length;
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) lines++;
  }
  const startWall = performance.now();
  const startCpu = process.cpuUsage();
  if (backend.parseAndFree) {
    // The parser addon: parse and free in one call, nothing copied.
    for (const t of texts) backend.parseAndFree(t);
  } else {
    for (let i = 0; i < texts.length; i++) {
      backend.release(backend.parse(texts[i]));
      // The same yield the checker makes, so released native trees can be finalised.
      if ((i + 1) % 32 === 0) await new Promise((r) => setImmediate(r));
    }
  }
  // `path` is missing from builds older than the parser addon.
  finish({ files: texts.length, lines, chars, backend: backend.name, path: backend.path ?? 'binding' }, startWall, startCpu);
} else if (mode === 'check') {
  const { runCli } = require(join(dist, 'server', 'cli.js'));
  let output = '';
  const startWall = performance.now();
  const startCpu = process.cpuUsage();
  const code = await runCli(['--check', dir, '--format', 'json', '--jobs', String(jobs ?? 1)], {
    cwd: dir,
    stdout: (s) => (output += s),
    stderr: (s) => process.stderr.write(s),
    isTTY: false,
    env: process.env,
  });
  const wallMs = performance.now() - startWall;
  let findings = -1;
  try {
    findings = JSON.parse(output).findings.length;
  } catch {
    // Left at -1: the output was not the JSON report.
  }
  finish({ exitCode: code, findings, outputSha256: createHash('sha256').update(output).digest('hex').slice(0, 16), checkWallMs: Math.round(wallMs) }, startWall, startCpu);
} else {
  process.stderr.write('usage: node bench/measure.mjs parse DIR | check DIR JOBS\n');
  process.exit(2);
}
