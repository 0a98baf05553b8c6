/** Callout Options (Salesforce's checkboxes), Custom Headers and the extra refresh status codes. */
import { Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import { fieldError, setField, type SectionProps } from './section';

export function CalloutFields(props: SectionProps) {
  const { fields } = props.form;
  const tokenFlow = fields.protocol === 'jwt' || fields.protocol === 'jwt-exchange' || fields.protocol === 'client-credentials';
  return (
    <Stack gap="xs">
      <Checkbox
        size="xs"
        label="Generate Authorization Header"
        checked={fields.generateAuthorizationHeader}
        onChange={(event) => setField(props, 'generateAuthorizationHeader', event.currentTarget.checked)}
      />
      <Checkbox
        size="xs"
        label="Allow Merge Fields in HTTP Header"
        checked={fields.allowMergeFieldsInHeader}
        onChange={(event) => setField(props, 'allowMergeFieldsInHeader', event.currentTarget.checked)}
      />
      <Checkbox
        size="xs"
        label="Allow Merge Fields in HTTP Body"
        checked={fields.allowMergeFieldsInBody}
        onChange={(event) => setField(props, 'allowMergeFieldsInBody', event.currentTarget.checked)}
      />
      <div>
        <Text size="xs" fw={500}>
          Custom Headers{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            — values may use {'{{variables}}'} and merge fields like {'{!$Credential.OAuthToken}'}
          </Text>
        </Text>
        <KeyValueEditor
          noun="Custom header"
          withoutToggle
          rows={fields.customHeaders.map((row) => ({ ...row, enabled: true }))}
          onChange={(rows) =>
            setField(
              props,
              'customHeaders',
              rows.map(({ name, value }) => ({ name, value })),
            )
          }
          errors={fields.customHeaders.map((_, index) => fieldError(props, `customHeaders.${index}.name`) ?? null)}
        />
      </div>
      {tokenFlow && (
        <TextInput
          size="xs"
          label="Additional Status Codes for Token Refresh"
          description="Besides 401: drop the cached token, fetch a new one and retry once"
          placeholder="403, 419"
          value={props.form.refreshOnText}
          error={fieldError(props, 'refreshOnStatus')}
          onChange={(event) => {
            const text = event.currentTarget.value;
            props.update((form) => ({ ...form, refreshOnText: text }));
          }}
        />
      )}
    </Stack>
  );
}
