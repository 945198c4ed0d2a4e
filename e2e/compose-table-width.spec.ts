import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openComposeFile, useComposeSession } from './support/compose.js';
import { testImage } from './support/docker-cli.js';

const project = `e2e-width-${Math.random().toString(36).slice(2, 8)}`;

// An image reference as long as real ones are ("ghcr.io/org/name:tag"), from the local test image's repository.
const composeFile = `name: ${project}
services:
  api:
    image: ${testImage}
    command: ["sleep", "3600"]
    ports: ["127.0.0.1:18443:8443"]
  worker-with-a-long-name:
    image: ${testImage}
    command: ["sleep", "3600"]
`;

describe('compose services table beside the project list (a 1280 px laptop window)', () => {
  const app = useComposeSession([project], (dir) => writeFileSync(path.join(dir, 'compose.yaml'), composeFile));

  it('fits the panel: each service’s Restart button is in view without scrolling sideways', async () => {
    const before = app.page.viewportSize()!;
    try {
      await app.page.setViewportSize({ width: 1280, height: before.height });
      await openComposeFile(app.page, path.join(app.dir, 'compose.yaml'));
      const restart = app.page.getByRole('button', { name: 'Restart worker-with-a-long-name', exact: true });
      await restart.waitFor({ timeout: 10_000 });
      // The list is still beside the project at this width (it goes above it only below about 980 px).
      const list = (await app.page.getByRole('navigation', { name: 'Projects' }).boundingBox())!;
      const table = (await app.services().boundingBox())!;
      expect(table.x).toBeGreaterThan(list.x + list.width);
      const panel = app.page.locator('.compose-panel');
      expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const box = (await restart.boundingBox())!;
      const panelBox = (await panel.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
    } finally {
      await app.page.setViewportSize(before);
    }
  });
});
