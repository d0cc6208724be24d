import { baseName, macroCall } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { TOP_LEVEL_FUNCTION_NAMES, topLevelFunctionNames } from './engine';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

/** Calls that start workers or run code on them; bare names count only when the project loads Distributed. */
const CALLS = new Set(['pmap', 'remotecall', 'remotecall_fetch', 'remotecall_wait', 'remote_do', 'addprocs', 'rmprocs', 'RemoteChannel']);
const MACROS = new Set(['everywhere', 'spawnat', 'distributed']);

export const distributed: Rule = {
  meta: {
    code: 'TRIM502',
    name: 'distributed',
    summary: 'Distributed computing (`using Distributed`, `@everywhere`, `pmap`, `remotecall`, `addprocs`, `@spawnat`, `@distributed`, `RemoteChannel`)',
    severity: 'error',
    category: 'concurrency',
    fixable: 'none',
    docs: {
      what:
        'Flags `@everywhere`, `@spawnat`, `@distributed`, `pmap`, `remotecall`, `remotecall_fetch`, `remotecall_wait`, `remote_do`, `addprocs`, `rmprocs` and `RemoteChannel` in run-time code, and `using Distributed` / `import Distributed` anywhere (loading it is enough to add verifier errors).',
      why:
        'Distributed works by serialising closures and evaluating code on worker processes, which needs a compiler and the full method table: nothing a trimmed binary has. Merely loading `Distributed` contributes verifier errors in a Base closure with no frame of your own (`using ProgressMeter` gave nine errors on Julia 1.13.0 / JuliaC 0.3.10 until ProgressMeter moved Distributed into a package extension).\n\nSeverity: **error** for run-time distributed calls (the verifier fails), and for loading the package in a program with entrypoints (`@main`, `@ccallable`, `entrypoint(...)`), whose build is verified; **warning** for loading it in a package checked as a library (no entrypoints), which fails only once a program that loads it is built.',
      verifierMessage: 'unresolved call from statement ... (in a Base closure, with no frame of your code)',
      example: 'using Distributed\n\nfunction (@main)(args)\n    s = sum(pmap(x -> x^2, 1:4))\n    println(Core.stdout, s)\n    return 0\nend',
      useInstead: 'function (@main)(args)\n    s = sum(x -> x^2, 1:4)\n    println(Core.stdout, s)\n    return 0\nend\n\n# For parallel work, run several single-process binaries.',
      fixSafety: 'No automatic fix: the program must be restructured without worker processes.',
      falsePositives:
        'Top-level `@everywhere` and `addprocs` run at build time and are not flagged (the `using Distributed` line still is). A function of your own named `pmap` or `workers` is not flagged, and bare `pmap`/`remotecall` calls are flagged only when the project loads Distributed. `myid()`, `workers()` and `nworkers()` are not flagged.',
      evidence: ['https://github.com/timholy/ProgressMeter.jl/pull/366'],
    },
  },
  create(ctx) {
    const projectLoadsDistributed = () =>
      ctx.projectCache('distributed:loaded', () =>
        [...ctx.project.files.values()].some((f) => f.imports.some((i) => i.targets.some((t) => t === 'Distributed' || t.startsWith('Distributed.')))),
      );
    // `@main`, `@ccallable` or a top-level `entrypoint(...)`: the program is built and verified, and
    // loading Distributed is then enough to fail it. A package without them is checked as a library.
    const hasEntrypoints = () =>
      ctx.projectCache(
        'distributed:entrypoints',
        () =>
          ctx.project.allFunctions().some((f) => !!f.entry && f.entry.kind !== 'init') ||
          [...ctx.project.files.values()].some((f) => f.entrypointCalls.length > 0),
      );
    const ownFunctions = () => ctx.projectCache(TOP_LEVEL_FUNCTION_NAMES, () => topLevelFunctionNames(ctx.project));
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name) return;
        const fn = baseName(name);
        if (!CALLS.has(fn)) return;
        if (name !== fn && !/^(Distributed|Main\.Distributed)\.\w+$/.test(name)) return;
        if (name === fn && (isLocalName(fn, owner) || ownFunctions().has(fn) || !projectLoadsDistributed())) return;
        ctx.report({
          node: node.namedChild(0) ?? node,
          message: `\`${fn}\` runs code on worker processes by serialising closures and evaluating code there; a trimmed binary has no compiler and the verifier cannot resolve these calls. Do the work in-process (a loop, \`map\`) or run several single-process binaries.`,
        });
      },
      macrocall_expression(node) {
        const mc = macroCall(node);
        if (!mc || !MACROS.has(mc.name)) return;
        if (mc.qualifier && mc.qualifier !== 'Distributed') return;
        ctx.report({
          node: mc.identifier,
          message: `\`${mc.fullName}\` evaluates code on worker processes, which a trimmed binary (no compiler, trimmed method table) cannot do; the verifier cannot resolve it. Do the work in-process.`,
        });
      },
      file() {
        let buildsBinary: boolean | null = null;
        for (const imp of ctx.file.imports) {
          if (!imp.targets.some((t) => t === 'Distributed' || t.startsWith('Distributed.'))) continue;
          buildsBinary ??= hasEntrypoints();
          ctx.report({
            node: imp.node,
            owner: null,
            severity: buildsBinary ? 'error' : 'warning',
            message: `Loading \`Distributed\` adds verifier errors to a trimmed build even if nothing from it runs (\`using ProgressMeter\` gave nine errors until Distributed moved into an extension, ProgressMeter PR 366). Remove it from trimmed programs.`,
          });
        }
      },
    };
  },
};
