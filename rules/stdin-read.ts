import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { assignmentParts, baseName, callArguments, calleeName, dottedName } from '../analysis/julia-syntax';
import { isLocalName, stdStreamRef } from '../analysis/local-types';
import { Rule } from './rule';
import { visitedCalleeName } from './syntax-memo';

/** Readers that fall back to `Base.stdin` when called without a stream. */
const DEFAULT_READERS = new Set(['readline', 'readlines', 'eachline']);

const ADVICE =
  'There is no typed stdin (julia issue 55482): branch once on its concrete type (`io isa Base.TTY`, `Base.PipeEndpoint`, `IOStream`) and pass `io` to a function from each branch, or read a file whose path is given in ARGS instead.';

export const stdinRead: Rule = {
  meta: {
    code: 'TRIM102',
    name: 'stdin-read',
    summary: 'Reading standard input (`readline()`, `eachline()`, `read(stdin, ...)`, any run-time use of `stdin`)',
    severity: 'error',
    category: 'io',
    fixable: 'none',
    docs: {
      what:
        'Flags `readline()`, `readlines()` and `eachline()` called without a stream, and any run-time use of `stdin`, `Base.stdin` or `Core.stdin` as a value (`readline(stdin)`, `read(stdin, String)`, `readavailable(stdin)`, `io = stdin`).',
      why:
        '`Base.stdin` is a global typed `::IO`: whether it is a terminal, a pipe or a file is only known when the program runs, so every read from it is a dynamic call that the trim verifier cannot resolve. Unlike `Core.stdout` there is no concretely typed replacement: `Core.stdin` does not exist, and `readline(Core.stdin)` becomes `readline(getglobal(Core, :stdin)::Any)`, which fails too.',
      verifierMessage: 'unresolved call from statement Main.readline(Main.stdin::IO)::String',
      example: 'function (@main)(args)\n    name = readline()\n    println(Core.stdout, "hello ", name)\n    return 0\nend',
      useInstead:
        'read_name(io) = readline(io)  # compiled once per concrete stream type\n\n' +
        'function (@main)(args)\n    io = stdin\n    name = if io isa Base.TTY\n        read_name(io)\n    elseif io isa Base.PipeEndpoint\n        read_name(io)\n    elseif io isa IOStream\n        read_name(io)\n    else\n        ""\n    end\n    println(Core.stdout, "hello ", name)\n    return 0\nend\n\n' +
        '# Or take a file path in ARGS and read that: `f = open(args[1])` gives an `IOStream`.',
      fixSafety: 'No automatic fix: which stream types to support is the program\'s choice.',
      falsePositives:
        'Reading from an `open(path)` result, an `IOBuffer`, or a parameter typed with a concrete IO is not flagged. `stdin` used only to branch on its type (`stdin isa Base.TTY`, `io = stdin` followed by `io isa ...`) and `stdin === x` comparisons are not flagged. Top-level reads run at build time and are not flagged.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/55482',
        'https://github.com/JuliaLang/julia/issues/58458',
        'https://github.com/JuliaLang/JuliaC.jl/issues/114',
      ],
    },
  },
  create(ctx) {
    return {
      call_expression(node, owner) {
        const name = visitedCalleeName(node);
        if (!name) return;
        const fn = baseName(name);
        if (!DEFAULT_READERS.has(fn) || (name !== fn && !/^(Base|Main)\.\w+$/.test(name))) return;
        if (name === fn && isLocalName(fn, owner)) return;
        if (callArguments(node).positional.length > 0) return;
        ctx.report({
          node: node.namedChild(0) ?? node,
          message: `\`${fn}()\` without a stream reads \`Base.stdin\`, a global typed \`::IO\`; the trim verifier cannot resolve the call. ${ADVICE}`,
        });
      },

      identifier(node, owner) {
        // Cheap test first, for every identifier: `stdin` has five letters.
        if (node.endIndex - node.startIndex !== 5 || stdStreamRef(node, owner) !== 'stdin') return;
        reportReference(node, owner);
      },

      field_expression(node, owner) {
        // Cheap test first: dotted names of long chains cost their length.
        if (node.namedChildren[node.namedChildren.length - 1]?.text !== 'stdin') return;
        const name = dottedName(node);
        if (name === 'Core.stdin') {
          ctx.report({
            node,
            message: `\`Core.stdin\` does not exist: it is read as \`getglobal(Core, :stdin)::Any\`, so reading from it still fails the trim verifier. ${ADVICE}`,
          });
          return;
        }
        if (stdStreamRef(node, owner) !== 'stdin') return;
        reportReference(node, owner);
      },
    };

    function reportReference(node: SyntaxNode, owner: FunctionInfo): void {
      if (onlyBranchesOnType(node, owner)) return;
      ctx.report({
        node,
        message: `\`${node.text}\` is a global typed \`::IO\`; reads from it are dynamic calls the trim verifier cannot resolve. ${ADVICE}`,
      });
    }
  },
};

/** True for uses that do not read: assignment targets, identity comparisons and type tests. */
function onlyBranchesOnType(node: SyntaxNode, owner: FunctionInfo): boolean {
  const parent = node.parent;
  if (!parent) return false;
  // The symbol `:stdin` is not the stream.
  if (parent.type === 'quote_expression') return true;
  // A keyword named `stdin` (`pipeline(cmd, stdin = src)`) is not the stream.
  if (parent.type === 'named_argument' && parent.namedChild(0) === node) return true;
  // A default (`prompt(io::IO = stdin)`) is only read by callers that omit the stream.
  if (owner.params.some((p) => p.defaultValue && p.defaultValue.startIndex <= node.startIndex && node.endIndex <= p.defaultValue.endIndex)) return true;
  if (parent.type === 'binary_expression' && parent.namedChild(0) === node) {
    const op = parent.namedChildren.find((c) => c.type === 'operator')?.text ?? '';
    if (op === 'isa' || op === '===' || op === '!==') return true;
  }
  if (parent.type === 'binary_expression' && /^[!=]==$/.test(parent.namedChildren.find((c) => c.type === 'operator')?.text ?? '')) return true;
  if (parent.type === 'argument_list' && parent.parent?.type === 'call_expression' && calleeName(parent.parent) === 'isa' && parent.namedChild(0) === node) return true;
  if (parent.type === 'assignment') {
    const parts = assignmentParts(parent);
    if (!parts) return false;
    if (parts.lhs === node) return true;
    // `io = stdin` followed by `io isa Base.TTY` branches: the trim-safe idiom this rule recommends.
    if (parts.rhs === node && parts.lhs.type === 'identifier') return isTypeTested(parts.lhs.text, owner);
  }
  return false;
}

function isTypeTested(name: string, owner: FunctionInfo): boolean {
  const stack = [...owner.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'binary_expression' && n.namedChild(0)?.type === 'identifier' && n.namedChild(0)!.text === name) {
      if (n.namedChildren.find((c) => c.type === 'operator')?.text === 'isa') return true;
    }
    if (n.type === 'call_expression' && calleeName(n) === 'isa' && callArguments(n).positional[0]?.text === name) return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}
