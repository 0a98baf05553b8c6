/** Export selected profiles (Signet JSON, Salesforce metadata) and import them back with a conflict choice. */
import { Alert, Button, Group, Menu, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconFileExport, IconFileImport } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { ConflictChoice, ImportReport, NamedCredentialView, SalesforceModel } from '../../../../shared/contract/credentials';
import { notifyError } from '../../app/notify';
import { useSaveFile } from '../../components/SaveFile';
import { api } from '../../bridge';

interface ChosenFiles {
  names: string[];
  /** Signet JSON content, or Salesforce files as base64. */
  json?: string;
  salesforce?: { name: string; base64: string }[];
}

export function ImportExportMenu({
  checked,
  profiles,
  onImported,
}: {
  checked: string[];
  profiles: NamedCredentialView[];
  onImported(): void;
}) {
  const saveFile = useSaveFile();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<ChosenFiles | null>(null);
  const [conflict, setConflict] = useState<ConflictChoice>('skip');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [salesforceOpen, setSalesforceOpen] = useState(false);
  const ids = checked.filter((id) => profiles.some((profile) => profile.id === id));
  const single = ids.length === 1 ? profiles.find((profile) => profile.id === ids[0]) : undefined;

  const exportJson = () =>
    saveFile({
      title: 'Export named credentials',
      suggestedName: single ? `${single.name}.credentials.json` : 'named-credentials.json',
      save: (destination) => api.credentials.exportProfiles({ ids, destination }),
    });

  const readFiles = async (files: FileList) => {
    const list = [...files];
    const jsonFile = list.find((file) => file.name.toLowerCase().endsWith('.json'));
    if (jsonFile) {
      setChosen({ names: [jsonFile.name], json: await jsonFile.text() });
    } else {
      const salesforce = await Promise.all(
        list.map(async (file) => ({ name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) })),
      );
      setChosen({ names: list.map((file) => file.name), salesforce });
    }
    setError(null);
    setReport(null);
  };

  const runImport = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const result =
        chosen.json !== undefined
          ? await api.credentials.importProfiles({ content: chosen.json, conflict })
          : await importSalesforce(chosen.salesforce ?? [], conflict);
      setReport(result);
      onImported();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
            Import / Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{ids.length ? `${ids.length} selected` : 'Select profiles to export'}</Menu.Label>
          <Menu.Item
            leftSection={<IconFileExport size={14} />}
            disabled={!ids.length}
            onClick={() => void exportJson().catch((failure) => notifyError(failure, 'Export'))}
          >
            Export selected (JSON)
          </Menu.Item>
          <Menu.Item leftSection={<IconFileExport size={14} />} disabled={!ids.length} onClick={() => setSalesforceOpen(true)}>
            Export to Salesforce…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconFileImport size={14} />} onClick={() => input.current?.click()}>
            Import…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <input
        ref={input}
        type="file"
        aria-label="Import file"
        accept=".json,.xml,.zip"
        multiple
        hidden
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files?.length) void readFiles(files);
          event.currentTarget.value = '';
        }}
      />
      <SalesforceExportDialog ids={ids} opened={salesforceOpen} onClose={() => setSalesforceOpen(false)} />
      <Modal opened={chosen !== null} onClose={() => setChosen(null)} title="Import named credentials">
        <Stack gap="sm">
          <Text size="xs">From {chosen?.names.join(', ')}</Text>
          <Radio.Group
            label="When a profile with the same Name exists"
            value={conflict}
            onChange={(value) => setConflict(value as ConflictChoice)}
          >
            <Stack gap={4} mt={4}>
              <Radio value="skip" label="Skip it (keep mine)" />
              <Radio value="rename" label="Import under a new name" />
              <Radio value="overwrite" label="Overwrite mine (secrets are kept)" />
            </Stack>
          </Radio.Group>
          {error && (
            <Alert color="red" role="alert" p="xs">
              {error}
            </Alert>
          )}
          {report && <ImportSummary report={report} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setChosen(null)}>
              {report ? 'Close' : 'Cancel'}
            </Button>
            {!report && (
              <Button loading={busy} onClick={() => void runImport()}>
                Import
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  const lines = [
    report.created.length && `Created: ${report.created.join(', ')}`,
    report.renamed.length && `Renamed: ${report.renamed.map((entry) => `${entry.from} → ${entry.to}`).join(', ')}`,
    report.overwritten.length && `Overwritten: ${report.overwritten.join(', ')}`,
    report.skipped.length && `Skipped: ${report.skipped.join(', ')}`,
  ].filter(Boolean) as string[];
  return (
    <Alert color="teal" p="xs" role="status" title="Imported">
      {lines.map((line) => (
        <Text key={line} size="xs">
          {line}
        </Text>
      ))}
      {report.warnings.map((warning) => (
        <Text key={warning} size="xs" c="orange.8">
          {warning}
        </Text>
      ))}
    </Alert>
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function importSalesforce(files: { name: string; base64: string }[], conflict: ConflictChoice): Promise<ImportReport> {
  return api.credentials.importSalesforce({ files, conflict });
}

/** Export to Salesforce: legacy NamedCredential, or new-model NamedCredential + ExternalCredential; a zip or a folder laid out as an SFDX project. */
function SalesforceExportDialog({ ids, opened, onClose }: { ids: string[]; opened: boolean; onClose(): void }) {
  const saveFile = useSaveFile();
  const [model, setModel] = useState<SalesforceModel>('new');
  const [layout, setLayout] = useState<'zip' | 'folder'>('zip');
  const [outcome, setOutcome] = useState<{ skipped: string[]; warnings: string[] } | null>(null);
  const run = async () => {
    let found = { skipped: [] as string[], warnings: [] as string[] };
    onClose();
    const result = await saveFile({
      title: 'Save the Salesforce project',
      suggestedName: `salesforce-${model === 'legacy' ? 'legacy' : 'external'}-project${layout === 'zip' ? '.zip' : ''}`,
      save: async (destination) => {
        const saved = await api.credentials.exportSalesforce({ ids, model, layout, destination });
        found = { skipped: saved.skipped, warnings: saved.warnings };
        return saved;
      },
    });
    if (result.saved && (found.skipped.length || found.warnings.length)) setOutcome(found);
  };
  return (
    <>
      <ExportOutcome outcome={outcome} onClose={() => setOutcome(null)} />
      <Modal opened={opened} onClose={onClose} title="Export to Salesforce">
        <Stack gap="sm">
          <Text size="xs">
            {ids.length} profile{ids.length === 1 ? '' : 's'}, laid out like an SFDX project (force-app/main/default/namedCredentials/…).
            Secrets are never exported.
          </Text>
          <Radio.Group label="Metadata" value={model} onChange={(value) => setModel(value as SalesforceModel)}>
            <Stack gap={4} mt={4}>
              <Radio value="new" label="Named Credential + External Credential (every protocol)" />
              <Radio value="legacy" label="Legacy Named Credential (No Authentication, Password, JWT, JWT Token Exchange)" />
            </Stack>
          </Radio.Group>
          <Radio.Group label="Write as" value={layout} onChange={(value) => setLayout(value as 'zip' | 'folder')}>
            <Group gap="md" mt={4}>
              <Radio value="zip" label="Zip file" />
              <Radio value="folder" label="Folder" />
            </Group>
          </Radio.Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void run().catch((failure) => notifyError(failure, 'Export'))}>Export</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function OutcomeLines({ title, color, lines }: { title: string; color: string; lines: string[] | undefined }) {
  if (!lines?.length) return null;
  return (
    <Alert color={color} p="xs" title={title}>
      {lines.map((line) => (
        <Text key={line} size="xs">
          {line}
        </Text>
      ))}
    </Alert>
  );
}

/** After an export: the profiles left out, and the settings Salesforce cannot honour — kept open until read. */
function ExportOutcome({ outcome, onClose }: { outcome: { skipped: string[]; warnings: string[] } | null; onClose(): void }) {
  return (
    <Modal opened={outcome !== null} onClose={onClose} title="Exported to Salesforce — check these">
      <Stack gap="sm">
        <OutcomeLines title="Left out" color="yellow" lines={outcome?.skipped} />
        <OutcomeLines title="Salesforce cannot honour these settings" color="orange" lines={outcome?.warnings} />
        <Group justify="flex-end">
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
