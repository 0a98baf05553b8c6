/** The request body: none, JSON (validated, Format), text, XML, form-urlencoded, multipart, binary file. */
import { ActionIcon, Button, Checkbox, FileButton, Group, SegmentedControl, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BodyType, MultipartPart, RequestBody } from '../../../../shared/contract/http';
import { CodeEditor } from '../../components/CodeEditor';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import { formatBytes } from './model';
import { HighlightedTextInput, type VariableLookup } from './VariableMirror';

const TYPES: { value: BodyType; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text' },
  { value: 'xml', label: 'XML' },
  { value: 'form', label: 'Form URL-encoded' },
  { value: 'multipart', label: 'Multipart' },
  { value: 'file', label: 'Binary file' },
];

export function switchBodyType(body: RequestBody, type: BodyType): RequestBody {
  const text = 'text' in body ? body.text : '';
  switch (type) {
    case 'none':
      return { type };
    case 'json':
    case 'text':
    case 'xml':
      return { type, text };
    case 'form':
      return { type, fields: body.type === 'form' ? body.fields : [] };
    case 'multipart':
      return { type, parts: body.type === 'multipart' ? body.parts : [] };
    case 'file':
      return { type, file: body.type === 'file' ? body.file : undefined };
  }
}

/** Reads a picked file as base64 (the bridge carries bytes as base64). */
export async function readFileBase64(file: File): Promise<{ fileName: string; contentType?: string; base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, contentType: file.type || undefined, base64: btoa(binary) };
}

function jsonProblem(text: string): string | null {
  if (!text.trim()) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `Not valid JSON (${(error as Error).message}). You can still send it.`;
  }
}

export interface BodyEditorProps {
  body: RequestBody;
  onChange(body: RequestBody): void;
  /** Highlights `{{variables}}` in text bodies and field values. */
  variables?: VariableLookup;
}

export function BodyEditor({ body, onChange, variables }: BodyEditorProps) {
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        aria-label="Body type"
        value={body.type}
        onChange={(value) => onChange(switchBodyType(body, value as BodyType))}
        data={TYPES}
        w="fit-content"
      />
      {body.type === 'none' && (
        <Text size="xs" c="dimmed">
          This request has no body.
        </Text>
      )}
      {(body.type === 'json' || body.type === 'text' || body.type === 'xml') && (
        <TextBody body={body} onChange={onChange} variables={variables} />
      )}
      {body.type === 'form' && (
        <KeyValueEditor
          noun="Field"
          rows={body.fields}
          onChange={(fields) => onChange({ type: 'form', fields })}
          renderValueInput={variables && ((field) => <HighlightedTextInput {...field} lookup={variables} />)}
        />
      )}
      {body.type === 'multipart' && (
        <MultipartEditor parts={body.parts} onChange={(parts) => onChange({ type: 'multipart', parts })} variables={variables} />
      )}
      {body.type === 'file' && (
        <Group gap="xs">
          <FileButton onChange={async (file) => file && onChange({ type: 'file', file: await readFileBase64(file) })}>
            {(props) => (
              <Button size="xs" variant="default" {...props}>
                Choose file
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" aria-label="Chosen file">
            {body.file ? `${body.file.fileName} (${formatBytes(Math.floor((body.file.base64.length * 3) / 4))})` : 'No file chosen'}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function TextBody({
  body,
  onChange,
  variables,
}: {
  body: Extract<RequestBody, { text: string }>;
  onChange(body: RequestBody): void;
  variables?: VariableLookup;
}) {
  const problem = body.type === 'json' ? jsonProblem(body.text) : null;
  return (
    <Stack gap={4}>
      {body.type === 'json' && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            disabled={!!problem || !body.text.trim()}
            onClick={() => onChange({ ...body, text: JSON.stringify(JSON.parse(body.text), null, 2) })}
          >
            Format JSON
          </Button>
          {problem && (
            <Text size="xs" c="orange" role="status">
              {problem}
            </Text>
          )}
        </Group>
      )}
      <CodeEditor
        label="Request body"
        language={body.type === 'text' ? 'text' : body.type}
        value={body.text}
        onChange={(text) => onChange({ ...body, text })}
        variables={variables}
        minHeight={140}
        maxHeight={360}
      />
    </Stack>
  );
}

function MultipartEditor({
  parts,
  onChange,
  variables,
}: {
  parts: MultipartPart[];
  onChange(parts: MultipartPart[]): void;
  variables?: VariableLookup;
}) {
  const update = (index: number, change: Partial<MultipartPart>) =>
    onChange(parts.map((part, i) => (i === index ? { ...part, ...change } : part)));
  return (
    <Stack gap={4}>
      {parts.map((part, index) => (
        <Group key={index} gap={6} wrap="nowrap">
          <Checkbox
            checked={part.enabled}
            onChange={(e) => update(index, { enabled: e.currentTarget.checked })}
            aria-label={`Enable part ${index + 1}`}
          />
          <TextInput
            style={{ flex: 1 }}
            value={part.name}
            placeholder="Name"
            aria-label={`Part ${index + 1} name`}
            onChange={(e) => update(index, { name: e.currentTarget.value })}
          />
          <Select
            w={90}
            aria-label={`Part ${index + 1} kind`}
            data={[
              { value: 'text', label: 'Text' },
              { value: 'file', label: 'File' },
            ]}
            value={part.kind}
            allowDeselect={false}
            onChange={(value) => update(index, { kind: (value as 'text' | 'file') ?? 'text' })}
          />
          {part.kind === 'text' && variables ? (
            <HighlightedTextInput
              style={{ flex: 2 }}
              value={part.value}
              placeholder="Value"
              aria-label={`Part ${index + 1} value`}
              onChange={(value) => update(index, { value })}
              lookup={variables}
            />
          ) : part.kind === 'text' ? (
            <TextInput
              style={{ flex: 2 }}
              value={part.value}
              placeholder="Value"
              aria-label={`Part ${index + 1} value`}
              onChange={(e) => update(index, { value: e.currentTarget.value })}
            />
          ) : (
            <Group style={{ flex: 2 }} gap={6}>
              <FileButton onChange={async (file) => file && update(index, { file: await readFileBase64(file) })}>
                {(props) => (
                  <Button size="xs" variant="default" {...props} aria-label={`Part ${index + 1} file`}>
                    Choose file
                  </Button>
                )}
              </FileButton>
              <Text size="xs" c="dimmed">
                {part.file?.fileName ?? 'No file'}
              </Text>
            </Group>
          )}
          <Tooltip label="Remove part">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Remove part ${index + 1}`}
              onClick={() => onChange(parts.filter((_, i) => i !== index))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...parts, { name: '', kind: 'text', value: '', enabled: true }])}
      >
        Add part
      </Button>
    </Stack>
  );
}
