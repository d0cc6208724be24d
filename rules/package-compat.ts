import { parse as parseToml } from 'smol-toml';
import { SyntaxNode } from '../grammar-bindings';
import { Finding, Severity } from '../analysis/finding';
import { PACKAGES } from './data/packages';
import { Rule, JuliaVersion } from './rule';

export type PackageStatus = 'breaks' | 'care' | 'works';

export interface PackageEntry {
  name: string;
  status: PackageStatus;
  /** Overrides `status` for the Julia versions named. */
  statusByVersion?: Partial<Record<JuliaVersion, PackageStatus>>;
  /** Package versions the entry is about, as prose (`before PR 535`), when known. */
  packageVersions?: string;
  reason: string;
  evidence: string[];
}

let table: Map<string, PackageEntry> | null = null;

/** The package table (rules/data/packages.ts), by package name. */
export function packageTable(): Map<string, PackageEntry> {
  if (!table) table = new Map(PACKAGES.map((e) => [e.name, e]));
  return table;
}

/** Packages other rules report on the import line already. */
const REPORTED_ELSEWHERE: Record<string, string> = { Distributed: 'TRIM502' };

export function statusFor(entry: PackageEntry, version: JuliaVersion): PackageStatus {
  return entry.statusByVersion?.[version] ?? entry.status;
}

function severityOf(status: PackageStatus): Severity | null {
  return status === 'breaks' ? 'warning' : status === 'care' ? 'info' : null;
}

function messageFor(entry: PackageEntry, status: PackageStatus): string {
  const head = status === 'breaks' ? `\`${entry.name}\` is known to break trimmed builds` : `\`${entry.name}\` trims only with care`;
  const versions = entry.packageVersions ? ` Versions: ${entry.packageVersions}.` : '';
  const link = entry.evidence[0] ? ` (${entry.evidence[0]})` : '';
  return `${head}: ${entry.reason}.${versions}${link}`;
}

export const packageCompat: Rule = {
  meta: {
    code: 'TRIM703',
    name: 'package-compat',
    summary: '`using`/`import` of a package known to break trimmed builds (warning) or to trim only with care (info)',
    severity: 'warning',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Looks up every package named in a `using` or `import` line in a table of packages whose trimmed builds were reported (`rules/data/packages.ts`): a warning for packages known to break (ArgParse, JuMP, MathOptInterface, HDF5, Requires, FFTW, MPI, TimeZones, FunctionWrappers), an info for packages that trim with care (Ipopt before its typed oracle, ProgressMeter before its Distributed extension, ForwardDiff, HTTP, LinearAlgebra on 1.13 for shared libraries). Packages known to work (JSON 1.x typed parsing, StructUtils, SHA, Base64, SparseArrays, Sockets, LinearAlgebra on 1.12) are not flagged. The same table is applied to the `[deps]` of a Project.toml.',
      why:
        'Every loaded package\'s `__init__` is an entry point and its code reachable from yours is verified: a package that is dynamic by design (argument tables typed `Any`, solver bridges, Requires.jl callbacks, finalizers over abstract plans) fails the build even when you use a small part of it, and the errors point deep inside the package. Knowing it before the build saves a long build and a long error list.\n\nSeverity: **warning** for packages known to break (likely fails); **info** for packages that work with care.',
      example: 'using ArgParse\n\nfunction (@main)(args)\n    s = ArgParseSettings()\n    @add_arg_table! s begin\n        "--n"\n    end\n    parsed = parse_args(args, s)\n    return 0\nend',
      useInstead:
        'function (@main)(args::Vector{String})::Cint\n    n = 10\n    for (i, a) in enumerate(args)\n        if a == "--n" && i < length(args)\n            n = something(tryparse(Int, args[i + 1]), n)\n        end\n    end\n    println(Core.stdout, n)\n    return 0\nend',
      fixSafety: 'No automatic fix: replacing a dependency is a design decision.',
      falsePositives:
        'Packages not in the table are never flagged. `using Distributed` is reported by TRIM502 and not again here; `using Requires` in a module with `__init__` is reported by TRIM702 and not again here. The table cannot see package versions in source files: entries fixed in a later release are infos that name the fix.',
      versions: 'LinearAlgebra is an info on 1.13 and nightly (BLAS/LAPACK as `LazyLibrary` in a trimmed `.so`, julia 61906) and not flagged on 1.12.',
      evidence: [
        'https://github.com/carlobaldassi/ArgParse.jl/issues/138',
        'https://github.com/jump-dev/JuMP.jl/issues/4132',
        'https://github.com/jump-dev/Ipopt.jl/pull/535',
        'https://discourse.julialang.org/t/juliac-hdf5/140113',
        'https://github.com/timholy/ProgressMeter.jl/pull/366',
        'https://github.com/JuliaMath/FFTW.jl/issues/319',
        'https://github.com/JuliaParallel/MPI.jl/issues/931',
        'https://github.com/JuliaTime/TimeZones.jl/issues/507',
        'https://github.com/JuliaLang/julia/issues/59397',
        'https://github.com/JuliaLang/julia/issues/61906',
      ],
    },
  },
  create(ctx) {
    return {
      file() {
        const packages = packageTable();
        for (const imp of ctx.file.imports) {
          const seen = new Set<string>();
          for (const target of imp.targets) {
            if (target.startsWith('.')) continue; // a module of the project
            const name = target.split('.')[0];
            if (seen.has(name) || Object.hasOwn(REPORTED_ELSEWHERE, name)) continue;
            seen.add(name);
            const entry = packages.get(name);
            if (!entry) continue;
            if (name === 'Requires' && ctx.file.functions.some((f) => f.entry?.kind === 'init' && f.module === imp.module)) continue;
            const status = statusFor(entry, ctx.options.juliaVersion);
            const severity = severityOf(status);
            if (!severity) continue;
            ctx.report({ node: targetNode(imp.node, target) ?? imp.node, owner: null, severity, message: messageFor(entry, status) });
          }
        }
      },
    };
  },
};

