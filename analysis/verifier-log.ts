/**
 * Reads the output of a `juliac --trim` build and extracts the trim verifier's items with their
 * stack frames. Pure: text in, items out; nothing here knows about the project's files.
 *
 * What the verifier prints (`Compiler/src/verifytrim.jl`, `verify_typeinf_trim`), as seen in
 * public reports (julia #58458, #60331, #60669, PR #57530, PR #57657; JuliaC #70, #84, #114;
 * ArgParse #138; FFTW #319):
 *
 * - Each item starts with a numbered prefix. Julia 1.12 prints `Verifier error #N: ` or
 *   `Verifier warning #N: `; later builds print `Error #N: ` (in the error colour) for both
 *   severities, with the description in yellow for warnings, and some builds print `Warning #N: `.
 *   Errors and warnings are numbered separately, so without colour a bare `Error #N:` is told apart
 *   by following each counter. The prefix can share a line with earlier output (JuliaC's spinner:
 *   `◐ Compiling...Verifier error #1: ...`).
 * - Call items read `<description> from statement <statement>`; a very early build printed
 *   `unresolved call to builtin from <statement>`. Descriptions: `unresolved call`,
 *   `unresolved invoke`, `unresolved call to (unknown) builtin` (earlier `unresolved call to
 *   builtin`), `unresolved call to function`, `unresolved argument to call`,
 *   `unresolved finalizer registered`, `unresolved cfunction`, `unresolved opaque closure`,
 *   `disallowed ccall into a runtime function`, `disallowed ccall with non-constant name and no
 *   library`, ``trim verification not yet implemented for builtin `Core.X` ``. The statement is
 *   printed with inferred types (`Base.print(Base.stdout::IO, x::Int64, "\n")::Nothing`); newer
 *   builds break a call with unstable arguments over several lines, two spaces per level, closing
 *   with `)::Type`. A statement whose type is `Union{}` (the call must throw) is only a warning.
 * - `@ccallable` items have no statement and no stack: `unresolved ccallable for
 *   Tuple{typeof(M.f), Int32} => Int32` and `ccallable declared return type does not match
 *   inference for Tuple{...} => T`.
 * - Call items are followed by `Base.show_backtrace`: `Stacktrace:` (after a blank line in newer
 *   builds), then frames innermost first: ` [k] signature` with `[k]` right-aligned to the widest
 *   number (`  [8]` above ` [10]`), optionally ` (repeats n times)`, then `   @ Module path:line`,
 *   with ` [inlined]` when the frame was inlined into the next. The module is left out for some
 *   frames (`[3] macro expansion` / `@ logging/logging.jl:405`). `JULIA_STACKTRACE_LINEBREAKS`
 *   puts a blank line between frames; traces over 50 frames may contain `⋮` and
 *   `--- the above N lines are repeated M more times ---`. The outermost frame of an executable
 *   build is JuliaC's `_main(argc::Int32, argv::Ptr{Ptr{Int8}})` in `juliac-buildscript.jl`.
 * - Paths are the build machine's: Base files relative (`./coreio.jl`, `strings/io.jl`, on Windows
 *   `strings\io.jl`), stdlibs relative in newer builds (`./libblastrampoline_jll/src/...`) or under
 *   `share/julia/stdlib/v1.12/`, packages under `~/.julia/packages/<Name>/<slug>/`, the user's own
 *   files absolute or `~/`-contracted.
 * - Each item ends with a blank line; the run ends with `Trim verify finished with N errors, M
 *   warnings.` (before PR #57657, one `Trim verify finished with N errors.` line per severity;
 *   TrimCheck.jl prints `Verifier errors: N, warnings: M`). Then JuliaC prints its own
 *   `ERROR: Failed to compile ...` with a `Stacktrace:` that is not a verifier item.
 * - Output may carry ANSI colour codes (types in red or yellow, frames in grey) and carriage returns
 *   from progress spinners, and other build output can be mixed in between items.
 */

export type VerifierSeverity = 'error' | 'warning';

