/**
 * The Inspector tab: paste a token and it decodes as you type (locally, no bridge call) — parts,
 * warnings, claims; verify the signature in main; validate claims; or craft and sign a token.
 */
import { Box, Grid, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { VerifyResult } from '../../../../shared/contract/inspector';
import { lintToken } from '../../../../shared/jwt/lint';
import { useIntent } from '../../app/navigation';
import { useCertificates } from '../../components/certificates';
import { ClaimsTable } from './ClaimsTable';
import { algorithmsFor, INITIAL_HEADER, initialPayload } from './craft';
import { CraftPanel, type CraftForm } from './CraftPanel';
import { DecodedView } from './DecodedView';
import { labelFor, useDecoded, useNow, useRecentTokens } from './hooks';
import { TokenInput } from './TokenInput';
import { TokenLists } from './TokenLists';
import { EMPTY_VALIDATE_FORM, ValidatePanel, type ValidateForm } from './ValidatePanel';
import { EMPTY_VERIFY_FORM, VerifyPanel, type VerifyForm } from './VerifyPanel';
import { WarningsList } from './WarningsList';

type Mode = 'decode' | 'craft';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={6} component="section" aria-label={title}>
      <Title order={3} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export function InspectorTab() {
  const [mode, setMode] = useState<Mode>('decode');
  const [text, setText] = useState('');
  const [verifyForm, setVerifyForm] = useState<VerifyForm>(EMPTY_VERIFY_FORM);
  const [verifyResult, setVerifyResult] = useState<VerifyResult | null>(null);
  const [validateForm, setValidateForm] = useState<ValidateForm>(EMPTY_VALIDATE_FORM);
  const [craftForm, setCraftForm] = useState<CraftForm>(() => ({
    header: INITIAL_HEADER,
    payload: initialPayload(Date.now()),
    signer: 'store',
    certificateId: null,
    alg: null,
    secret: '',
    encoding: 'utf8',
    hmacAlg: 'HS256',
  }));
  const decoded = useDecoded(text);
  const recents = useRecentTokens();
  const { certificates } = useCertificates();
  const now = useNow(5000);
  const intent = useIntent('inspector');

  // "Open in Inspector" from another tab lands here with the token loaded — once per hand-off: the
  // tab stays mounted, and its effects run again each time it is shown.
  const handledIntent = useRef(0);
  useEffect(() => {
    if (!intent || intent.seq === handledIntent.current) return;
    handledIntent.current = intent.seq;
    setText(intent.payload.token);
    setMode('decode');
  }, [intent]);

  // A verification result belongs to the token it was made for.
  useEffect(() => setVerifyResult(null), [text]);

  const { remember } = recents;
  useEffect(() => {
    if (!decoded?.ok) return;
    const { token } = decoded;
    const timer = setTimeout(
      () => remember(token.token, token.kind === 'jws' ? labelFor(token.header, token.payload) : 'Encrypted token'),
      600,
    );
    return () => clearTimeout(timer);
  }, [decoded, remember]);

  const open = (token: string) => {
    setText(token);
    setMode('decode');
  };

  const jws = decoded?.ok && decoded.token.kind === 'jws' ? decoded.token : null;
  const alg = typeof jws?.header.alg === 'string' ? jws.header.alg : '';
  const storeCandidates = certificates.filter((certificate) => algorithmsFor(certificate.keyAlgorithm).includes(alg as never)).length;
  const warnings = jws
    ? lintToken(jws, {
        now,
        candidateKeys: verifyResult?.keysInSet ?? (verifyForm.kind === 'store' ? storeCandidates : undefined),
        ...(verifyResult?.hmacSecretBytes !== undefined ? { hmacSecretBytes: verifyResult.hmacSecretBytes } : {}),
        ...(typeof validateForm.clockToleranceSeconds === 'number' ? { clockToleranceSeconds: validateForm.clockToleranceSeconds } : {}),
      })
    : [];

  const editInCraft = () => {
    if (!jws) return;
    setCraftForm((form) => ({ ...form, header: JSON.stringify(jws.header, null, 2), payload: JSON.stringify(jws.payload, null, 2) }));
    setMode('craft');
  };

  return (
    <Stack p="sm" gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h5">
          Inspector
        </Title>
        <SegmentedControl
          aria-label="Inspector mode"
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as Mode)}
          data={[
            { value: 'decode', label: 'Decode & verify' },
            { value: 'craft', label: 'Craft' },
          ]}
        />
      </Group>
      <Box hidden={mode !== 'craft'}>
        <CraftPanel form={craftForm} onChange={setCraftForm} />
      </Box>
      {mode === 'decode' && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="sm">
              <TokenInput text={text} onChange={setText} decoded={decoded} onEditInCraft={jws && !jws.notJwt ? editInCraft : undefined} />
              <TokenLists
                recent={recents.recent}
                onForget={recents.forget}
                onOpen={open}
                current={decoded?.ok ? decoded.token.token : null}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            {decoded?.ok ? (
              <Stack gap="md">
                {jws && (
                  <Section title="Warnings">
                    <WarningsList warnings={warnings} />
                  </Section>
                )}
                <Section title="Decoded">
                  <DecodedView token={decoded.token} />
                </Section>
                {jws && !jws.notJwt && (
                  <Section title="Claims">
                    <ClaimsTable payload={jws.payload} />
                  </Section>
                )}
                {jws && (
                  <Section title="Verify signature">
                    <VerifyPanel
                      token={jws.token}
                      form={verifyForm}
                      onFormChange={setVerifyForm}
                      result={verifyResult}
                      onResult={setVerifyResult}
                    />
                  </Section>
                )}
                {jws && !jws.notJwt && (
                  <Section title="Validate claims">
                    <ValidatePanel payload={jws.payload} form={validateForm} onChange={setValidateForm} />
                  </Section>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed" p="md">
                Paste a token on the left to decode it: header, payload, claims and warnings appear here as you type. Or switch to Craft to
                make one.
              </Text>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
