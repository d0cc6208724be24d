// What every output format needs: findings, skipped files, paths relative to the working directory.

import { relative, sep } from 'node:path';
import { Finding } from '../../analysis/finding';
import { Notice } from '../sources';

export interface Report {
  findings: Finding[];
  notices: Notice[];
  cwd: string;
  filesChecked: number;
  /** Source text by absolute path, for showing the flagged line. */
  sourceText: (path: string) => string | undefined;
  /** Number of fixes applied by --fix, when it ran. */
  fixed?: number;
  version: string;
}

export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? path : rel).split(sep).join('/');
}

/** Column counted in code points (what people and most terminals count), 1-based. */
export function codePointColumn(lineText: string | undefined, utf16Column: number): number {
  if (lineText === undefined) return utf16Column + 1;
  return [...lineText.slice(0, utf16Column)].length + 1;
}

export function lineOf(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
