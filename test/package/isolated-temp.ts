import { existsSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A temporary directory with no node_modules in any ancestor, so a package missing from an install
 * cannot be found higher up by Node's module resolution.
 */
export function isolatedTempDir(prefix: string): string {
  for (const base of [tmpdir(), '/var/tmp', join(homedir(), '.cache')]) {
    if (!existsSync(base)) continue;
    let dir = resolve(base);
    let clean = true;
    for (;;) {
      if (existsSync(join(dir, 'node_modules'))) clean = false;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    if (clean) return mkdtempSync(join(base, prefix));
  }
  throw new Error('no temporary directory without a node_modules above it (checked the system temp dir, /var/tmp and ~/.cache)');
}
