/**
 * A body kept in main's temp file (over 2 MiB), streamed into the viewer page by page: the first
 * lines show at once, the rest is appended to the CodeMirror document in small steps so no step
 * blocks the window. Pretty JSON is formatted in main as a stream (http.formatBody).
 */
import { Alert, Group, Loader, Text } from '@mantine/core';
import type { EditorView } from '@codemirror/view';
import { useEffect, useState } from 'react';
import type { ResponseBody } from '../../../../shared/contract/http';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { CodeEditor, type CodeLanguage } from '../../components/CodeEditor';
import { formatBytes } from './model';

/** Small first page: the first lines show within a frame or two of the response. */
const FIRST_PAGE = 64 * 1024;
/**
 * Later pages: in the Chromium host each page crosses the DevTools protocol, whose handling in the
 * page costs main-thread time per byte; 128 KiB keeps each step short even on a busy machine.
 */
const PAGE = 128 * 1024;
/** The progress line is re-rendered at most this often while loading. */
const PROGRESS_EVERY_MS = 250;

interface Progress {
  /** Bytes of the shown text loaded so far. */
  loaded: number;
  /** Total bytes of the shown text, when known (a body being formatted grows). */
  total: number | null;
  done: boolean;
  formatted: boolean;
  /** Characters and lines in the viewer when done. */
  chars: number;
  lines: number;
  error: string | null;
  /** Why the pretty view fell back to the body as received. */
  notice: string | null;
}

const START: Progress = { loaded: 0, total: null, done: false, formatted: false, chars: 0, lines: 0, error: null, notice: null };

/** Lets the browser paint and handle input between pages. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Streams the body's pages (formatted JSON when `pretty`) into `view`, replacing what it held. */
function useStreamInto(view: EditorView | null, body: ResponseBody, pretty: boolean): Progress {
  const [progress, setProgress] = useState<Progress>(START);
  useEffect(() => {
    if (!view || !body.bodyId) return;
    let cancelled = false;
    const replaceAll = (text: string) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    replaceAll('');
    setProgress(START);
    (async () => {
      let bodyId = body.bodyId!;
      let formatted = pretty && body.kind === 'json';
      let notice: string | null = null;
      if (formatted) bodyId = (await api.http.formatBody({ bodyId })).bodyId;
      let offset = 0;
      let shownAt = 0;
      for (let length = FIRST_PAGE; ; length = PAGE) {
        let page;
        try {
          page = await api.http.readBody({ bodyId, offset, length });
        } catch (error) {
          // Not JSON after all (found while formatting): show it as received, and say why.
          if (!formatted || !isAppError(error, 'BAD_INPUT') || cancelled) throw error;
          notice = error.message;
          formatted = false;
          bodyId = body.bodyId!;
          offset = 0;
          length = FIRST_PAGE;
          replaceAll('');
          continue;
        }
        if (cancelled) return;
        view.dispatch({ changes: { from: view.state.doc.length, insert: page.text } });
        offset = page.nextOffset;
        const done = page.eof;
        if (!done && performance.now() - shownAt < PROGRESS_EVERY_MS) {
          await nextFrame();
          continue;
        }
        shownAt = performance.now();
        setProgress({
          loaded: offset,
          total: formatted ? (done ? page.size : null) : body.size,
          done,
          formatted,
          chars: view.state.doc.length,
          lines: view.state.doc.lines,
          error: null,
          notice,
        });
        if (done) return;
        await nextFrame();
        if (cancelled) return;
      }
    })().catch((error: unknown) => {
      if (!cancelled) setProgress({ ...START, error: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [view, body, pretty]);
  return progress;
}

export function LargeBodyView({ body, pretty, language }: { body: ResponseBody; pretty: boolean; language: CodeLanguage }) {
  const [view, setView] = useState<EditorView | null>(null);
  const progress = useStreamInto(view, body, pretty);
  return (
    <>
      {progress.notice && (
        <Alert color="yellow" p={6} role="status">
          <Text size="xs">{progress.notice}</Text>
        </Alert>
      )}
      {progress.error && (
        <Alert color="red" p="xs" role="alert">
          {progress.error}
        </Alert>
      )}
      <Group gap="xs" aria-label="Body progress" role="status" data-complete={progress.done ? 'true' : 'false'} data-chars={progress.chars}>
        {progress.done ? (
          <Text size="xs" c="dimmed">
            {progress.lines.toLocaleString('en')} lines, {formatBytes(progress.loaded)}
            {progress.formatted ? ' formatted' : ''}
          </Text>
        ) : (
          !progress.error && (
            <>
              <Loader size={12} />
              <Text size="xs" c="dimmed">
                Loading the body… {formatBytes(progress.loaded)}
                {progress.total !== null ? ` of ${formatBytes(progress.total)}` : ''}
              </Text>
            </>
          )
        )}
      </Group>
      <CodeEditor label="Response body" language={language} value="" readOnly height="100%" minHeight={200} onView={setView} />
    </>
  );
}
