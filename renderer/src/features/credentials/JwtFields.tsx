/** JWT settings (JWT, JWT Token Exchange, private_key_jwt): claims, signing, header options, custom claims. */
import { Alert, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { algorithmsForKey, isHmacAlgorithm, JWT_ALGORITHMS, type JwtAlgorithm } from '../../../../shared/credentials/algorithms';
import { KID_MODES, type KidMode } from '../../../../shared/credentials/profile';
import { CodeEditor } from '../../components/CodeEditor';
import { CertificateSelect } from '../../components/certificates';
import { warningsFor } from './form';
import { fieldError, SecretInput, setJwt, type SectionProps } from './section';

const KID_LABELS: Record<KidMode, string> = { none: 'None', thumbprint: 'JWK thumbprint', custom: 'Custom text' };
const HMAC: JwtAlgorithm[] = ['HS256', 'HS384', 'HS512'];

export function JwtFields(props: SectionProps) {
  const { fields } = props.form;
  const { jwt } = fields;
  const certificate = props.certificates.find((entry) => entry.id === jwt.signingCertificateId);
  // Offer only what the chosen key can do (plus HMAC, which signs with a vault secret instead).
  const offered = certificate ? [...algorithmsForKey(certificate.keyAlgorithm), ...HMAC] : [...JWT_ALGORITHMS];
  const data = offered.includes(jwt.algorithm) ? offered : [jwt.algorithm, ...offered];
  const hmac = isHmacAlgorithm(jwt.algorithm);
  const clientAssertion = fields.protocol === 'client-credentials';
  const claimsWarning = warningsFor(props.problems, 'jwt.customClaims');
  const audiencesWarning = warningsFor(props.problems, 'jwt.audiences');

  return (
    <Stack gap="xs">
      {clientAssertion ? (
        <Text size="xs" c="dimmed">
          private_key_jwt (RFC 7523 §2.2): iss and sub are the Client ID; aud defaults to the Token Endpoint URL.
        </Text>
      ) : (
        <TextInput size="xs" label="Issuer" value={jwt.issuer} onChange={(event) => setJwt(props, 'issuer', event.currentTarget.value)} />
      )}
      {fields.protocol === 'jwt' && (
        <TextInput
          size="xs"
          label="Scope"
          description="Sent as the scope claim"
          value={fields.scope}
          onChange={(event) => {
            const scope = event.currentTarget.value;
            props.update((form) => ({ ...form, fields: { ...form.fields, scope } }));
          }}
        />
      )}
      <Textarea
        size="xs"
        label="Audiences"
        description="One per line: one becomes an aud string, several an array"
        autosize
        minRows={1}
        value={props.form.audiencesText}
        error={fieldError(props, 'jwt.audiences')}
        spellCheck={false}
        onChange={(event) => {
          const text = event.currentTarget.value;
          props.update((form) => ({ ...form, audiencesText: text }));
        }}
      />
      {audiencesWarning && (
        <Text size="xs" c="yellow.8">
          {audiencesWarning}
        </Text>
      )}
      <SimpleGrid cols={3} spacing="xs">
        <NumberInput
          size="xs"
          label="Token Valid For"
          suffix=" seconds"
          min={1}
          value={jwt.tokenValidForSeconds}
          error={fieldError(props, 'jwt.tokenValidForSeconds')}
          onChange={(value) => setJwt(props, 'tokenValidForSeconds', typeof value === 'number' ? value : Number(value) || 0)}
        />
        <NumberInput
          size="xs"
          label="Clock Skew"
          description="Backdates iat/nbf; re-mint this early"
          suffix=" seconds"
          min={0}
          value={jwt.clockSkewSeconds}
          error={fieldError(props, 'jwt.clockSkewSeconds')}
          onChange={(value) => setJwt(props, 'clockSkewSeconds', typeof value === 'number' ? value : Number(value) || 0)}
        />
        <TextInput
          size="xs"
          label="typ header"
          description="Empty leaves it out"
          value={jwt.typ}
          onChange={(event) => setJwt(props, 'typ', event.currentTarget.value)}
        />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="xs">
        <CertificateSelect
          size="xs"
          label="JWT Signing Certificate"
          value={jwt.signingCertificateId}
          disabled={hmac}
          include={(entry) => entry.hasPrivateKey}
          error={fieldError(props, 'jwt.signingCertificateId')}
          onChange={(id) => {
            const chosen = props.certificates.find((entry) => entry.id === id);
            const fits = chosen ? algorithmsForKey(chosen.keyAlgorithm) : [];
            props.update((form) => ({
              ...form,
              fields: {
                ...form.fields,
                jwt: {
                  ...form.fields.jwt,
                  signingCertificateId: id,
                  algorithm: fits.length && !fits.includes(form.fields.jwt.algorithm) ? fits[0]! : form.fields.jwt.algorithm,
                },
              },
            }));
          }}
        />
        <Select
          size="xs"
          label="Signing Algorithm"
          data={data}
          value={jwt.algorithm}
          allowDeselect={false}
          error={fieldError(props, 'jwt.algorithm')}
          onChange={(value) => value && setJwt(props, 'algorithm', value as JwtAlgorithm)}
        />
      </SimpleGrid>
      {hmac && <SecretInput props={props} kind="hmacSecret" label="HMAC Secret" />}
      {certificate && !certificate.hasPrivateKey && (
        <Alert color="red" p="xs">
          {certificate.label} is a certificate without a private key: it cannot sign.
        </Alert>
      )}
      {warningsFor(props.problems, 'jwt.signingCertificateId') && (
        <Alert color="yellow" p="xs">
          {warningsFor(props.problems, 'jwt.signingCertificateId')}
        </Alert>
      )}
      <Group gap="md" align="flex-end">
        <Select
          size="xs"
          w={170}
          label="kid"
          data={KID_MODES.map((value) => ({ value, label: KID_LABELS[value] }))}
          value={jwt.kid}
          allowDeselect={false}
          onChange={(value) => value && setJwt(props, 'kid', value as KidMode)}
        />
        {jwt.kid === 'custom' && (
          <TextInput
            size="xs"
            label="Custom kid"
            value={jwt.customKid}
            error={fieldError(props, 'jwt.customKid')}
            onChange={(event) => setJwt(props, 'customKid', event.currentTarget.value)}
          />
        )}
        <Checkbox size="xs" label="x5t" checked={jwt.x5t} onChange={(event) => setJwt(props, 'x5t', event.currentTarget.checked)} />
        <Checkbox
          size="xs"
          label="x5t#S256"
          checked={jwt.x5tS256}
          onChange={(event) => setJwt(props, 'x5tS256', event.currentTarget.checked)}
        />
      </Group>
      <Group gap="md">
        <Checkbox
          size="xs"
          label="Include iat"
          checked={jwt.includeIat}
          onChange={(event) => setJwt(props, 'includeIat', event.currentTarget.checked)}
        />
        <Checkbox
          size="xs"
          label="Include nbf"
          checked={jwt.includeNbf}
          onChange={(event) => setJwt(props, 'includeNbf', event.currentTarget.checked)}
        />
        <Checkbox
          size="xs"
          label="Include jti"
          checked={jwt.includeJti}
          onChange={(event) => setJwt(props, 'includeJti', event.currentTarget.checked)}
        />
      </Group>
      <div>
        <Text size="xs" fw={500}>
          Custom Claims{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            — a JSON object; string values may use {'{{variables}}'}
          </Text>
        </Text>
        <CodeEditor
          label="Custom Claims"
          language="json"
          lint={jwt.customClaims.trim() !== ''}
          minHeight={60}
          maxHeight={220}
          value={jwt.customClaims}
          placeholder='{"tenant": "{{tenant}}"}'
          onChange={(value) => setJwt(props, 'customClaims', value)}
        />
        {fieldError(props, 'jwt.customClaims') && (
          <Text size="xs" c="red" role="alert">
            {fieldError(props, 'jwt.customClaims')}
          </Text>
        )}
        {claimsWarning && (
          <Text size="xs" c="yellow.8">
            {claimsWarning}
          </Text>
        )}
      </div>
    </Stack>
  );
}
