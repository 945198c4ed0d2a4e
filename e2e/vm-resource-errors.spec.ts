import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';

describe('VM resources: a refused value is announced', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openSession('#/settings', (page) => page.getByRole('form', { name: 'VM resources' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
  });

  it('says each field’s error as an alert, tied to its field, as the other settings fields do', async () => {
    const { page } = app;
    const vm = page.getByRole('region', { name: 'Virtual machine' });
    const form = vm.getByRole('form', { name: 'VM resources' });
    for (const [label, bad] of [
      ['CPUs', '0'],
      ['Memory (GiB)', '0.1'],
      ['Disk size (GiB)', '2'],
    ] as const) {
      const field = form.getByLabel(label, { exact: true });
      const before = await field.inputValue();
      await field.fill(bad);
      await form.getByRole('button', { name: 'Save resources' }).click();
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      const errorId = (await field.getAttribute('aria-describedby'))!.split(' ')[1]!;
      const error = page.locator(`[id="${errorId}"]`);
      // Screen readers hear it when it appears: the error is an alert, and it is the field's description.
      expect(await error.getAttribute('role')).toBe('alert');
      expect((await error.textContent())!.length).toBeGreaterThan(5);
      expect(await form.getByRole('alert').allTextContents()).toContain(await error.textContent());
      await field.fill(before);
      await form.getByRole('button', { name: 'Save resources' }).click();
      await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull();
    }
    expect(app.errors).toEqual([]);
  });
});
