import { dirname, isAbsolute, join, normalize } from 'node:path';
import { SyntaxNode } from '../grammar-bindings';
import { FileFacts, FunctionInfo, GlobalInfo, ModuleInfo, moduleStatements } from '../analysis/file-facts';
import { Fix, TextEdit } from '../analysis/finding';
import { assignmentParts, literalType } from '../analysis/julia-syntax';
import { localNames } from '../analysis/local-types';
import { Project, rangeOf } from '../analysis/project';
import { Rule } from './rule';

interface Declared {
  global: GlobalInfo;
  path: string;
}

/** What one module (all its pieces across files) declares at top level. */
interface ModuleTable {
  untyped: Map<string, Declared[]>;
  /** Names that are also const, typed, functions or types: reads of them are fine. */
  settled: Set<string>;
  /** Names assigned inside some function after `global name`. */
  reassigned: Set<string>;
}

interface ProjectTables {
  files: FileFacts[];
  byContext: Map<string, ModuleTable>;
  contextOf: Map<ModuleInfo, string>;
  untypedNames: Set<string>;
  /** Lengths of those names: a cheap first test for every identifier. */
  untypedNameLengths: Set<number>;
}

const tablesCache = new WeakMap<Project, ProjectTables>();

export const untypedGlobal: Rule = {
  meta: {
    code: 'TRIM202',
    name: 'untyped-global',
    summary: 'Non-`const`, untyped globals read in run-time code',
    severity: 'error',
    category: 'types',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags each read, inside a run-time function, of a module-level variable assigned without `const` and without a type annotation (`verbose = false`). The finding points at the read and links to the declaration.',
      why:
        'A global that is neither `const` nor typed can be rebound to a value of any type at any time, so the compiler types every read of it `Any`. Each call that uses the value is then a dynamic call the trim verifier cannot resolve.',
      verifierMessage: 'unresolved call from statement Main.println(Core.stdout, Main.verbose::Any)::Any',
      example: 'verbose = false\n\nfunction (@main)(args)\n    verbose && println(Core.stdout, "starting")\n    return 0\nend',
      useInstead:
        'const verbose = false          # never changes\n# or\nverbose::Bool = false          # may be reassigned, always a Bool\n\nfunction (@main)(args)\n    verbose && println(Core.stdout, "starting")\n    return 0\nend',
      fixSafety:
        'Both fixes edit the declaration and are unsafe. Annotating the type (`verbose::Bool = false`, offered when the value is a literal) keeps the global assignable but makes assigning a value of another type an error. Making it `const` (offered when no function assigns it with `global`) forbids reassignment.',
      falsePositives:
        '`const` globals, typed globals (`world::String = "world!"`), `const R = Ref(0)` cells, names that are also functions or types, locals that shadow the global (parameters, assignments, loop, `catch` and `let` variables), and reads at top level (build time) are not flagged. Globals declared in another file count when that file is `include`d into the same module.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/58458',
        'https://github.com/JuliaLang/julia/tree/master/test/trim',
      ],
    },
  },
  create(ctx) {
    const tables = projectTables(ctx.project);
    return {
      identifier(node, owner) {
        if (!tables.untypedNameLengths.has(node.endIndex - node.startIndex)) return;
        const name = node.text;
        if (!tables.untypedNames.has(name) || !isRead(node)) return;
        if (localNames(owner).has(name) || isFunctorSelf(name, owner)) return;
        const context = tables.contextOf.get(owner.module);
        const table = context ? tables.byContext.get(context) : undefined;
        if (!table || table.settled.has(name)) return;
        const declared = table.untyped.get(name);
        if (!declared) return;
        // Prefer a declaration in this file.
        const decl = declared.find((d) => d.path === ctx.file.path) ?? declared[0];
        const g = decl.global;
        const type = g.valueNode ? literalType(g.valueNode) : null;
        const example = type && g.valueNode ? `\`${name}::${type} = ${g.valueNode.text}\`` : `\`${name}::T = ...\` with a concrete \`T\``;
        ctx.report({
          node,
          message: `\`${name}\` is a global without \`const\` or a type, so its type is \`Any\` here and every use of it is a dynamic call the trim verifier cannot resolve. Declare it \`const\` or give it a concrete type (${example}).`,
          fixes: declarationFixes(name, declared, table, ctx.file.path),
          related: [{ path: decl.path, range: rangeOf(g.nameNode), message: `\`${name}\` is declared here without \`const\` or a type` }],
        });
      },
    };
  },
};

