// The CA-signed flow: Signet's CSR verified by OpenSSL, signed by an OpenSSL test CA, uploaded back.
import 'reflect-metadata';
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openssl, tempFile } from '../../harness/openssl';
import { unwrapResult } from '../../harness/rpc';
import { tempFolder } from '../../harness/temp';
import { unlockedBackend, uploadText } from '../../harness/certificates';
import { readFileSync } from 'node:fs';

/** A root CA and an intermediate, made by OpenSSL; `sign(csr)` issues a leaf from the intermediate. */
function opensslCa() {
  const dir = tempFolder('signet-ca-');
  const file = (name: string) => join(dir, name);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('root.key'),
    '-out',
    file('root.crt'),
    '-subj',
    '/CN=Test Root',
    '-days',
    '30',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('int.key'),
    '-out',
    file('int.csr'),
    '-subj',
    '/CN=Test Intermediate',
  ]);
  const ext = tempFile('int.ext', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  openssl([
    'x509',
    '-req',
    '-in',
    file('int.csr'),
    '-CA',
    file('root.crt'),
    '-CAkey',
    file('root.key'),
    '-CAcreateserial',
    '-out',
    file('int.crt'),
    '-days',
    '30',
    '-extfile',
    ext,
  ]);
  return {
    root: readFileSync(file('root.crt'), 'utf8'),
    intermediate: readFileSync(file('int.crt'), 'utf8'),
    rootPath: file('root.crt'),
    intermediatePath: file('int.crt'),
    sign(csrPem: string): string {
      const csr = tempFile('leaf.csr', csrPem);
      const out = file(`leaf-${Math.random().toString(36).slice(2)}.crt`);
      openssl([
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        file('int.crt'),
        '-CAkey',
        file('int.key'),
        '-CAcreateserial',
        '-out',
        out,
        '-days',
        '10',
      ]);
      return readFileSync(out, 'utf8');
    },
  };
}

/** Signs the CSR's key with the CA's key: a certificate valid for a day that ended yesterday. */
async function signExpired(csrPem: string, caKeyPem: string, caCertPem: string): Promise<string> {
  const request = new x509.Pkcs10CertificateRequest(csrPem);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(caKeyPem).export({ type: 'pkcs8', format: 'der' }),
    algorithm,
    false,
    ['sign'],
  );
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: request.subject,
    issuer: new x509.X509Certificate(caCertPem).subject,
    notBefore: new Date(Date.now() - 2 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
    publicKey: request.publicKey,
    signingKey: caKey as never,
    signingAlgorithm: algorithm,
  });
  return certificate.toString('pem');
}

