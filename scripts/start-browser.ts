// `npm run start:browser`: Signet in the system Chromium (app-mode window) with the same services.
import { defaultDataFolder } from '../electron/host/data-folder';
import { launchBrowserHost } from '../electron/host/browser-host';

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display to open a window on. Run it under a display server, for example:  xvfb-run -a npm run start:browser');
  process.exit(1);
}

const dataFolder = defaultDataFolder();
try {
  const host = await launchBrowserHost({ dataFolder, headless: false });
  console.log(`Signet is open in Chromium (data folder: ${dataFolder}). Close the window or press Ctrl+C to quit.`);
  const stop = () => void host.close();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await host.closed;
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
