import { SyntaxNode } from '../grammar-bindings';
import { dottedName, macroCall } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { TOP_LEVEL_FUNCTION_NAMES, topLevelFunctionNames } from './engine';
import { visitedCalleeName } from './syntax-memo';
import { Rule } from './rule';

// Maps, not object literals: a Julia name such as `constructor` must not find Object.prototype's.
const GLOBALS = new Map<string, string>(Object.entries({
  DEPOT_PATH: 'is emptied',
  LOAD_PATH: 'is emptied',
  'Base.DEPOT_PATH': 'is emptied',
  'Base.LOAD_PATH': 'is emptied',
  'Sys.BINDIR': 'is set to `""`',
  'Base.Sys.BINDIR': 'is set to `""`',
  'Sys.STDLIB': 'is set to `""`',
  'Base.Sys.STDLIB': 'is set to `""`',
}));
const GLOBAL_NAME_LENGTHS = new Set([...GLOBALS.keys()].map((k) => k.length));
const CALLS = new Map<string, string>(Object.entries({
  'Base.active_project': 'returns nothing useful (JuliaC stubs out `init_active_project`)',
  active_project: 'returns nothing useful (JuliaC stubs out `init_active_project`)',
  'Base.load_path': 'reads the emptied `LOAD_PATH`',
  pkgdir: 'looks the package up through the emptied load path, or gives the build machine\'s directory',
  'Base.pkgdir': 'looks the package up through the emptied load path, or gives the build machine\'s directory',
}));

export const buildMachinePaths: Rule = {
  meta: {
    code: 'TRIM802',
    name: 'build-machine-paths',
    summary: 'Run-time use of `DEPOT_PATH`, `LOAD_PATH`, `Sys.BINDIR`, `Sys.STDLIB`, `Base.active_project()`, `@__DIR__`, `@__FILE__`, `pkgdir` or `Pkg`: empty or the build machine\'s paths in the binary',
    severity: 'info',
    category: 'behaviour',
    tags: ['behaviour-change'],
    fixable: 'none',
    docs: {
      what:
        'Flags, in run-time code, reads of `DEPOT_PATH`, `LOAD_PATH`, `Sys.BINDIR` and `Sys.STDLIB`, calls of `Base.active_project()`, `Base.load_path()`, `pkgdir(...)` and any `Pkg.` function, and the macros `@__DIR__` and `@__FILE__`.',
      why:
        'The JuliaC build script empties `LOAD_PATH` and `DEPOT_PATH` and sets `Sys.BINDIR` and `Sys.STDLIB` to `""` in the image, and stubs out the active project. `@__DIR__` and `@__FILE__` expand to the source location on the build machine, which does not exist where the binary is deployed. The build passes, and paths computed from these at run time are empty or wrong.\n\nSeverity: **info tagged `behaviour-change`**.',
      example: 'function data_file(name)\n    return joinpath(@__DIR__, "..", "data", name)\nend\n\nfunction depot()\n    return first(DEPOT_PATH)\nend',
      useInstead:
        '# Take locations from the command line or the environment at run time:\nfunction data_file(dir::String, name::String)\n    return joinpath(dir, name)\nend\n\nfunction (@main)(args::Vector{String})::Cint\n    dir = get(ENV, "MYAPP_DATA", dirname(PROGRAM_FILE))\n    println(Core.stdout, data_file(dir, "table.csv"))\n    return 0\nend',
      fixSafety: 'No automatic fix: where the program finds its files is a deployment decision.',
      falsePositives:
        'Uses at top level (build time), such as `include(joinpath(@__DIR__, "x.jl"))` or `const DATA = read(joinpath(@__DIR__, "table.csv"), String)` (the contents are baked into the image), are not flagged. A local or parameter named like one of these globals is not flagged. `PROGRAM_FILE` and `ARGS` are set by the binary and are not flagged.',
      evidence: ['https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-buildscript.jl', 'https://github.com/JuliaLang/JuliaC.jl/blob/main/src/scripts/juliac-trim-base.jl'],
    },
  },
  create(ctx) {
    const report = (node: SyntaxNode, what: string, why: string) =>
      ctx.report({
        node,
        message: `\`${what}\` ${why} in a trimmed binary, so paths computed from it at run time are empty or point at the build machine. Take locations from ARGS, the environment or \`PROGRAM_FILE\`, or read the data at build time into a \`const\`.`,
      });
    return {
      identifier(node, owner) {
        // Cheap test first: this runs for every identifier.
        if (!GLOBAL_NAME_LENGTHS.has(node.endIndex - node.startIndex)) return;
        const why = GLOBALS.get(node.text);
        if (!why || isMember(node) || isLocalName(node.text, owner)) return;
        if (node.parent?.type === 'assignment' && node.parent.namedChild(0) === node) return;
        report(node, node.text, why);
      },
      field_expression(node) {
        if (node.parent?.type === 'field_expression' && node.parent.namedChild(0) === node) return;
        const name = dottedName(node);
        if (!name) return;
        const why = GLOBALS.get(name);
        if (why && !(node.parent?.type === 'call_expression' && node.parent.namedChild(0) === node)) report(node, name, why);
      },
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name) return;
        const why = CALLS.get(name);
        if (why) {
          if (!name.includes('.') && (isLocalName(name, owner) || definedInProject(name))) return;
          report(node.namedChild(0) ?? node, `${name}()`, why);
          return;
        }
        if (/^Pkg\.\w+!?$/.test(name) && !isLocalName('Pkg', owner)) {
          ctx.report({
            node: node.namedChild(0) ?? node,
            message: `\`${name}\` manages environments through \`LOAD_PATH\`/\`DEPOT_PATH\` and needs a full Julia: in a trimmed binary those are empty and there is no compiler, so it cannot do what it does in \`julia\`. Manage packages at build time.`,
          });
        }
      },
      macrocall_expression(node) {
        const mc = macroCall(node);
        if (!mc || (mc.name !== '__DIR__' && mc.name !== '__FILE__')) return;
        ctx.report({
          node,
          message: `\`@${mc.name}\` expands to the source location on the build machine; the deployed binary runs elsewhere, so paths built from it at run time are wrong. Take locations from ARGS, the environment or \`dirname(PROGRAM_FILE)\`, or read the data at build time into a \`const\`.`,
        });
      },
    };

    function definedInProject(name: string): boolean {
      return ctx.projectCache(TOP_LEVEL_FUNCTION_NAMES, () => topLevelFunctionNames(ctx.project)).has(name);
    }
  },
};

function isMember(node: SyntaxNode): boolean {
  const p = node.parent;
  return p?.type === 'field_expression' && p.namedChild(0) !== node;
}