describe('CA-signed certificates', () => {
  it.each(['RSA-2048', 'EC-P384', 'Ed25519'] as const)(
    'makes a %s CSR OpenSSL verifies; the signed chain uploads in any order and activates',
    async (keyAlgorithm) => {
      const backend = await unlockedBackend();
      const pending = unwrapResult(
        await backend.dispatch('certificates.createCaSigned', [
          { label: 'Partner API', name: 'Partner_API', keyAlgorithm, subject: { organization: 'Acme', country: 'DE' } },
        ]),
      );
      expect(pending).toMatchObject({ kind: 'ca-signed', status: 'awaiting-signed-cert', hasCertificate: false, hasPrivateKey: true });
      expect(pending.subject).toContain('CN=Partner_API');
      const csrFile = tempFile('req.csr', pending.csrPem);
      const verified = openssl(['req', '-in', csrFile, '-noout', '-verify', '-subject']);
      expect(verified).toMatch(/CN ?= ?Partner_API/);
      // OpenSSL prints "verify OK" on stderr for some versions; ask again to be sure it passes.
      expect(() => openssl(['req', '-in', csrFile, '-noout', '-verify'])).not.toThrow();

      const ca = opensslCa();
      const leaf = ca.sign(pending.csrPem);
      // Root first, then leaf, then intermediate: Signet orders it.
      const active = unwrapResult(
        await backend.dispatch('certificates.uploadSigned', [
          { id: pending.id, file: uploadText(ca.root + leaf + ca.intermediate, 'chain.pem') },
        ]),
      );
      expect(active).toMatchObject({ status: 'active', hasCertificate: true, issuer: 'CN=Test Intermediate' });
      const chain = active.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
      expect(chain.map((pem: string) => new X509Certificate(pem).subject.trim())).toEqual([
        'C=DE\nO=Acme\nCN=Partner_API',
        'CN=Test Intermediate',
        'CN=Test Root',
      ]);
      const chainFile = tempFile('chain.pem', active.chainPem);
      expect(openssl(['verify', '-CAfile', ca.rootPath, '-untrusted', ca.intermediatePath, chainFile])).toContain(': OK');
      const key = backend.graph.internal.certificates.privateKey(active.id);
      expect(new X509Certificate(chain[0]!).checkPrivateKey(key)).toBe(true);

      // The chain exports as PEM, leaf first, and OpenSSL verifies the exported file against the root.
      const exported = join(backend.dataFolder, 'chain-export.pem');
      const saved = await backend.dispatch('certificates.export', [
        { ids: [active.id], format: 'chain-pem', destination: { path: exported } },
      ]);
      expect(unwrapResult(saved)).toMatchObject({ saved: true, path: exported });
      const exportedText = readFileSync(exported, 'utf8');
      const exportedChain = exportedText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
      expect(exportedChain.map((pem) => new X509Certificate(pem).fingerprint256)).toEqual(
        chain.map((pem: string) => new X509Certificate(pem).fingerprint256),
      );
      expect(exportedText).not.toContain('PRIVATE KEY');
      expect(openssl(['verify', '-CAfile', ca.rootPath, '-untrusted', exported, exported])).toContain(': OK');

      const again = await backend.dispatch('certificates.uploadSigned', [{ id: pending.id, file: uploadText(leaf) }]);
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      if (!again.ok) expect(again.error.message).toContain('not awaiting a signed certificate');
    },
  );

  it('refuses a certificate for another key, and a DER upload works', async () => {
    const backend = await unlockedBackend();
    const pending = unwrapResult(
      await backend.dispatch('certificates.createCaSigned', [{ label: 'A', name: 'A', keyAlgorithm: 'EC-P256' }]),
    );
    const other = unwrapResult(await backend.dispatch('certificates.createCaSigned', [{ label: 'B', name: 'B', keyAlgorithm: 'EC-P256' }]));
    const ca = opensslCa();
    const wrong = await backend.dispatch('certificates.uploadSigned', [{ id: pending.id, file: uploadText(ca.sign(other.csrPem)) }]);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'KEY_MISMATCH' } });
    if (!wrong.ok) expect(wrong.error.message).toContain('None of the uploaded certificates is for this entry');
    expect(unwrapResult(await backend.dispatch('certificates.get', [pending.id])).status).toBe('awaiting-signed-cert');

    const der = new X509Certificate(ca.sign(pending.csrPem)).raw;
    const active = unwrapResult(
      await backend.dispatch('certificates.uploadSigned', [{ id: pending.id, file: uploadText(der, 'leaf.cer') }]),
    );
    expect(active.status).toBe('active');
    const garbage = await backend.dispatch('certificates.uploadSigned', [
      { id: other.id, file: uploadText('-----BEGIN CERTIFICATE-----\nMIIB\n') },
    ]);
    expect(garbage).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
  });

  it('says a pasted certificate cut before its END line is truncated, and keeps the entry awaiting', async () => {
    const backend = await unlockedBackend();
    const pending = unwrapResult(
      await backend.dispatch('certificates.createCaSigned', [{ label: 'A', name: 'A', keyAlgorithm: 'EC-P256' }]),
    );
    const leaf = opensslCa().sign(pending.csrPem);
    for (const cut of [leaf.slice(0, 300), leaf.replace(/-----END CERTIFICATE-----\s*$/, '')]) {
      const result = await backend.dispatch('certificates.uploadSigned', [{ id: pending.id, file: uploadText(cut, 'pasted.pem') }]);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FORMAT' } });
      if (!result.ok) expect(result.error.message).toMatch(/^The PEM text is truncated: a -----BEGIN line has no matching -----END line/);
    }
    expect(unwrapResult(await backend.dispatch('certificates.get', [pending.id])).status).toBe('awaiting-signed-cert');
  });

  it.each(['PEM', 'DER'] as const)('accepts the CA reply as a PKCS#7 bundle (.p7b, %s) holding the chain', async (outform) => {
    const backend = await unlockedBackend();
    const pending = unwrapResult(
      await backend.dispatch('certificates.createCaSigned', [{ label: 'P7', name: 'P7', keyAlgorithm: 'RSA-2048' }]),
    );
    const ca = opensslCa();
    const leafFile = tempFile('leaf.crt', ca.sign(pending.csrPem));
    // Root, leaf, intermediate: the order inside the bundle does not matter either.
    const bundle = tempFile(`reply.${outform}.p7b`, '');
    openssl([
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      ca.rootPath,
      '-certfile',
      leafFile,
      '-certfile',
      ca.intermediatePath,
      '-outform',
      outform,
      '-out',
      bundle,
    ]);
    const reply = readFileSync(bundle);
    expect(reply.includes('-----BEGIN PKCS7-----')).toBe(outform === 'PEM');
    const active = unwrapResult(
      await backend.dispatch('certificates.uploadSigned', [{ id: pending.id, file: uploadText(reply, 'reply.p7b') }]),
    );
    expect(active).toMatchObject({ status: 'active', issuer: 'CN=Test Intermediate' });
    const chain = active.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(chain.map((pem: string) => new X509Certificate(pem).subject.trim())).toEqual(['CN=P7', 'CN=Test Intermediate', 'CN=Test Root']);
    expect(openssl(['verify', '-CAfile', ca.rootPath, '-untrusted', ca.intermediatePath, tempFile('c.pem', active.chainPem)])).toContain(
      ': OK',
    );
  });

  it('activates with an expired signed certificate, with a warning that says so', async () => {
    const backend = await unlockedBackend();
    const pending = unwrapResult(
      await backend.dispatch('certificates.createCaSigned', [{ label: 'Late', name: 'Late', keyAlgorithm: 'EC-P256' }]),
    );
    const caKey = tempFile('old-ca.key', '');
    const caCert = tempFile('old-ca.crt', '');
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-subj',
      '/CN=Old CA',
    ]);
    // A certificate that ended yesterday: x509 -req takes no start date, so sign with the CA key from node.
    const expired = await signExpired(pending.csrPem, readFileSync(caKey, 'utf8'), readFileSync(caCert, 'utf8'));
    const active = unwrapResult(
      await backend.dispatch('certificates.uploadSigned', [{ id: pending.id, file: uploadText(expired, 'late.crt') }]),
    );
    expect(active.status).toBe('active');
    expect(active.warnings).toEqual([`The certificate expired on ${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}.`]);
  });
});
