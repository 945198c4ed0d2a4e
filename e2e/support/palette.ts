import type { Locator, Page } from 'playwright-core';

/** The command palette's dialog (it may not be open). */
export function paletteDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Go to or run…' });
}

/** Opens the command palette as a user does, with Ctrl+K; resolves to its dialog once it shows. */
export async function openPalette(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+k');
  const dialog = paletteDialog(page);
  await dialog.waitFor();
  return dialog;
}
