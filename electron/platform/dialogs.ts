/** The native save dialog, attached to the window that asked. */
import { BrowserWindow, dialog } from 'electron';
import type { SaveDialog } from '../services/files/file-saver';

export function electronSaveDialog(defaultFolder: () => string): SaveDialog {
  return {
    async chooseSavePath(suggestedName, filters) {
      const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      const options = {
        defaultPath: `${defaultFolder()}/${suggestedName}`,
        filters: [...filters, { name: 'All files', extensions: ['*'] }],
      };
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
