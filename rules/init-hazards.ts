import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { callArguments, calleeName, dottedName, macroCall } from '../analysis/julia-syntax';
import { isLocalName } from '../analysis/local-types';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

const ADVICE = 'Move optional integrations into a package extension (`[weakdeps]` + `[extensions]`), which is loaded without reflection.';

export const initHazards: Rule = {
  meta: {
    code: 'TRIM702',
    name: 'init-hazards',
    summary: '`__init__` bodies that use Requires.jl (`@require`), look at `Main` (`isdefined(Main, ...)`, `Main.X`), or modules with `__init__` that load Requires',
    severity: 'warning',
    category: 'entrypoints',
    fixable: 'none',
    docs: {
      what:
        'Flags, in `__init__` functions, `@require` blocks (Requires.jl), `isdefined(Main, ...)` and references to `Main.X`; and `using Requires`/`import Requires` in a module that defines `__init__`. Run-time `eval`/`include` in `__init__` are reported by TRIM401.',
      why:
        'Every loaded module\'s `__init__` is an entry point of a trimmed program, so a dependency\'s `__init__` can fail the build even when nothing else from it is used. `@require` expands to code that checks `isprecompiling()` and registers callbacks evaluated when another package loads: the verifier cannot resolve it (`import HDF5` failed that way). Looking at `Main` for optional integrations is reflection on bindings the binary does not have (ProgressMeter\'s `isdefined(Main, :IJulia)` check).\n\nSeverity: **warning** (likely fails verification).',
      verifierMessage: 'unresolved call from statement !(isprecompiling()::Any)::Any',
      example:
        'module Plots2\nusing Requires\n\nfunction __init__()\n    @require Colors="5ae59095-9a9b-59fe-a467-6f913c188581" include("colors.jl")\n    if isdefined(Main, :IJulia)\n        enable_inline()\n    end\nend\nend',
      useInstead:
        '# Project.toml:\n# [weakdeps]\n# Colors = "5ae59095-9a9b-59fe-a467-6f913c188581"\n# [extensions]\n# Plots2ColorsExt = "Colors"\n\nmodule Plots2\nfunction __init__()\n    # nothing that inspects Main or loads code\nend\nend',
      fixSafety: 'No automatic fix: moving code into a package extension changes the package layout.',
      falsePositives:
        '`isdefined(@__MODULE__, :x)` and `isdefined(SomeModule, :x)` for other modules, `Main` used outside `__init__`, and `using Requires` in a module without `__init__` are not flagged here. Top-level `@require` outside `__init__` is build-time code.',
      evidence: [
        'https://discourse.julialang.org/t/juliac-hdf5/140113',
        'https://github.com/timholy/ProgressMeter.jl/pull/368',
        'https://github.com/JuliaLang/julia/tree/master/test/trim',
      ],
    },
  },
  create(ctx) {
    const inInit = (owner: FunctionInfo) => owner.unit.entry?.kind === 'init';
    return {
      macrocall_expression(node, owner) {
        if (!inInit(owner)) return;
        const mc = macroCall(node);
        if (!mc || mc.name !== 'require' || (mc.qualifier && mc.qualifier !== 'Requires')) return;
        ctx.report({
          node: mc.identifier,
          message: `\`@require\` in \`__init__\` registers code to evaluate when another package loads; in a trimmed program every \`__init__\` is an entry point and the verifier cannot resolve Requires' machinery (\`isprecompiling()::Any\`; \`import HDF5\` failed this way). ${ADVICE}`,
        });
      },
      call_expression(node, owner) {
        if (!inInit(owner)) return;
        const name = visitedCalleeName(node);
        if (name !== 'isdefined' && name !== 'Base.isdefined' && name !== 'Core.isdefined' && name !== 'isdefinedglobal') return;
        const first = callArguments(node).positional[0];
        if (!first || first.type !== 'identifier' || first.text !== 'Main' || isLocalName('Main', owner)) return;
        ctx.report({
          node,
          message: `\`${node.text.length > 40 ? 'isdefined(Main, ...)' : node.text}\` in \`__init__\` looks for an optional integration in \`Main\` at start-up; a trimmed binary's \`Main\` holds none of the interactive bindings, and the code behind the check is still compiled and verified (ProgressMeter PR 368). ${ADVICE}`,
        });
      },
      field_expression(node, owner) {
        if (!inInit(owner)) return;
        if (node.parent?.type === 'field_expression' && node.parent.namedChild(0) === node) return; // report the outermost `Main.X.y` once
        const name = dottedName(node);
        if (!name || !name.startsWith('Main.') || isLocalName('Main', owner)) return;
        if (isInsideMainIsdefined(node)) return;
        ctx.report({
          node,
          message: `\`${name}\` in \`__init__\` reaches into \`Main\` for a binding the trimmed program does not define; the access is dynamic and the verifier cannot resolve calls on it. ${ADVICE}`,
        });
      },
      file() {
        for (const imp of ctx.file.imports) {
          if (!imp.targets.some((t) => t === 'Requires' || t.startsWith('Requires.'))) continue;
          const hasInit = ctx.file.functions.some((f) => f.entry?.kind === 'init' && f.module === imp.module);
          if (!hasInit) continue;
          ctx.report({
            node: imp.node,
            owner: null,
            message: `This module loads Requires.jl and defines \`__init__\`: \`__init__\` is an entry point of a trimmed program, and Requires' \`@require\` machinery cannot be verified (\`import HDF5\` failed this way). ${ADVICE}`,
          });
        }
      },
    };
  },
};

function isInsideMainIsdefined(n: SyntaxNode): boolean {
  const call = n.parent?.type === 'argument_list' ? n.parent.parent : null;
  return !!call && call.type === 'call_expression' && /isdefined$/.test(calleeName(call) ?? '');
}
