import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerfileErrorLine, readLine } from './dockerfile-error.js';

describe('Dockerfile errors', () => {
  it('finds the line number in the engine messages', () => {
    expect(dockerfileErrorLine('dockerfile parse error line 3: unknown instruction: RUNN')).toBe(3);
    expect(dockerfileErrorLine('failed to parse Dockerfile: Dockerfile parse error on line 12: FROM requires either one or three arguments')).toBe(12);
    expect(dockerfileErrorLine('The command returned a non-zero code: 1 (line 4 of output)')).toBeUndefined();
  });

  it('reads that line of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-df-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM x\r\nRUN ok\r\nRUNN bad\n');
      expect(await readLine(join(dir, 'Dockerfile'), 3)).toBe('RUNN bad');
      expect(await readLine(join(dir, 'Dockerfile'), 9)).toBeUndefined();
      expect(await readLine(join(dir, 'missing'), 1)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
