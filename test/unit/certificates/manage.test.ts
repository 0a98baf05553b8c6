// Creation progress and cancel, details, rename and the delete guard.
import { describe, expect, it } from 'vitest';
import { unlockedBackend } from '../../harness/certificates';
import { openssl, tempFile } from '../../harness/openssl';
import { unwrapResult } from '../../harness/rpc';

describe('managing certificates', () => {
  it('reports progress of a creation and cancels an RSA-4096 creation at once, storing nothing', async () => {
    const backend = await unlockedBackend();
    const created = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'P', name: 'P', keyAlgorithm: 'EC-P256', jobId: 'job-1' }]),
    );
    const phases = backend.events.filter((event) => event.name === 'certificates.progress').map((event) => event.payload);
    expect(phases).toEqual([
      { jobId: 'job-1', phase: 'generating-key' },
      { jobId: 'job-1', phase: 'building-certificate' },
      { jobId: 'job-1', phase: 'saving' },
    ]);
    expect(created.name).toBe('P');

    const started = performance.now();
    const pending = backend.dispatch('certificates.createSelfSigned', [
      { label: 'Big', name: 'Big', keyAlgorithm: 'RSA-4096', jobId: 'job-2' },
    ]);
    // The event loop stays free while the key is generated: a timer fires and a list call answers.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unwrapResult(await backend.dispatch('certificates.list', []))).toHaveLength(1);
    unwrapResult(await backend.dispatch('certificates.cancelCreate', ['job-2']));
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(500);
    expect(result).toMatchObject({ ok: false, error: { code: 'ABORTED', message: 'Creation cancelled. Nothing was saved.' } });
    expect(unwrapResult(await backend.dispatch('certificates.list', []))).toHaveLength(1);
  });

  it('creates RSA-4096 with two years of validity', async () => {
    const backend = await unlockedBackend();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'Big', name: 'Big', keyAlgorithm: 'RSA-4096' }]),
    );
    expect(record.keyAlgorithm).toBe('RSA-4096');
    expect(Math.round((Date.parse(record.notAfter) - Date.parse(record.notBefore)) / 86_400_000)).toBe(730);
  });

  it('shows details: SANs, key usages, chain and the public JWK without private members', async () => {
    const backend = await unlockedBackend();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [
        {
          label: 'TLS',
          name: 'TLS',
          keyAlgorithm: 'RSA-2048',
          subjectAltNames: [
            { type: 'dns', value: 'localhost' },
            { type: 'ip', value: '127.0.0.1' },
          ],
        },
      ]),
    );
    const details = unwrapResult(await backend.dispatch('certificates.details', [record.id]));
    expect(details.subjectAltNames).toEqual(['DNS: localhost', 'IP: 127.0.0.1']);
    expect(details.keyUsages).toEqual(['Digital Signature', 'Key Encipherment']);
    expect(details.extendedKeyUsages).toEqual(['TLS Server Authentication', 'TLS Client Authentication']);
    expect(details.signatureAlgorithm).toBe('RSASSA-PKCS1-v1_5 with SHA-256');
    expect(details.chain).toHaveLength(1);
    expect(details.chain[0].sha256).toBe(record.fingerprints.sha256);
    expect(details.publicJwk).toMatchObject({ kty: 'RSA', kid: record.jwkThumbprint, e: 'AQAB' });
    expect(details.publicJwk).not.toHaveProperty('d');
  });

  it('renames the label, and refuses to delete an entry in use, naming the user', async () => {
    const backend = await unlockedBackend();
    const record = unwrapResult(
      await backend.dispatch('certificates.createSelfSigned', [{ label: 'Old', name: 'Key', keyAlgorithm: 'EC-P256' }]),
    );
    const renamed = unwrapResult(await backend.dispatch('certificates.rename', [{ id: record.id, label: 'New label' }]));
    expect(renamed).toMatchObject({ label: 'New label', name: 'Key' });
    const stop = backend.graph.internal.certificates.registerUsage((id) => (id === record.id ? ['named credential Partner_API'] : []));
    const refused = await backend.dispatch('certificates.delete', [record.id]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { usedBy: ['named credential Partner_API'] } } });
    if (!refused.ok)
      expect(refused.error.message).toBe('New label is used by named credential Partner_API. Change it to use another certificate first.');
    stop();
    unwrapResult(await backend.dispatch('certificates.delete', [record.id]));
    expect(unwrapResult(await backend.dispatch('certificates.list', []))).toEqual([]);
    expect(backend.graph.internal.vault.has(`certificate-key:${record.id}`)).toBe(false);
  });
});

describe('subject key identifier', () => {
  it.each(['RSA-2048', 'EC-P256', 'Ed25519'] as const)(
    'matches what OpenSSL computes for the same %s key (RFC 5280 method 1)',
    async (keyAlgorithm) => {
      const backend = await unlockedBackend();
      const record = unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: 'K', name: 'K', keyAlgorithm }]));
      const keyFile = tempFile(
        'key.pem',
        backend.graph.internal.certificates.privateKey(record.id).export({ type: 'pkcs8', format: 'pem' }),
      );
      const theirs = openssl([
        'req',
        '-new',
        '-x509',
        '-key',
        keyFile,
        '-subj',
        '/CN=OpenSSL',
        '-days',
        '1',
        '-addext',
        'subjectKeyIdentifier=hash',
      ]);
      const ski = (pem: string) => openssl(['x509', '-noout', '-ext', 'subjectKeyIdentifier'], pem).split('\n')[1]!.trim();
      expect(ski(record.chainPem)).toBe(ski(theirs));
    },
  );
});

describe('new keys', () => {
  it('refuses RSA under 2048 bits and DSA for new keys, naming the choices', async () => {
    const backend = await unlockedBackend();
    for (const keyAlgorithm of ['RSA-1024', 'DSA-2048']) {
      const result = await backend.dispatch('certificates.createSelfSigned', [{ label: 'Weak', name: 'Weak', keyAlgorithm }]);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { issues: [{ path: ['0', 'keyAlgorithm'] }] } } });
      if (!result.ok) expect(result.error.message).toMatch(/^keyAlgorithm: .*RSA-2048/);
    }
  });
});

describe('JWK thumbprint', () => {
  it.each(['RSA-2048', 'EC-P521', 'Ed25519'] as const)('equals jose calculateJwkThumbprint for %s (RFC 7638)', async (keyAlgorithm) => {
    const { calculateJwkThumbprint, exportJWK } = await import('jose');
    const { createPublicKey } = await import('node:crypto');
    const backend = await unlockedBackend();
    const record = unwrapResult(await backend.dispatch('certificates.createSelfSigned', [{ label: 'T', name: 'T', keyAlgorithm }]));
    expect(record.jwkThumbprint).toBe(await calculateJwkThumbprint(await exportJWK(createPublicKey(record.publicKeyPem)), 'sha256'));
  });
});
