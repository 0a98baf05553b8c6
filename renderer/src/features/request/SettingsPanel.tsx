/** Per-request settings: timeout (120 s as Apex), redirects, TLS verification, extra trusted CA, proxy. */
import { Group, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import type { RequestSettings } from '../../../../shared/contract/http';
import { CertificateSelect } from '../../components/certificates';

export function SettingsPanel({ settings, onChange }: { settings: RequestSettings; onChange(settings: RequestSettings): void }) {
  const set = (change: Partial<RequestSettings>) => onChange({ ...settings, ...change });
  return (
    <Stack gap="xs" maw={560}>
      <NumberInput
        label="Timeout (seconds)"
        description="Apex callouts default to 120 s."
        min={0.1}
        max={3600}
        step={1}
        decimalScale={1}
        value={settings.timeoutMs / 1000}
        onChange={(value) => typeof value === 'number' && value > 0 && set({ timeoutMs: Math.round(value * 1000) })}
      />
      <Group gap="lg" align="flex-end">
        <Switch
          label="Follow redirects"
          checked={settings.followRedirects}
          onChange={(e) => set({ followRedirects: e.currentTarget.checked })}
        />
        <NumberInput
          label="Max redirects"
          min={0}
          max={50}
          w={140}
          disabled={!settings.followRedirects}
          value={settings.maxRedirects}
          onChange={(value) => typeof value === 'number' && set({ maxRedirects: value })}
        />
      </Group>
      <Switch
        label="Verify TLS certificates"
        description="Off accepts any server certificate: use only against test servers."
        checked={settings.verifyTls}
        onChange={(e) => set({ verifyTls: e.currentTarget.checked })}
      />
      <CertificateSelect
        label="Extra trusted CA"
        description="A certificate from the Certificates tab to trust for this request, besides the system's."
        placeholder="System CAs only"
        value={settings.caCertificateId ?? null}
        include={(certificate) => certificate.hasCertificate}
        onChange={(id) => set({ caCertificateId: id ?? undefined })}
      />
      <Group gap="xs" align="flex-end">
        <Select
          label="Proxy"
          w={220}
          allowDeselect={false}
          data={[
            { value: 'system', label: 'From environment (HTTPS_PROXY)' },
            { value: 'none', label: 'No proxy' },
            { value: 'custom', label: 'Custom' },
          ]}
          value={settings.proxy.mode}
          onChange={(mode) =>
            set({
              proxy:
                mode === 'custom'
                  ? { mode, url: settings.proxy.mode === 'custom' ? settings.proxy.url : '' }
                  : { mode: (mode as 'system' | 'none') ?? 'system' },
            })
          }
        />
        {settings.proxy.mode === 'custom' && (
          <TextInput
            label="Proxy URL"
            placeholder="http://proxy.example.com:3128"
            style={{ flex: 1 }}
            value={settings.proxy.url}
            onChange={(e) => set({ proxy: { mode: 'custom', url: e.currentTarget.value } })}
          />
        )}
      </Group>
    </Stack>
  );
}
