/**
 * Saving a file that main writes. In Electron main shows the native save dialog; in the Chromium
 * host this asks for a path in a Signet dialog first. Usage:
 *
 *   const saveFile = useSaveFile();
 *   await saveFile({ suggestedName: 'cert.pem', save: (destination) => api.certificates.export({ id, format, destination }) });
 */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { SaveDestination, SavedFile } from '../../../shared/contract/files';
import { isAppError } from '../../../shared/errors';
import { useAppInfo } from '../app/app-info';
import { notifyError, notifySuccess } from '../app/notify';

export interface SaveFileRequest {
  suggestedName: string;
  /** Calls main with the destination; main writes the file. */
  save(destination: SaveDestination): Promise<SavedFile>;
  /** Dialog title ("Export certificate"). */
  title?: string;
}

type SaveFile = (request: SaveFileRequest) => Promise<SavedFile>;

const SaveFileContext = createContext<SaveFile | null>(null);

export function useSaveFile(): SaveFile {
  const saveFile = useContext(SaveFileContext);
  if (!saveFile) throw new Error('useSaveFile outside SaveFileProvider');
  return saveFile;
}

interface Pending {
  request: SaveFileRequest;
  resolve(result: SavedFile): void;
}

export function SaveFileProvider({ children }: { children: ReactNode }) {
  const info = useAppInfo();
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);
  pendingRef.current = pending;

  const saveFile = useCallback<SaveFile>(
    async (request) => {
      if (info.nativeDialogs) {
        try {
          const result = await request.save({});
          if (result.saved) notifySuccess(`Saved to ${result.path}`, 'File saved');
          return result;
        } catch (error) {
          notifyError(error, request.title ?? 'Saving');
          return { saved: false };
        }
      }
      return new Promise<SavedFile>((resolve) => setPending({ request, resolve }));
    },
    [info.nativeDialogs],
  );

  const finish = (result: SavedFile) => {
    pendingRef.current?.resolve(result);
    setPending(null);
  };

  return (
    <SaveFileContext.Provider value={saveFile}>
      {children}
      {pending && (
        <SavePathDialog key={pending.request.suggestedName} request={pending.request} folder={info.defaultSaveFolder} onDone={finish} />
      )}
    </SaveFileContext.Provider>
  );
}

function SavePathDialog({ request, folder, onDone }: { request: SaveFileRequest; folder: string; onDone(result: SavedFile): void }) {
  const [path, setPath] = useState(`${folder.replace(/\/+$/, '')}/${request.suggestedName}`);
  const [error, setError] = useState<string | null>(null);
  const [exists, setExists] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (overwrite: boolean) => {
    setBusy(true);
    try {
      const result = await request.save({ path, overwrite });
      if (result.saved) notifySuccess(`Saved to ${result.path}`, 'File saved');
      onDone(result);
    } catch (failure) {
      if (isAppError(failure, 'CONFLICT') && failure.details?.exists) {
        setExists(true);
        setError(failure.message);
      } else if (isAppError(failure, 'BAD_INPUT') || isAppError(failure, 'CONFLICT')) {
        setError(failure.message);
      } else {
        setError(failure instanceof Error ? failure.message : String(failure));
        if (!isAppError(failure)) notifyError(failure, request.title ?? 'Saving');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => onDone({ saved: false })} title={request.title ?? 'Save file'} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(false);
        }}
        aria-label="Save file"
      >
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            Signet writes the file from its main process. Enter where to save it.
          </Text>
          <TextInput
            label="File path"
            value={path}
            onChange={(event) => {
              setPath(event.currentTarget.value);
              setExists(false);
              setError(null);
            }}
            data-autofocus
            spellCheck={false}
          />
          {error && (
            <Alert color={exists ? 'orange' : 'red'} role="alert" p="xs">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => onDone({ saved: false })}>
              Cancel
            </Button>
            {exists ? (
              <Button color="orange" loading={busy} onClick={() => void submit(true)}>
                Replace
              </Button>
            ) : (
              <Button type="submit" loading={busy}>
                Save
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
