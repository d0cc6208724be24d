import { macroCall } from '../analysis/julia-syntax';
import { findParam, isLocalName, localAssignedValue } from '../analysis/local-types';
import { Rule } from './rule';

export const cfunctionDynamic: Rule = {
  meta: {
    code: 'TRIM602',
    name: 'cfunction-dynamic',
    summary: '`@cfunction` of a run-time function value (`@cfunction($f, ...)`, a parameter or local)',
    severity: 'error',
    category: 'c-interop',
    fixable: 'none',
    docs: {
      what:
        'Flags, in run-time code, `@cfunction($f, RT, (Args...,))` (the closure form, which builds a C trampoline around a run-time value) and `@cfunction(f, ...)` where `f` is a parameter or a local variable rather than a named global function.',
      why:
        'The verifier keeps a `@cfunction` only when it can resolve the call it wraps to compiled code. A function that arrives as a value has a type known only at run time, so there is nothing to compile and the C pointer would lead nowhere.\n\nSeverity: **error** (the verifier fails).',
      verifierMessage: 'unresolved cfunction',
      example:
        'function install(callback)\n    ptr = @cfunction($callback, Cvoid, (Ptr{Cvoid},))\n    ccall((:set_handler, "libfoo"), Cvoid, (Ptr{Cvoid},), ptr)\nend',
      useInstead:
        'on_event(data::Ptr{Cvoid}) = nothing\n\nfunction install()\n    ptr = @cfunction(on_event, Cvoid, (Ptr{Cvoid},))\n    ccall((:set_handler, "libfoo"), Cvoid, (Ptr{Cvoid},), ptr)\nend\n\n# Pass your state through the C library\'s `void *userdata` instead of a closure.',
      fixSafety: 'No automatic fix: the callback must become a named function with its state passed through C.',
      falsePositives:
        '`@cfunction(named_function, Cvoid, (Ptr{Cvoid},))` with a function defined at global scope is trim-safe (it is in the BasicJLL trim test) and is not flagged; nor are `@cfunction`s at top level (build time).',
      versions:
        'Before julia PR 58812 (June 2025) the verifier printed `unresolved cfunction` as a warning for every `@cfunction` (seen in Ipopt PR 478) and the build passed; since then named targets are checked and unresolved ones are errors.',
      evidence: [
        'https://github.com/JuliaLang/julia/pull/58812',
        'https://github.com/JuliaLang/julia/blob/master/Compiler/src/verifytrim.jl',
        'https://github.com/jump-dev/Ipopt.jl/pull/478',
        'https://github.com/JuliaLang/julia/issues/57888',
      ],
    },
  },
  create(ctx) {
    return {
      macrocall_expression(node, owner) {
        const mc = macroCall(node);
        if (!mc || mc.name !== 'cfunction') return;
        const f = mc.args[0];
        if (!f) return;
        if (f.type === 'interpolation_expression') {
          ctx.report({
            node: f,
            message: `\`@cfunction(${f.text}, ...)\` wraps a run-time function value in a C trampoline; the trim verifier cannot resolve which method it calls (\`unresolved cfunction\`). Use a named global function and pass state through the C library's user-data pointer.`,
          });
          return;
        }
        if (f.type !== 'identifier' || !isLocalName(f.text, owner)) return;
        const what = findParam(f.text, owner) ? 'a parameter' : 'a local variable';
        // `cb = named_global` keeps the name resolvable only when the value is itself a global function name.
        const value = findParam(f.text, owner) ? null : localAssignedValue(f.text, owner);
        if (value && value.type === 'identifier' && !isLocalName(value.text, owner)) return;
        ctx.report({
          node: f,
          message: `\`${f.text}\` is ${what}, so \`@cfunction\` cannot know which function it wraps until run time; the trim verifier reports \`unresolved cfunction\`. Name a global function here.`,
        });
      },
    };
  },
};
