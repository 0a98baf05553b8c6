// Key and keystore files made by OpenSSL and keytool (independent implementations) for import tests.
// Made once per test file (in beforeAll: they take seconds); the caller removes them in afterAll.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keytool } from './certificates';
import { openssl } from './openssl';

function files(prefix: string): MadeFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = (name: string) => join(dir, name);
  return { dir, path, read: (name) => readFileSync(path(name)), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface MadeFiles {
  dir: string;
  path(name: string): string;
  read(name: string): Buffer;
  remove(): void;
}

/** An RSA-2048 and an EC P-256 key with self-signed certificates, in every PEM/DER/PKCS#12 form. */
export function opensslFiles(): MadeFiles {
  const made = files('signet-openssl-');
  const { dir } = made;
  const run = (args: string[]) => openssl(args.map((arg) => arg.replace(/^@/, `${dir}/`)));
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    '@rsa.key',
    '-out',
    '@rsa.crt',
    '-subj',
    '/CN=OpenSSL RSA/O=Interop',
    '-days',
    '30',
  ]);
  run([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    '@ec.key',
    '-out',
    '@ec.crt',
    '-subj',
    '/CN=OpenSSL EC',
    '-days',
    '30',
  ]);
  run(['rsa', '-in', '@rsa.key', '-traditional', '-out', '@rsa-pkcs1.key']);
  run(['ec', '-in', '@ec.key', '-out', '@ec-sec1.key']);
  run(['pkcs8', '-topk8', '-in', '@rsa.key', '-v2', 'aes-256-cbc', '-passout', 'pass:pem-pass', '-out', '@rsa-enc.key']);
  run(['rsa', '-in', '@rsa.key', '-traditional', '-aes256', '-passout', 'pass:pem-pass', '-out', '@rsa-enc-legacy.key']);
  run(['x509', '-in', '@rsa.crt', '-outform', 'DER', '-out', '@rsa.cer']);
  run([
    'pkcs12',
    '-export',
    '-in',
    '@rsa.crt',
    '-inkey',
    '@rsa.key',
    '-name',
    'rsa-entry',
    '-passout',
    'pass:p12-pass',
    '-out',
    '@rsa.p12',
  ]);
  run(['pkcs12', '-export', '-in', '@ec.crt', '-inkey', '@ec.key', '-name', 'ec-entry', '-passout', 'pass:p12-pass', '-out', '@ec.p12']);
  run([
    'pkcs12',
    '-export',
    '-legacy',
    '-in',
    '@rsa.crt',
    '-inkey',
    '@rsa.key',
    '-name',
    'legacy',
    '-passout',
    'pass:p12-pass',
    '-out',
    '@legacy.p12',
  ]);
  // PKCS#7 certificate bundles (.p7b), as CAs deliver a certificate with its chain: PEM and DER.
  run(['crl2pkcs7', '-nocrl', '-certfile', '@rsa.crt', '-out', '@rsa.p7b']);
  run(['crl2pkcs7', '-nocrl', '-certfile', '@rsa.crt', '-outform', 'DER', '-out', '@rsa-der.p7b']);
  run(['req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', '@weak.key', '-out', '@weak.crt', '-subj', '/CN=Weak', '-days', '30']);
  run(['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024', '-out', '@dsa.param']);
  run(['genpkey', '-paramfile', '@dsa.param', '-out', '@dsa.key']);
  return made;
}

/** keytool stores: a JKS with an RSA and an EC key entry (key password differs for EC) and a trusted cert; a PKCS12 store. */
export function keytoolFiles(): MadeFiles {
  const made = files('signet-keytool-');
  const { path } = made;
  const gen = (store: string, type: string, alias: string, keyalg: string, keypass: string, extra: string[] = []) =>
    keytool([
      '-genkeypair',
      '-keystore',
      path(store),
      '-storetype',
      type,
      '-storepass',
      'store-pass',
      '-keypass',
      keypass,
      '-alias',
      alias,
      '-keyalg',
      keyalg,
      ...extra,
      '-dname',
      `CN=${alias}, O=Keytool`,
      '-validity',
      '30',
      '-noprompt',
    ]);
  gen('store.jks', 'JKS', 'rsa_key', 'RSA', 'store-pass', ['-keysize', '2048']);
  gen('store.jks', 'JKS', 'ec_key', 'EC', 'key-pass', ['-groupname', 'secp256r1']);
  gen('single.jks', 'JKS', 'salesforce_cert', 'RSA', 'store-pass', ['-keysize', '2048']);
  gen('store.p12', 'PKCS12', 'p12_key', 'RSA', 'store-pass', ['-keysize', '2048']);
  keytool([
    '-exportcert',
    '-keystore',
    path('single.jks'),
    '-storepass',
    'store-pass',
    '-alias',
    'salesforce_cert',
    '-file',
    path('trusted.cer'),
  ]);
  keytool([
    '-importcert',
    '-keystore',
    path('trust.jks'),
    '-storetype',
    'JKS',
    '-storepass',
    'store-pass',
    '-alias',
    'partner_ca',
    '-file',
    path('trusted.cer'),
    '-noprompt',
  ]);
  return made;
}
