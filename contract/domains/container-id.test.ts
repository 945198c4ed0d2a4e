import { describe, expect, it } from 'vitest';
import { containerActionsApi } from './container-actions.js';
import { containerExecApi } from './container-exec.js';
import { containerFilesApi } from './container-files.js';
import { containerIdSchema } from './container-id.js';
import { containerLogsApi } from './container-logs.js';
import { containerRunApi } from './container-run.js';
import { containerUpdateSchema } from './container-run-spec.js';

const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('containerIdSchema', () => {
  it('takes a full id, an id prefix or a name, trimmed', () => {
    expect(containerIdSchema.parse('a'.repeat(64))).toBe('a'.repeat(64));
    expect(containerIdSchema.parse(' web_1.x-2 ')).toBe('web_1.x-2');
  });

  it('says what is wrong: empty, too long, or not an id or name', () => {
    expect(issue(containerIdSchema.safeParse(''))).toBe('a container id or name is required');
    expect(issue(containerIdSchema.safeParse('a'.repeat(257)))).toBe('is too long for a container id or name');
    expect(issue(containerIdSchema.safeParse('../x'))).toBe('is not a valid container id or name');
    expect(issue(containerIdSchema.safeParse('-x'))).toBe('is not a valid container id or name');
    expect(issue(containerIdSchema.safeParse(7))).toBe('expected a container id or name');
  });

  it('is the one every containers method checks an id with (also resources and update, once looser)', () => {
    const bad = { id: 'x/../../v1.41/info' };
    for (const args of [
      containerActionsApi.start.args,
      containerExecApi.stats.args,
      containerFilesApi.diff.args,
      containerLogsApi.inspect.args,
      containerRunApi.resources.args,
    ]) {
      expect(issue(args.safeParse(bad))).toBe('is not a valid container id or name');
    }
    expect(issue(containerUpdateSchema.safeParse({ ...bad, memory: '1g' }))).toBe('is not a valid container id or name');
  });
});