export interface VerifierFrame {
  /** The `[k]` number, 1 for the innermost frame. */
  index: number;
  /** The printed signature, such as `print(io::IO, x::Int64)` or `macro expansion`. */
  signature: string;
  /** `Base`, `Base.Filesystem`, `MyApp`; null when the frame printed none. */
  module: string | null;
  /** The path as printed on the build machine; null when the frame had no `@` line. */
  file: string | null;
  line: number | null;
  inlined: boolean;
  /** `(repeats n times)`. */
  repeats: number;
}

export interface VerifierItem {
  severity: VerifierSeverity;
  /** The `#N` the verifier gave the item (counted per severity). */
  number: number;
  /** The prefix as printed: `Verifier error`, `Verifier warning`, `Error`, `Warning`. */
  prefix: string;
  /** `unresolved call`, `unresolved ccallable`, ... */
  description: string;
  /** The statement (call items) or `sig => rettype` (ccallable items), on one line. */
  statement: string | null;
  /** The verifier's own text for the item, on one line, without the `#N:` prefix. */
  text: string;
  /** Innermost first, as printed. */
  frames: VerifierFrame[];
  /** 0-based line of the item's header in the log. */
  logLine: number;
}

export interface VerifierSummary {
  errors: number;
  warnings: number;
}

