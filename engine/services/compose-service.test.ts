import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { downModel } from './compose-service.js';

const dir = mkdtempSync(path.join(tmpdir(), 'berth-down-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the model down works from', () => {
  it('is the loaded project when its files load', async () => {
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: x:1\n');
    const r = await downModel('fx1-ok', [file]);
    expect(r.filesNotRead).toBeUndefined();
    expect(r.model?.name).toBe('fx1-ok');
  });

  it('is none, with the reason, when the compose file is gone (down then goes by the labels)', async () => {
    const file = path.join(dir, 'gone', 'compose.yaml');
    expect(await downModel('fx1-gone', [file])).toEqual({ filesNotRead: `The compose file ${file} does not exist` });
  });

  it('is none when the file no longer loads, with where it fails', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'services:\n  web:\n    imgae: x:1\n');
    const r = await downModel('fx1-bad', [file]);
    expect(r.model).toBeUndefined();
    expect(r.filesNotRead).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:5: .*imgae`));
  });

  it('is none, without a reason, when no files are known', async () => {
    expect(await downModel('fx1-none', undefined)).toEqual({});
  });
});
