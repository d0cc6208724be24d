// The one currency between the engine and the doors: rules produce Findings, the CLI formats them,
// the language server turns them into diagnostics. Positions are 0-based lines and UTF-16 columns.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  /** Absolute path of the file to edit; the finding's own file when absent. */
  path?: string;
  range: Range;
  newText: string;
}

export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  description: string;
  safety: FixSafety;
  edits: TextEdit[];
}

/** Extra labels on a finding; `runtime-risk` marks builds that pass and then fail when run. */
export type FindingTag = 'runtime-risk' | 'behaviour-change' | 'unreachable';

export interface Finding {
  /** Absolute path of the file. */
  path: string;
  range: Range;
  /** Stable code such as TRIM101. */
  code: string;
  /** Kebab-case rule name such as print-without-io. */
  name: string;
  severity: Severity;
  message: string;
  fixes: Fix[];
  /** True when reachable from an entrypoint, false when not, null when not yet known. */
  reachable: boolean | null;
  /** Shortest call chain from an entrypoint to the function holding the finding. */
  via: string[] | null;
  tags: FindingTag[];
  /** Other places worth showing (for example where a global is declared). */
  related?: Array<{ path: string; range: Range; message: string }>;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
