// `npm start`: opens Signet in Electron, or says plainly why it cannot and offers the Chromium host.
import { spawn, spawnSync } from 'node:child_process';
import { electronInstallScript, findElectronBinary } from './electron-binary';

let binary = findElectronBinary();
if (!binary) {
  console.log('Electron is installed without its binary; fetching it once (electron downloads it on first use)...');
  const result = spawnSync(process.execPath, [electronInstallScript()], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  binary = findElectronBinary();
  if (!binary) {
    const reason =
      result.stderr?.toString().match(/(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo[^\n]*|RequestError[^\n]*)/)?.[0] ??
      'the download failed';
    console.error(`
Signet cannot open in Electron on this machine: the Electron binary is not installed and could not be
downloaded (${reason}). Electron's npm package fetches the binary from GitHub on first use, and this
machine cannot reach it. Everything in Signet also runs in the Chromium host — the same interface and the
same services, in your system Chromium — so run:

    npm run start:browser

(Needs Chromium: on Debian/Ubuntu "apt-get install -y chromium"; set CHROMIUM_PATH to use another build.
If you have an Electron build elsewhere, point ELECTRON_OVERRIDE_DIST_PATH at its folder and run npm start again.)
`);
    process.exit(1);
  }
}

const child = spawn(binary, ['.'], { stdio: 'inherit', env: process.env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
