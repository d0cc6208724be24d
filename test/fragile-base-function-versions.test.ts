// TRIM307's severities come from a per-version table; the fixture harness runs 1.12 only.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragileBaseFunction } from '../rules/fragile-base-function';
import { checkSources, findingKeys } from './helpers';

const path = join(__dirname, 'fixtures', 'rules', 'fragile-base-function', 'flag.jl');
const text = readFileSync(path, 'utf8');

describe('fragile-base-function by Julia version', () => {
  it('1.13: repeat is a warning, the max_args family are infos, Char pads are infos', async () => {
    const f = await checkSources([{ path, text }], [fragileBaseFunction], { juliaVersion: '1.13' });
    expect(findingKeys(f)).toEqual([
      '13:TRIM307:warning', '17:TRIM307:warning', '18:TRIM307:warning', '19:TRIM307:info', '19:TRIM307:info',
      '23:TRIM307:info', '24:TRIM307:info', '25:TRIM307:info', '26:TRIM307:info', '34:TRIM307:info', '4:TRIM307:warning',
    ]);
  });

  it('nightly: match/dirname/splitdir and string(parse(Int, s)) are warnings; VersionNumber is silent', async () => {
    const f = await checkSources([{ path, text }], [fragileBaseFunction], { juliaVersion: 'nightly' });
    expect(findingKeys(f)).toEqual([
      '13:TRIM307:warning', '17:TRIM307:warning', '18:TRIM307:warning', '19:TRIM307:info', '19:TRIM307:info',
      '23:TRIM307:warning', '24:TRIM307:warning', '25:TRIM307:warning', '26:TRIM307:warning', '34:TRIM307:info', '4:TRIM307:warning',
    ]);
    expect(f.find((x) => x.range.start.line === 33)!.tags).toContain('behaviour-change');
  });
});
