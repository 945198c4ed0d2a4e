import { BrowserWindow, dialog, type OpenDialogOptions, type WebContents } from 'electron';

const OPTIONS: OpenDialogOptions = {
  title: 'Open a compose project',
  buttonLabel: 'Open',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Compose files', extensions: ['yaml', 'yml'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** The native Open dialog, over the window that asked: the chosen files in order ([] when cancelled). */
export async function pickComposeFiles(sender: WebContents): Promise<string[]> {
  const owner = BrowserWindow.fromWebContents(sender);
  const result = owner ? await dialog.showOpenDialog(owner, OPTIONS) : await dialog.showOpenDialog(OPTIONS);
  return result.canceled ? [] : result.filePaths;
}
