import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameFunctionName, parseVerifierLog, stripAnsi } from '../../analysis/verifier-log';
import { classifyVerifierItem } from '../../rules/verifier-log-findings';

const LOGS = join(__dirname, 'fixtures', 'logs');
const readLog = (name: string) => readFileSync(join(LOGS, name), 'utf8');

describe('parseVerifierLog: Julia 1.12 output', () => {
  const log = parseVerifierLog(readLog('julia-1.12.log'));

  it('reads every item, and nothing from the build output around them', () => {
    expect(log.items.map((i) => `${i.severity} #${i.number}`)).toEqual([
      'error #1',
      'error #2',
      'error #3',
      'error #4',
      'error #5',
      'warning #1',
      'error #6',
      'error #7',
      'error #8',
      'error #9',
    ]);
    expect(log.summary).toEqual({ errors: 9, warnings: 1 });
  });

  it('reads the header behind a progress spinner on the same line', () => {
    const first = log.items[0];
    expect(first.prefix).toBe('Verifier error');
    expect(first.description).toBe('unresolved call');
    expect(first.statement).toBe('Base.print(Base.stdout::IO, k::Any, " = ", v::Any, "\\n")::Nothing');
    expect(first.logLine).toBe(2);
  });

  it('reads frames with module, path, line and [inlined]', () => {
    const item = log.items[3];
    expect(item.frames.map((f) => [f.index, frameFunctionName(f.signature), f.module, f.file, f.line, f.inlined])).toEqual([
      [1, 'read_args_from_files', 'ArgParse', '~/.julia/packages/ArgParse/mpp98/src/parsing.jl', 573, false],
      [2, 'parse_args_unhandled', 'ArgParse', '~/.julia/packages/ArgParse/mpp98/src/parsing.jl', 598, false],
      [3, 'parse_args', 'ArgParse', '~/.julia/packages/ArgParse/mpp98/src/parsing.jl', 466, true],
      [4, 'parse_commandline', 'App', '/home/ci/work/App/src/App.jl', 19, true],
      [5, 'main', 'App', '/home/ci/work/App/src/App.jl', 10, false],
      [6, '_main', 'Main', '~/.julia/packages/JuliaC/EFQEY/src/scripts/juliac-buildscript.jl', 77, false],
    ]);
  });

  it('reads a stackless @ccallable item', () => {
    const item = log.items.find((i) => i.description === 'unresolved ccallable')!;
    expect(item.statement).toBe('Tuple{typeof(App.c_entry), Int32} => Int32');
    expect(item.frames).toEqual([]);
  });

  it("does not take JuliaC's own failure stack trace as part of the last item", () => {
    const last = log.items[log.items.length - 1];
    expect(last.frames.map((f) => frameFunctionName(f.signature))).toEqual(['__init__']);
  });
});

describe('parseVerifierLog: later builds, colour, Windows paths', () => {
  const log = parseVerifierLog(readLog('later-build-colour.log'));

  it('tells warnings from errors by the colour of a bare `Error #N:` item', () => {
    expect(log.items.map((i) => `${i.prefix} ${i.severity} #${i.number}`)).toEqual(['Error error #1', 'Error warning #1', 'Error error #2']);
    expect(log.summary).toEqual({ errors: 2, warnings: 1 });
  });

  it('strips colour codes and joins statements printed over several lines', () => {
    expect(log.items[1].statement).toBe('Base.throw(Base.ArgumentError("reducing over an empty collection is not allowed")::ArgumentError)::Union{}');
    expect(log.items[2].statement).toBe('(f::Any)((Base.getindex(args, 1)::String)::String, extra::Any)::Any');
    for (const item of log.items) expect(item.text).not.toMatch(/\x1b/);
  });

  it('reads the stack trace after the blank line, with Windows paths', () => {
    expect(log.items[0].frames.map((f) => [f.module, f.file, f.line, f.inlined])).toEqual([
      ['Base', '.\\coreio.jl', 5, true],
      ['App', 'C:\\Users\\ci\\src\\App\\src\\report.jl', 3, false],
      ['App', 'C:\\Users\\ci\\src\\App\\src\\App.jl', 11, false],
      ['Main', 'C:\\Users\\ci\\.julia\\packages\\JuliaC\\EFQEY\\src\\scripts\\juliac-buildscript.jl', 77, false],
    ]);
  });
});

