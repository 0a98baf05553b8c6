/** The response body: pretty (formatted, highlighted, folding, search), raw, or preview (HTML in a sandboxed frame, images); save to file. */
import { Alert, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { CalloutResponse } from '../../../../shared/contract/http';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';
import { CodeEditor, type CodeLanguage } from '../../components/CodeEditor';
import { useSaveFile } from '../../components/SaveFile';
import { LargeBodyView } from './LargeBodyView';
import { formatBytes } from './model';
import { SHOW_ANYWAY_BYTES, useBodyText } from './useBodyText';

type Mode = 'pretty' | 'raw' | 'preview';

const EXTENSIONS: Record<string, string> = { json: 'json', xml: 'xml', html: 'html', text: 'txt', image: 'img', binary: 'bin' };

export function ResponseBodyView({ response }: { response: CalloutResponse }) {
  const { body } = response;
  const canPreview = body.kind === 'html' || body.kind === 'image';
  const [mode, setMode] = useState<Mode>(body.kind === 'image' ? 'preview' : 'pretty');
  const [allowLarge, setAllowLarge] = useState(false);
  // A body in main's temp file goes to the viewer page by page; only the HTML preview needs it whole.
  const streamed = body.bodyId !== undefined && mode !== 'preview';
  const shown = useBodyText(streamed ? null : body, mode === 'pretty', allowLarge);
  const saveFile = useSaveFile();
  const language: CodeLanguage = body.kind === 'json' || body.kind === 'xml' || body.kind === 'html' ? body.kind : 'text';

  const save = () => {
    const extension = body.kind === 'image' ? (body.contentType.split('/')[1]?.split(/[;+]/)[0] ?? 'img') : EXTENSIONS[body.kind];
    void saveFile({
      title: 'Save response body',
      suggestedName: `response.${extension}`,
      save: (destination) =>
        api.http.saveBody({
          suggestedName: `response.${extension}`,
          destination,
          ...(body.bodyId ? { bodyId: body.bodyId } : body.base64 !== undefined ? { base64: body.base64 } : { text: body.text ?? '' }),
        }),
    }).catch((error) => notifyError(error, 'Saving the body'));
  };

  return (
    <Stack gap="xs" h="100%">
      <Group gap="xs" justify="space-between">
        <SegmentedControl
          size="xs"
          aria-label="Body view"
          value={mode}
          onChange={(value) => setMode(value as Mode)}
          data={[
            { value: 'pretty', label: 'Pretty' },
            { value: 'raw', label: 'Raw' },
            { value: 'preview', label: 'Preview', disabled: !canPreview },
          ]}
        />
        <Button size="compact-xs" variant="default" leftSection={<IconDownload size={12} />} onClick={save} disabled={body.size === 0}>
          Save body to file
        </Button>
      </Group>
      {body.size === 0 ? (
        <Text size="xs" c="dimmed">
          The response has no body.
        </Text>
      ) : mode === 'preview' && canPreview ? (
        <Preview response={response} text={shown.text} />
      ) : body.kind === 'binary' || body.kind === 'image' ? (
        <Text size="xs" c="dimmed">
          A binary body ({body.contentType || 'no Content-Type'}, {formatBytes(body.size)}). Save it to a file to open it.
        </Text>
      ) : body.bodyId && body.size > SHOW_ANYWAY_BYTES && !allowLarge ? (
        <Alert color="yellow" p="xs" title={`Large body: ${formatBytes(body.size)}`}>
          <Group gap="xs">
            <Text size="xs">Showing it may take a while. You can save it to a file instead.</Text>
            <Button size="compact-xs" onClick={() => setAllowLarge(true)}>
              Show anyway
            </Button>
          </Group>
        </Alert>
      ) : streamed ? (
        <LargeBodyView body={body} pretty={mode === 'pretty'} language={mode === 'raw' ? 'text' : language} />
      ) : shown.error ? (
        <Alert color="red" p="xs" role="alert">
          {shown.error}
        </Alert>
      ) : shown.text === null ? (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="xs">
            Loading the body… {formatBytes(shown.loaded)} of {formatBytes(body.size)}
          </Text>
        </Group>
      ) : (
        <CodeEditor
          label="Response body"
          language={mode === 'raw' ? 'text' : language}
          value={shown.text}
          readOnly
          height="100%"
          minHeight={200}
        />
      )}
    </Stack>
  );
}

function Preview({ response, text }: { response: CalloutResponse; text: string | null }) {
  const { body } = response;
  if (body.kind === 'image') {
    return body.base64 !== undefined ? (
      <img
        alt="Response image"
        src={`data:${body.contentType};base64,${body.base64}`}
        style={{ maxWidth: '100%', alignSelf: 'flex-start' }}
      />
    ) : (
      <Text size="xs" c="dimmed">
        The image is too large to preview. Save it to a file.
      </Text>
    );
  }
  // sandbox="" : no scripts, no forms, no same-origin access, no navigation of the app.
  return (
    <iframe
      title="HTML preview"
      sandbox=""
      srcDoc={text ?? ''}
      style={{ width: '100%', minHeight: 320, flex: 1, border: '1px solid var(--mantine-color-default-border)', background: 'white' }}
    />
  );
}
