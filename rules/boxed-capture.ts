import { SyntaxNode } from '../grammar-bindings';
import { FunctionInfo } from '../analysis/file-facts';
import { Finding } from '../analysis/finding';
import { localNames } from '../analysis/local-types';
import { rangeOf } from '../analysis/project';
import { boxedCaptures } from '../analysis/type-facts';
import { functionIndex } from './function-index';
import { Rule } from './rule';

export const boxedCapture: Rule = {
  meta: {
    code: 'TRIM206',
    name: 'boxed-capture',
    summary: 'A local captured by a closure, `do` block or comprehension and assigned more than once (`Core.Box`)',
    severity: 'warning',
    category: 'types',
    fixable: 'none',
    docs: {
      what:
        'Flags a local variable that a closure (`x -> ...`, a `do` block, an inner function) or a comprehension/generator uses, when the variable is assigned inside the closure or more than once in the enclosing function: `n = 0; foreach(x -> (n += x), xs)`, `s = 0; for x in xs; s += x; end; f = () -> s`.',
      why:
        'Julia stores such a variable in a `Core.Box`, a mutable cell whose `contents` field is typed `Any`. Every read of it inside the closure (and after, in the function) is then `Any`, and each call on it is dynamic dispatch, which the trim verifier cannot resolve. `stacktrace()` itself fails to trim on 1.12.4 for this reason (11 verifier errors, julia issue 60669).',
      verifierMessage: 'unresolved call from statement Base.getproperty(Core.getfield(%new()::Box, :contents)::Any, :def)::Any',
      example: 'function total(xs::Vector{Int})\n    n = 0\n    foreach(x -> (n += x), xs)\n    return n\nend',
      useInstead:
        'function total(xs::Vector{Int})\n    n = Ref(0)\n    foreach(x -> (n[] += x), xs)\n    return n[]\nend\n\n# or a plain loop: for x in xs; n += x; end',
      fixSafety: 'No automatic fix. Use a `Ref` cell (`n = Ref(0)`, `n[] += x`), rebind with `let n = n ... end` when the closure only reads the variable, or replace the closure by a loop.',
      falsePositives:
        'Captured variables assigned once, variables rebound with `let n = n` around the closure, `Ref` cells mutated through `n[]`, loop variables (fresh in each iteration), closure parameters and locals declared `local` inside the closure are not flagged. Julia may avoid the box in some cases where every assignment comes before the closure is created; the rule still warns, since lowering decides that per version.',
      evidence: ['https://github.com/JuliaLang/julia/issues/60669', 'https://github.com/JuliaLang/julia/issues/15276'],
    },
  },
  create(ctx) {
    const seen = new Set<string>();
    const report = (name: string, at: SyntaxNode, closure: string, outer: FunctionInfo, assignments: SyntaxNode[], owner: FunctionInfo) => {
      const key = `${at.startIndex}:${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const related: Finding['related'] = assignments.slice(0, 4).map((a) => ({ path: ctx.file.path, range: rangeOf(a), message: `\`${name}\` assigned here` }));
      ctx.report({
        node: at,
        owner,
        related,
        message:
          `\`${name}\` is captured by ${closure} and assigned more than once${outer.name ? ` in \`${outer.name}\`` : ''}, so Julia keeps it in a \`Core.Box\` whose contents are \`Any\`: calls on it are dynamic, which the trim verifier cannot resolve. ` +
          `Use a \`Ref\` (\`${name} = Ref(...)\`, \`${name}[] += ...\`), rebind it with \`let ${name} = ${name}\`, or use a loop instead of the closure.`,
      });
    };
    return {
      file() {
        // The functions of each unit, in file order, gathered once instead of once per unit.
        const byUnit = new Map<FunctionInfo, FunctionInfo[]>();
        for (const f of ctx.file.functions) {
          const list = byUnit.get(f.unit);
          if (list) list.push(f);
          else byUnit.set(f.unit, [f]);
        }
        for (const unit of ctx.file.functions) {
          if (unit.parent || unit.buildTime || unit.kind === 'macro') continue;
          const unitFunctions = byUnit.get(unit) ?? [];
          for (const b of boxedCaptures(unit, unitFunctions)) {
            if (reboundByLet(b.closure.node, b.outer, b.name)) continue;
            const at = firstUse(b.closure, b.name);
            if (!at) continue;
            const what = b.closure.kind === 'do' ? 'a `do` block' : b.closure.kind === 'lambda' ? 'a closure' : `the inner function${b.closure.name ? ` \`${b.closure.name}\`` : ''}`;
            report(b.name, at, what, b.outer, b.assignments, b.closure);
          }
          for (const f of unitFunctions) checkComprehensions(f);
        }
      },
    };

    /** Comprehensions and generators are closures too: a reassigned local they read is boxed. */
    function checkComprehensions(f: FunctionInfo): void {
      let counts: Map<string, SyntaxNode[]> | null = null;
      for (const n of functionIndex(f).generators) {
        const clauses = n.children.filter((c) => c.type === 'for_clause');
        const own = new Set<string>();
        for (const c of clauses) for (const b of c.namedChildren) if (b.type === 'for_binding') for (const id of idents(b.namedChild(0))) own.add(id);
        const locals = localNames(f);
        counts ??= assignmentCounts(f);
        const body = n.children.filter((c) => c.named && c.type !== 'for_clause');
        const used = new Map<string, SyntaxNode>();
        const inner = [...body, ...clauses.flatMap((c) => c.namedChildren.map((b) => b.namedChild(b.namedChildCount - 1)).filter((x): x is SyntaxNode => !!x))];
        // The first iterated collection is evaluated outside the generator: it is not captured.
        const firstColl = clauses[0].namedChildren.find((b) => b.type === 'for_binding')?.namedChild(clauses[0].namedChildren[0].namedChildCount - 1);
        for (const root of inner) {
          if (root === firstColl) continue;
          const s2 = [root];
          while (s2.length > 0) {
            const m = s2.pop()!;
            if (m.type === 'identifier' && !own.has(m.text) && locals.has(m.text) && !used.has(m.text)) used.set(m.text, m);
            for (const c of m.children) s2.push(c);
          }
        }
        for (const [name, at] of used) {
          if (f.params.some((p) => p.name === name) && (counts.get(name)?.length ?? 0) === 0) continue;
          const assigns = counts.get(name) ?? [];
          const total = assigns.length + (f.params.some((p) => p.name === name) ? 1 : 0);
          if (total > 1 && !reboundByLet(n, f, name)) report(name, at, n.type === 'comprehension_expression' ? 'a comprehension' : 'a generator', f, assigns, f);
        }
      }
    }
  },
};

function idents(n: SyntaxNode | null): string[] {
  if (!n) return [];
  if (n.type === 'identifier') return [n.text];
  return n.namedChildren.flatMap((c) => idents(c));
}

/** Assignments (and loop bindings) per local name in `f`, closures excluded. */
function assignmentCounts(f: FunctionInfo): Map<string, SyntaxNode[]> {
  const out = new Map<string, SyntaxNode[]>();
  const add = (name: string, n: SyntaxNode) => {
    const list = out.get(name);
    if (list) list.push(n);
    else out.set(name, [n]);
  };
  for (const n of functionIndex(f).binders) {
    if (n.type === 'assignment' || n.type === 'compound_assignment_expression') {
      const lhs = n.namedChild(0);
      const id = lhs?.type === 'typed_expression' ? lhs.namedChild(0) : lhs;
      if (id?.type === 'identifier') add(id.text, n);
      else if (lhs && (lhs.type === 'open_tuple' || lhs.type === 'tuple_expression')) for (const x of idents(lhs)) add(x, n);
    } else if (n.parent?.type === 'for_statement') {
      for (const x of idents(n.namedChild(0))) add(x, n);
    }
  }
  return out;
}

/** True when a `let name = ...` between `outer` and `node` gives the closure its own binding. */
function reboundByLet(node: SyntaxNode, outer: FunctionInfo, name: string): boolean {
  for (let p = node.parent; p && p !== outer.node; p = p.parent) {
    if (p.type !== 'let_statement') continue;
    for (const b of p.namedChildren) {
      if (b.type !== 'let_binding') continue;
      const target = b.namedChild(0);
      if (target && idents(target.type === 'typed_expression' ? target.namedChild(0) : target).includes(name)) return true;
    }
  }
  return false;
}

function firstUse(closure: FunctionInfo, name: string): SyntaxNode | null {
  let best: SyntaxNode | null = null;
  const stack = [...closure.body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === name && (!best || n.startIndex < best.startIndex)) best = n;
    for (const c of n.children) stack.push(c);
  }
  return best;
}
