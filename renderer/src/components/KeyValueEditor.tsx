/**
 * Name/value rows with enable checkboxes — headers, query params, custom headers, form fields,
 * extra token parameters. Every control is named after its row ("Header 2 name").
 */
import { ActionIcon, Button, Checkbox, Group, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { CSSProperties, ReactNode } from 'react';

export interface KeyValueRow {
  name: string;
  value: string;
  enabled: boolean;
}

export interface KeyValueEditorProps {
  rows: KeyValueRow[];
  onChange(rows: KeyValueRow[]): void;
  /** Singular noun used in accessible names and the add button: "Header", "Param". */
  noun: string;
  namePlaceholder?: string;
  valuePlaceholder?: string;
  /** Hide the enable checkboxes (rows are always on). */
  withoutToggle?: boolean;
  /** Suggestions for the name field (a datalist). */
  nameSuggestions?: string[];
  /** Per-row problems to show under the name ("contains a line break"). */
  errors?: (string | null)[];
  /**
   * Draws the value field instead of a plain TextInput (e.g. one that highlights `{{variables}}`).
   * It must name its input with `aria-label` and report edits through `onChange`.
   */
  renderValueInput?(field: ValueField): ReactNode;
}

/** What a custom value field gets: the same value, name and placeholder a plain one would have. */
export interface ValueField {
  value: string;
  onChange(value: string): void;
  'aria-label': string;
  placeholder: string;
  style: CSSProperties;
}

export function KeyValueEditor({
  rows,
  onChange,
  noun,
  namePlaceholder = 'Name',
  valuePlaceholder = 'Value',
  withoutToggle,
  nameSuggestions,
  errors,
  renderValueInput,
}: KeyValueEditorProps) {
  const update = (index: number, patch: Partial<KeyValueRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const listId = nameSuggestions ? `kv-suggestions-${noun.toLowerCase().replace(/\W+/g, '-')}` : undefined;
  return (
    <Stack gap={4}>
      {listId && (
        <datalist id={listId}>
          {nameSuggestions!.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      {rows.map((row, index) => (
        <Group key={index} gap={6} wrap="nowrap" align="flex-start">
          {!withoutToggle && (
            <Checkbox
              mt={6}
              checked={row.enabled}
              onChange={(event) => update(index, { enabled: event.currentTarget.checked })}
              aria-label={`Enable ${noun.toLowerCase()} ${index + 1}`}
            />
          )}
          <TextInput
            style={{ flex: 1 }}
            value={row.name}
            placeholder={namePlaceholder}
            aria-label={`${noun} ${index + 1} name`}
            onChange={(event) => update(index, { name: event.currentTarget.value })}
            error={errors?.[index] ?? undefined}
            list={listId}
            spellCheck={false}
          />
          {renderValueInput ? (
            renderValueInput({
              value: row.value,
              onChange: (value) => update(index, { value }),
              'aria-label': `${noun} ${index + 1} value`,
              placeholder: valuePlaceholder,
              style: { flex: 2 },
            })
          ) : (
            <TextInput
              style={{ flex: 2 }}
              value={row.value}
              placeholder={valuePlaceholder}
              aria-label={`${noun} ${index + 1} value`}
              onChange={(event) => update(index, { value: event.currentTarget.value })}
              spellCheck={false}
            />
          )}
          <Tooltip label={`Remove ${noun.toLowerCase()}`}>
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={2}
              aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <Button
        variant="subtle"
        leftSection={<IconPlus size={14} />}
        w="fit-content"
        onClick={() => onChange([...rows, { name: '', value: '', enabled: true }])}
      >
        Add {noun.toLowerCase()}
      </Button>
    </Stack>
  );
}