describe('parseVerifierLog: formats written from the printing code', () => {
  it('follows the two counters when a bare `Error #N:` has no colour', () => {
    const text = [
      'Error #1: unresolved call from statement Base.print(Base.stdout::IO, x::Int64)::Nothing',
      '',
      'Error #2: unresolved invoke from statement f(x::Any)::Any',
      '',
      'Error #1: unresolved call from statement Base.throw(e::Any)::Union{}',
      '',
      'Error #3: unresolved call from statement g(x::Any)::Any',
      '',
      'Error #2: unresolved call from statement h(x::Any)::Any',
      '',
      'Trim verify finished with 3 errors, 2 warnings.',
    ].join('\n');
    expect(parseVerifierLog(text).items.map((i) => `${i.severity} #${i.number}`)).toEqual(['error #1', 'error #2', 'warning #1', 'error #3', 'warning #2']);
  });

  it('takes `Warning #N:` as a warning and reads the older one-line-per-severity summary', () => {
    const log = parseVerifierLog(
      'Warning #1: unresolved opaque closure from statement Core._opaque_closure(...)::Any\n\nError #1: unresolved call from statement f(x::Any)::Any\n\nTrim verify finished with 1 error.\nTrim verify finished with 1 warning.\n',
    );
    expect(log.items.map((i) => `${i.severity} ${i.description}`)).toEqual(['warning unresolved opaque closure', 'error unresolved call']);
    expect(log.summary).toEqual({ errors: 1, warnings: 1 });
  });

  it('reads CRLF logs, frames separated by blank lines, frames without a module and repeated frames', () => {
    const text = [
      'Verifier error #1: trim verification not yet implemented for builtin `Core.invokelatest` from statement Core.invokelatest(f::Any)::Any',
      'Stacktrace:',
      '  [1] invokelatest(::Any)',
      '    @ Base essentials.jl:1057 [inlined]',
      '',
      '  [2] macro expansion',
      '    @ logging/logging.jl:405 [inlined]',
      '',
      '  [3] loop(n::Int64) (repeats 2 times)',
      '    @ Main /home/me/app/main.jl:4',
      '',
      '  ⋮',
      '',
      '  [4] main(args::Vector{String})',
      '    @ Main /home/me/app/main.jl:9',
      '',
      'Trim verify finished with 1 error, 0 warnings.',
      '',
    ].join('\r\n');
    const [item] = parseVerifierLog(text).items;
    expect(item.description).toBe('trim verification not yet implemented for builtin `Core.invokelatest`');
    expect(item.statement).toBe('Core.invokelatest(f::Any)::Any');
    expect(item.frames.map((f) => [f.index, f.signature, f.module, f.file, f.line, f.inlined, f.repeats])).toEqual([
      [1, 'invokelatest(::Any)', 'Base', 'essentials.jl', 1057, true, 1],
      [2, 'macro expansion', null, 'logging/logging.jl', 405, true, 1],
      [3, 'loop(n::Int64)', 'Main', '/home/me/app/main.jl', 4, false, 2],
      [4, 'main(args::Vector{String})', 'Main', '/home/me/app/main.jl', 9, false, 1],
    ]);
  });

  it('reads the early `unresolved call to builtin from` form', () => {
    const [item] = parseVerifierLog('Verifier error #2: unresolved call to builtin from (Core._call_latest)(f, x::Int64)::Any\nStacktrace:\n [1] g()\n   @ Main /a/b.jl:3\n').items;
    expect(item.description).toBe('unresolved call to builtin');
    expect(item.statement).toBe('(Core._call_latest)(f, x::Int64)::Any');
    expect(item.frames).toHaveLength(1);
  });

  it('ignores `Error #N:` lines that are not verifier items', () => {
    const log = parseVerifierLog('Error #1: connection refused\nERROR: LoadError: boom\nStacktrace:\n [1] top-level scope\n   @ none:1\n');
    expect(log.items).toEqual([]);
    expect(log.summary).toBeNull();
  });

  it('removes colour and cursor sequences', () => {
    expect(stripAnsi('\x1b[1m\x1b[91mError #1: \x1b[22m\x1b[39m\x1b[2K\x1b]8;;file:///a\x07x\x1b]8;;\x07')).toBe('Error #1: x');
  });
});

describe('classifyVerifierItem', () => {
  it.each([
    ['unresolved call', 'TRIM901'],
    ['unresolved invoke', 'TRIM902'],
    ['unresolved call to (unknown) builtin', 'TRIM903'],
    ['unresolved call to builtin', 'TRIM903'],
    ['trim verification not yet implemented for builtin `Core._apply`', 'TRIM903'],
    ['unresolved call to function', 'TRIM904'],
    ['unresolved argument to call', 'TRIM904'],
    ['disallowed ccall into a runtime function', 'TRIM905'],
    ['disallowed ccall with non-constant name and no library', 'TRIM905'],
    ['unresolved cfunction', 'TRIM905'],
    ['unresolved ccallable', 'TRIM906'],
    ['ccallable declared return type does not match inference', 'TRIM906'],
    ['unresolved finalizer registered', 'TRIM907'],
    ['unresolved opaque closure', 'TRIM909'],
    ['something new', 'TRIM909'],
  ])('%s -> %s', (description, code) => {
    expect(classifyVerifierItem(description)).toBe(code);
  });

  it('splits every documented description from its statement', () => {
    for (const d of [
      'unresolved call to (unknown) builtin',
      'unresolved call to function',
      'unresolved argument to call',
      'unresolved finalizer registered',
      'unresolved cfunction',
      'disallowed ccall into a runtime function',
      'disallowed ccall with non-constant name and no library',
    ]) {
      const [item] = parseVerifierLog(`Error #1: ${d} from statement f(x::Any)::Any\n`).items;
      expect(item.description).toBe(d);
      expect(item.statement).toBe('f(x::Any)::Any');
    }
    const [cc] = parseVerifierLog('Verifier warning #1: ccallable declared return type does not match inference for Tuple{typeof(M.f), Int32} => Union{Int64, UInt64}\n').items;
    expect(cc.description).toBe('ccallable declared return type does not match inference');
    expect(cc.statement).toBe('Tuple{typeof(M.f), Int32} => Union{Int64, UInt64}');
    expect(cc.severity).toBe('warning');
  });
});

describe('parseVerifierLog: statements that look unbalanced', () => {
  it('keeps the stack trace when a character literal holds a bracket', () => {
    const [item] = parseVerifierLog(
      "Verifier error #1: unresolved call from statement Base.print(io::IO, '(')::Nothing\nStacktrace:\n [1] emit(io::IO)\n   @ Main /home/me/app/main.jl:4\n",
    ).items;
    expect(item.statement).toBe("Base.print(io::IO, '(')::Nothing");
    expect(item.frames.map((f) => f.line)).toEqual([4]);
  });
});