/** Macros whose top-level arguments are still module-level statements. */
const TRANSPARENT_MACROS = new Set(['static', 'doc', 'eval', '__doc__', 'inline', 'noinline', 'nospecialize']);

/** An assignment inside `@deprecate old begin ... end` or a similar macro is not a global. */
function insideOpaqueMacro(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'macrocall_expression') {
      const ident = p.children.find((c) => c.type === 'macro_identifier');
      if (!ident || !TRANSPARENT_MACROS.has(ident.text.replace(/^@/, ''))) return true;
    }
  }
  return false;
}

/** The object's own name in a functor method `(ss::SummarySize)(x) = ...`. */
function isFunctorSelf(name: string, owner: FunctionInfo): boolean {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) {
    const target = f.nameNode?.type === 'parenthesized_expression' ? f.nameNode.namedChild(0) : null;
    if (target?.type === 'typed_expression' && target.namedChild(0)?.text === name) return true;
  }
  return false;
}

/** False for identifiers that are written, declared, quoted or only name a field or keyword. */
function isRead(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'field_expression':
      return parent.namedChild(0) === node;
    case 'quote_expression':
    case 'macro_identifier':
    case 'scoped_identifier':
    case 'global_statement':
    case 'local_statement':
    case 'import_path':
    case 'selected_import':
    case 'import_alias':
    case 'using_statement':
    case 'import_statement':
      return false;
    case 'named_argument':
    case 'named_field':
      return parent.namedChild(0) !== node;
    case 'assignment':
      return parent.namedChild(0) !== node;
    case 'open_tuple':
      return parent.parent?.type !== 'global_statement' && parent.parent?.type !== 'local_statement';
    case 'macrocall_expression':
      // The module qualifier of `Mod.@m`.
      return !parent.children.some((c) => c.type === 'macro_identifier' && c.startIndex > node.startIndex);
    case 'typed_expression':
      // `x::Bool` asserts the type at the read: the builtin typeassert narrows it.
      return parent.namedChild(0) !== node;
    case 'binary_expression': {
      // `x === nothing` and `x isa T` are builtins that do not dispatch on the value.
      const op = parent.namedChildren.find((c) => c.type === 'operator')?.text;
      return op !== '===' && op !== '!==' && !(op === 'isa' && parent.namedChild(0) === node);
    }
    case 'argument_list':
    case 'macro_argument_list': {
      const mc = parent.parent?.type === 'macrocall_expression' ? parent.parent.children.find((c) => c.type === 'macro_identifier') : null;
      return mc?.text !== '@isdefined';
    }
    default:
      return true;
  }
}

function declarationFixes(name: string, declared: Declared[], table: ModuleTable, filePath: string): Fix[] {
  const first = declared[0];
  const g = first.global;
  const parts = g.statement.type === 'assignment' ? assignmentParts(g.statement) : null;
  const simple = g.statement.type === 'assignment' && parts?.lhs === g.nameNode && g.valueNode === parts.rhs && parts.rhs?.type !== 'assignment';
  if (!simple) return [];
  const path = first.path === filePath ? undefined : first.path;
  const withPath = (e: TextEdit): TextEdit => (path ? { ...e, path } : e);
  const fixes: Fix[] = [];
  const types = new Set(declared.map((d) => (d.global.valueNode ? literalType(d.global.valueNode) : null)));
  const type = types.size === 1 ? [...types][0] : null;
  if (type) {
    const at = rangeOf(g.nameNode).end;
    fixes.push({
      description: `Declare \`${name}::${type}\``,
      safety: 'unsafe',
      edits: [withPath({ range: { start: at, end: { ...at } }, newText: `::${type}` })],
    });
  }
  if (declared.length === 1 && !table.reassigned.has(name)) {
    const at = rangeOf(g.statement).start;
    fixes.push({
      description: `Make \`${name}\` const`,
      safety: 'unsafe',
      edits: [withPath({ range: { start: at, end: { ...at } }, newText: 'const ' })],
    });
  }
  return fixes;
}