/** The node naming `target` in a using/import statement, so that several packages on a line get their own ranges. */
function targetNode(stmt: SyntaxNode, target: string): SyntaxNode | null {
  for (const c of stmt.namedChildren) {
    const head = c.type === 'selected_import' || c.type === 'import_alias' ? c.namedChild(0) : c;
    if (head && head.text.replace(/\s+/g, '') === target) return head;
  }
  return null;
}

/**
 * Findings for a Project.toml's `[deps]`, one per listed package on its own line, for the language
 * server to show on the file. Malformed TOML gives no findings (the config reader reports syntax).
 */
export function projectTomlFindings(path: string, text: string, juliaVersion: JuliaVersion = '1.12'): Finding[] {
  let deps: Record<string, unknown>;
  try {
    const parsed = parseToml(text) as Record<string, unknown>;
    deps = (parsed.deps && typeof parsed.deps === 'object' ? parsed.deps : {}) as Record<string, unknown>;
  } catch {
    return [];
  }
  const packages = packageTable();
  const lines = text.split('\n');
  const out: Finding[] = [];
  let section = '';
  lines.forEach((line, i) => {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (header) {
      section = header[1];
      return;
    }
    if (section !== 'deps') return;
    const m = /^\s*("?)([A-Za-z_][\w]*)\1\s*=/.exec(line);
    if (!m || !(m[2] in deps)) return;
    const entry = packages.get(m[2]);
    if (!entry) return;
    const status = statusFor(entry, juliaVersion);
    const severity = severityOf(status);
    if (!severity) return;
    const start = line.indexOf(m[2]);
    out.push({
      path,
      range: { start: { line: i, character: start }, end: { line: i, character: start + m[2].length } },
      code: packageCompat.meta.code,
      name: packageCompat.meta.name,
      severity,
      message: messageFor(entry, status),
      fixes: [],
      reachable: null,
      via: null,
      tags: [],
    });
  });
  return out;
}