export interface VerifierLog {
  items: VerifierItem[];
  /** From the closing `Trim verify finished with ...` line(s), when present. */
  summary: VerifierSummary | null;
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

const HEADER = /(?:^|[^\w#])(Verifier error|Verifier warning|Error|Warning) #(\d+):\s?(.*)$/;

/** Descriptions the verifier has printed, most specific first. */
const KNOWN_DESCRIPTIONS = [
  'unresolved call to (unknown) builtin',
  'unresolved call to builtin',
  'unresolved call to function',
  'unresolved argument to call',
  'unresolved call',
  'unresolved invoke',
  'unresolved finalizer registered',
  'unresolved cfunction',
  'unresolved opaque closure',
  'unresolved ccallable',
  'ccallable declared return type does not match inference',
  'disallowed ccall into a runtime function',
  'disallowed ccall with non-constant name and no library',
];

const FRAME = /^\s*\[(\d+)\]\s+(.*?)\s*$/;
const LOCATION = /^\s*@\s+(?:([A-Za-z_][\w!.]*)\s+)?(.+?):(\d+)(\s+\[inlined\])?\s*$/;
const LOCATION_NO_LINE = /^\s*@\s+(?:([A-Za-z_][\w!.]*)\s+)?(.+?)(\s+\[inlined\])?\s*$/;
const REPEATS = /\s*\(repeats (\d+) times\)$/;
const SUMMARY = /Trim verify finished with (\d+) (errors?|warnings?)(?:,\s*(\d+) warnings?)?/;
const TRIMCHECK_SUMMARY = /Verifier errors:\s*(\d+),\s*warnings:\s*(\d+)/;
const TRACE_FILLER = /^\s*(?:⋮|\.\.\.|--- the (?:above|last) \d+ lines? (?:is|are) repeated \d+ more times? ---)\s*$/;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** One log line as it reads on screen: spinner redraws (`\r`) and colour codes removed. */
function visibleLine(raw: string): string {
  const line = stripAnsi(raw.replace(/\r+$/, ''));
  const header = HEADER.exec(line);
  if (header && isItemHeader(header)) return line.slice(line.indexOf(`${header[1]} #${header[2]}:`, header.index));
  const cr = line.lastIndexOf('\r');
  return cr === -1 ? line : line.slice(cr + 1);
}

function isItemHeader(m: RegExpExecArray): boolean {
  const prefix = m[1];
  const rest = m[3];
  if (prefix.startsWith('Verifier')) return true;
  // A bare `Error #N:` is only taken when what follows reads like a verifier item.
  return KNOWN_DESCRIPTIONS.some((d) => rest.startsWith(d)) || rest.startsWith('trim verification not yet implemented') || / from statement /.test(rest);
}

/** Splits `<description> from statement <stmt>` / `<description> for <sig> => <rt>`. */
export function splitItemText(text: string): { description: string; statement: string | null } {
  const fromStatement = text.indexOf(' from statement ');
  if (fromStatement !== -1) return { description: text.slice(0, fromStatement), statement: text.slice(fromStatement + 16) };
  for (const d of ['unresolved ccallable', 'ccallable declared return type does not match inference']) {
    if (text.startsWith(d + ' for ')) return { description: d, statement: text.slice(d.length + 5) };
  }
  const from = text.indexOf(' from ');
  if (from !== -1) return { description: text.slice(0, from), statement: text.slice(from + 6) };
  return { description: text.trim(), statement: null };
}

/** The SGR colours right after `#N:` on the raw line: yellow marks a warning, red an error. */
function colourSeverity(raw: string): VerifierSeverity | null {
  const m = /#\d+:\s*((?:\s*\x1b\[[0-9;]*m)+)/.exec(raw);
  if (!m) return null;
  let found: VerifierSeverity | null = null;
  for (const seq of m[1].matchAll(/\x1b\[([0-9;]*)m/g)) {
    for (const code of seq[1].split(';')) {
      if (code === '33' || code === '93') found = 'warning';
      else if (code === '31' || code === '91') found = 'error';
    }
  }
  return found;
}

/** Counts unclosed brackets in a printed statement, skipping string and character literals. */
function openBrackets(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return depth;
}

/** Continuation lines of a statement are indented arguments or the closing `)`. */
function isStatementContinuation(line: string): boolean {
  if (!/^(\s+\S|\))/.test(line)) return false;
  return line.trim() !== 'Stacktrace:' && !HEADER.test(line) && !FRAME.test(line) && !/^\s*@\s/.test(line);
}

/** Joins a statement printed over several lines into one, `f(\n  a,\n  b\n)` -> `f(a, b)`. */
function joinStatementLines(lines: string[]): string {
  let out = '';
  for (const l of lines) {
    const t = l.trim();
    if (out === '') out = l.trimEnd();
    else out += (out.endsWith(',') ? ' ' : '') + t;
  }
  return out;
}

interface PendingItem {
  item: VerifierItem;
  explicit: VerifierSeverity | null;
  mustThrow: boolean;
}

export function parseVerifierLog(text: string): VerifierLog {
  const rawLines = text.split('\n');
  const lines = rawLines.map(visibleLine);
  const pending: PendingItem[] = [];
  let summary: VerifierSummary | null = null;

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const header = HEADER.exec(line);
    if (header && isItemHeader(header)) {
      i = readItem(i, header);
      continue;
    }
    readSummary(line);
    i++;
  }

  function readSummary(line: string): void {
    const s = SUMMARY.exec(line);
    if (s) {
      const n = Number(s[1]);
      summary ??= { errors: 0, warnings: 0 };
      if (s[2].startsWith('error')) {
        summary.errors = n;
        if (s[3] !== undefined) summary.warnings = Number(s[3]);
      } else {
        summary.warnings = n;
      }
      return;
    }
    const t = TRIMCHECK_SUMMARY.exec(line);
    if (t) summary = { errors: Number(t[1]), warnings: Number(t[2]) };
  }

  function readItem(start: number, header: RegExpExecArray): number {
    const prefix = header[1];
    const statementLines = [header[3]];
    let i = start + 1;
    // A statement printed over several lines continues while its brackets are open.
    while (i < lines.length && openBrackets(statementLines.join('\n')) > 0 && isStatementContinuation(lines[i])) {
      statementLines.push(lines[i]);
      i++;
    }
    const itemText = joinStatementLines(statementLines);
    const { description, statement } = splitItemText(itemText);
    const frames: VerifierFrame[] = [];

    // Blank lines may separate the statement from `Stacktrace:`.
    let j = i;
    while (j < lines.length && lines[j].trim() === '') j++;
    if (j < lines.length && lines[j].trim() === 'Stacktrace:') {
      i = readFrames(j + 1, frames);
    }

    const explicit: VerifierSeverity | null =
      prefix === 'Verifier warning' || prefix === 'Warning' ? 'warning' : prefix === 'Verifier error' ? 'error' : colourSeverity(rawLines[start]);
    pending.push({
      item: {
        severity: explicit ?? 'error',
        number: Number(header[2]),
        prefix,
        description,
        statement,
        text: itemText.trim(),
        frames,
        logLine: start,
      },
      explicit,
      mustThrow: /::Union\{\}\s*$/.test(itemText) || description === 'unresolved opaque closure',
    });
    return i;
  }

  function readFrames(start: number, frames: VerifierFrame[]): number {
    let i = start;
    while (i < lines.length) {
      const line = lines[i];
      if (line.trim() === '') {
        // Frames may be separated by blank lines (and `⋮`); the trace goes on only if a later frame follows.
        let j = i + 1;
        while (j < lines.length && (lines[j].trim() === '' || TRACE_FILLER.test(lines[j]))) j++;
        const next = j < lines.length ? FRAME.exec(lines[j]) : null;
        if (next && frames.length > 0 && Number(next[1]) > frames[frames.length - 1].index) {
          i = j;
          continue;
        }
        return i;
      }
      const frame = FRAME.exec(line);
      if (frame) {
        let signature = frame[2];
        let repeats = 1;
        const rep = REPEATS.exec(signature);
        if (rep) {
          repeats = Number(rep[1]);
          signature = signature.slice(0, rep.index);
        }
        frames.push({ index: Number(frame[1]), signature, module: null, file: null, line: null, inlined: false, repeats });
        i++;
        continue;
      }
      if (/^\s*@\s/.test(line) && frames.length > 0) {
        const last = frames[frames.length - 1];
        const loc = LOCATION.exec(line);
        if (loc) {
          last.module = loc[1] ?? null;
          last.file = loc[2];
          last.line = Number(loc[3]);
          last.inlined = !!loc[4];
        } else {
          const bare = LOCATION_NO_LINE.exec(line);
          if (bare) {
            last.module = bare[1] ?? null;
            last.file = bare[2];
            last.inlined = !!bare[3];
          }
        }
        i++;
        continue;
      }
      if (TRACE_FILLER.test(line)) {
        i++;
        continue;
      }
      // Anything else is other build output: the item is over.
      return i;
    }
    return i;
  }

  return { items: assignSeverities(pending, summary), summary };
}

/**
 * Items printed as a bare `Error #N:` without colour carry no severity of their own. Errors and
 * warnings are numbered separately, so each item continues one of the two counters; when both fit,
 * a statement typed `Union{}` (must throw, the verifier's warning case) decides, else error.
 */
function assignSeverities(pending: PendingItem[], summary: VerifierSummary | null): VerifierItem[] {
  let errors = 0;
  let warnings = 0;
  const noWarnings = summary !== null && summary.warnings === 0;
  for (const p of pending) {
    let severity: VerifierSeverity;
    if (p.explicit) severity = p.explicit;
    else if (noWarnings) severity = 'error';
    else {
      const fitsError = p.item.number === errors + 1;
      const fitsWarning = p.item.number === warnings + 1;
      if (fitsError && fitsWarning) severity = p.mustThrow ? 'warning' : 'error';
      else if (fitsWarning) severity = 'warning';
      else if (fitsError) severity = 'error';
      else severity = p.mustThrow ? 'warning' : 'error';
    }
    p.item.severity = severity;
    if (severity === 'error') errors = Math.max(errors, p.item.number);
    else warnings = Math.max(warnings, p.item.number);
  }
  return pending.map((p) => p.item);
}

/** The function a frame's signature names: `print(io::IO, x)` -> `print`, `(f::F)(x)` -> `(f::F)`. */
export function frameFunctionName(signature: string): string {
  const s = signature.trim();
  if (s.startsWith('(')) {
    let depth = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) return s.slice(0, i + 1);
    }
    return s;
  }
  const paren = s.indexOf('(');
  return paren === -1 ? s : s.slice(0, paren);
}