function projectTables(project: Project): ProjectTables {
  const files = [...project.files.values()];
  const cached = tablesCache.get(project);
  if (cached && cached.files.length === files.length && cached.files.every((f, i) => f === files[i])) return cached;
  const contextOf = new Map<ModuleInfo, string>();
  const includer = new Map<string, { file: FileFacts; module: ModuleInfo }>();
  for (const f of files) {
    for (const inc of f.includes) {
      if (!inc.path) continue;
      const to = normalize(isAbsolute(inc.path) ? inc.path : join(dirname(f.path), inc.path));
      if (!includer.has(to) && project.files.has(to)) includer.set(to, { file: f, module: inc.module });
    }
  }
  const keyOf = (file: FileFacts, m: ModuleInfo, seen: Set<string>): string => {
    if (m.name !== null && m.parent) return `${keyOf(file, m.parent, seen)}.${m.name}`;
    const by = includer.get(file.path);
    if (!by || seen.has(file.path)) return `file:${file.path}`;
    seen.add(file.path);
    return keyOf(by.file, by.module, seen);
  };
  const byContext = new Map<string, ModuleTable>();
  const untypedNames = new Set<string>();
  const tableFor = (key: string): ModuleTable => {
    let t = byContext.get(key);
    if (!t) {
      t = { untyped: new Map(), settled: new Set(), reassigned: new Set() };
      byContext.set(key, t);
    }
    return t;
  };
  for (const f of files) {
    for (const m of f.modules) contextOf.set(m, keyOf(f, m, new Set()));
    const key = (m: ModuleInfo) => contextOf.get(m)!;
    for (const g of f.globals) {
      if (insideOpaqueMacro(g.statement)) continue;
      const t = tableFor(key(g.module));
      if (g.kind === 'untyped') {
        const list = t.untyped.get(g.name) ?? [];
        list.push({ global: g, path: f.path });
        t.untyped.set(g.name, list);
        untypedNames.add(g.name);
      } else {
        t.settled.add(g.name);
      }
    }
    for (const fn of f.functions) {
      if (!fn.parent && fn.name && (fn.kind === 'function' || fn.kind === 'short')) tableFor(key(fn.module)).settled.add(fn.name);
      // Reading the text is much cheaper than walking the body, and a `global` statement spells its keyword.
      if (fn.unit === fn && fn.body.some((b) => b.text.includes('global'))) for (const n of globalAssignments(fn.body)) tableFor(key(fn.module)).reassigned.add(n);
    }
    for (const s of f.structs) tableFor(key(s.module)).settled.add(s.name);
    for (const a of f.abstractTypes) tableFor(key(a.module)).settled.add(a.name);
    // `global x::Int` without a value still fixes the type.
    for (const m of f.modules) {
      for (const stmt of moduleStatements(m.node ?? f.tree.root)) {
        if (stmt.type !== 'global_statement') continue;
        const inner = stmt.namedChild(0);
        if (inner?.type === 'typed_expression' && inner.namedChild(0)?.type === 'identifier') tableFor(key(m)).settled.add(inner.namedChild(0)!.text);
      }
    }
  }
  const untypedNameLengths = new Set([...untypedNames].map((n) => n.length));
  const tables = { files, byContext, contextOf, untypedNames, untypedNameLengths };
  tablesCache.set(project, tables);
  return tables;
}

/** Names declared `global` inside a function body (including nested functions): they may be reassigned. */
function globalAssignments(body: SyntaxNode[]): string[] {
  const out: string[] = [];
  const stack = [...body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'global_statement') {
      const inner = n.namedChild(0);
      const target = inner?.type === 'assignment' ? assignmentParts(inner)?.lhs ?? null : inner;
      const ids = target?.type === 'open_tuple' ? target.namedChildren : target ? [target] : [];
      for (const id of ids) {
        if (id.type === 'identifier') out.push(id.text);
        else if (id.type === 'typed_expression' && id.namedChild(0)?.type === 'identifier') out.push(id.namedChild(0)!.text);
      }
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}
