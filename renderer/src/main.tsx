/** Renderer entry: ask main for the app's state, then render. */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './bridge';
import { Root } from './app/Root';

const container = document.getElementById('root')!;
const root = createRoot(container);

/** Marks #root `data-app-state="ready"` once the first render committed (its effect runs after every child's). */
function MarkReady({ children }: { children: ReactNode }) {
  useEffect(() => container.setAttribute('data-app-state', 'ready'), []);
  return children;
}

async function bootstrap() {
  try {
    const [info, settings, vault, storeReports] = await Promise.all([
      api.app.info(),
      api.settings.get(),
      api.vault.status(),
      api.app.storeReports(),
    ]);
    root.render(
      <MarkReady>
        <Root initial={{ info, settings, vault, storeReports }} />
      </MarkReady>,
    );
  } catch (error) {
    container.setAttribute('data-app-state', 'failed');
    container.textContent = `Signet could not reach its main process: ${(error as Error).message}. Restart Signet; if it keeps happening, check the log in the data folder.`;
  }
}

void bootstrap();
