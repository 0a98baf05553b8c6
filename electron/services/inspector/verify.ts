/**
 * Signature verification for the Inspector: gathers candidate keys from the chosen source, keeps
 * those that fit the token's alg, and tries each with jose. The answer is a value — valid, invalid
 * or no matching key — with the reason and the key used; only unusable input is an error.
 */
import type { CertificateRecord } from '../../../shared/contract/certificates';
import { VerifyInput, type KeyUsed, type VerifyResult } from '../../../shared/contract/inspector';
import { decodeToken, type DecodedJws } from '../../../shared/jwt/decode';
import { AppError } from '../../../shared/errors';
import { compactVerify, errors as joseErrors } from 'jose';
import type { CertificateStore } from '../certificates/certificate-store';
import {
  candidateFromPem,
  candidatesFromJwkText,
  describeShape,
  hmacSecretBytes,
  importCandidateKey,
  keyKindFor,
  shapeFitsAlg,
  shapeOfKeyObject,
  type Candidate,
} from './key-material';
import { fetchIssuerKeys, fetchJwks, type FetchOptions } from './remote-keys';

export interface VerifyDeps {
  certificates: Pick<CertificateStore, 'list' | 'get' | 'publicKey'>;
  fetch: FetchOptions;
}

interface Gathered {
  candidates: Candidate[];
  /** For a key set: how many of its keys fit the token's alg (the lint's "N known keys could verify it"). */
  keysInSet?: number;
  hmacSecretBytes?: number;
  /** Added to the reason (e.g. how the store lookup went). */
  note?: string;
  /** Said with any result (e.g. a discovery document naming another issuer). */
  caveat?: string;
  /** A store lookup by kid/x5t found nothing and fell back to trying every certificate. */
  unmatchedIdentifier?: string;
}

/** Decodes for verification; a token that cannot be decoded is bad input with the decoder's message. */
export function decodeForVerification(token: string): DecodedJws {
  const decoded = decodeToken(token, { allowNonJwtPayload: true });
  if (!decoded.ok) throw new AppError('BAD_INPUT', decoded.error.message, { field: 'token', tokenError: decoded.error.code });
  if (decoded.token.kind === 'jwe') {
    throw new AppError(
      'BAD_INPUT',
      'This is an encrypted token (JWE): its content can only be read with the recipient’s private key, and it has no signature to verify here.',
      {
        field: 'token',
        tokenError: 'JWE',
      },
    );
  }
  return decoded.token;
}

export async function verifyToken(raw: VerifyInput, deps: VerifyDeps): Promise<VerifyResult> {
  const input = VerifyInput.parse(raw);
  const token = decodeForVerification(input.token);
  const alg = typeof token.header.alg === 'string' ? token.header.alg : '';
  if (!alg) return { status: 'invalid', reason: 'The header has no alg, so there is no way to verify the signature.', alg, tried: 0 };
  if (alg.toLowerCase() === 'none') {
    return {
      status: 'invalid',
      reason: 'alg is "none": the token is unsigned. There is no signature to verify, and no server should accept it.',
      alg,
      tried: 0,
    };
  }

  const gathered = await gatherCandidates(input.key, token, alg, deps);
  const extra = {
    ...(gathered.keysInSet !== undefined ? { keysInSet: gathered.keysInSet } : {}),
    ...(gathered.hmacSecretBytes !== undefined ? { hmacSecretBytes: gathered.hmacSecretBytes } : {}),
  };
  const fitting = gathered.candidates.filter((candidate) => shapeFitsAlg(candidate.shape, alg));
  if (fitting.length === 0) {
    const offered = gathered.candidates.map((candidate) => describeShape(candidate.shape));
    const reason =
      gathered.candidates.length === 0
        ? `No key to try. ${gathered.note ?? ''}`.trim()
        : `The token is signed with ${alg}, which needs ${keyKindFor(alg)}; the key source offers ${[...new Set(offered)].join(', ')}.`;
    return { status: 'no-key', reason, alg, tried: 0, ...extra };
  }

  const crit = Array.isArray(token.header.crit)
    ? token.header.crit.filter((name): name is string => typeof name === 'string' && name !== 'b64')
    : [];
  const options = { algorithms: [alg], ...(crit.length ? { crit: Object.fromEntries(crit.map((name) => [name, true])) } : {}) };
  let lastFailure = '';
  let tried = 0;
  const unusable: string[] = [];
  for (const candidate of fitting) {
    let key: Awaited<ReturnType<typeof importCandidateKey>>;
    try {
      key = await importCandidateKey(candidate, alg);
    } catch (error) {
      unusable.push(`${candidate.description}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    tried++;
    try {
      await compactVerify(token.token, key, options);
      return {
        status: 'valid',
        reason: `The signature is valid: made with ${describeKeyUsed(candidate)}.${gathered.caveat ? ` ${gathered.caveat}` : ''}`,
        alg,
        key: keyUsed(candidate),
        tried,
        ...extra,
      };
    } catch (error) {
      lastFailure = failureReason(error);
    }
  }
  if (tried === 0) {
    return {
      status: 'no-key',
      reason: `The key could not be used (${unusable.join('; ')}). Check that it is complete.`,
      alg,
      tried,
      ...extra,
    };
  }
  const last = fitting[fitting.length - 1]!;
  if (gathered.unmatchedIdentifier) {
    return {
      status: 'no-key',
      reason: `No certificate in the store matches ${gathered.unmatchedIdentifier}, and none of the ${tried} other ${keyKindFor(alg).replace(/^an? /, '')} certificates verifies the signature. Import the signer's certificate, or choose a key source.`,
      alg,
      tried,
      ...extra,
    };
  }
  const reason =
    tried === 1
      ? `The signature does not match ${describeKeyUsed(last)}: ${lastFailure} Either the token was changed after signing, or it was signed with another key.`
      : `None of the ${tried} keys that fit ${alg} verifies the signature (last: ${lastFailure}) The token was changed after signing, or signed with another key.`;
  return { status: 'invalid', reason, alg, ...(tried === 1 ? { key: keyUsed(last) } : {}), tried, ...extra };
}

function keyUsed(candidate: Candidate): KeyUsed {
  return {
    description: candidate.description,
    ...(candidate.matchedBy ? { matchedBy: candidate.matchedBy } : {}),
    ...(candidate.kid ? { kid: candidate.kid } : {}),
    ...(candidate.certificateId ? { certificateId: candidate.certificateId } : {}),
  };
}

function describeKeyUsed(candidate: Candidate): string {
  return `${candidate.description}${candidate.matchedBy ? `, chosen because ${candidate.matchedBy}` : ''}`;
}

function failureReason(error: unknown): string {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature check failed.';
  if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return `${error.message.replace(/\.?$/, '.')}`;
  throw error;
}

async function gatherCandidates(source: VerifyInput['key'], token: DecodedJws, alg: string, deps: VerifyDeps): Promise<Gathered> {
  const parsed = VerifyInput.shape.key.parse(source);
  switch (parsed.kind) {
    case 'store':
      return storeCandidates(parsed.certificateId, token, alg, deps.certificates);
    case 'pem':
      return { candidates: [candidateFromPem(parsed.pem)] };
    case 'jwk': {
      const { candidates, isSet } = candidatesFromJwkText(parsed.jwk);
      // A pasted JWKS is chosen from by kid like a fetched one; a single pasted JWK is tried as given.
      return { keysInSet: fittingCount(candidates, alg), ...(isSet ? narrowByKid(candidates, token) : { candidates }) };
    }
    case 'jwks-url': {
      const keys = await fetchJwks(parsed.url, deps.fetch);
      return { keysInSet: fittingCount(keys.candidates, alg), ...narrowByKid(keys.candidates, token) };
    }
    case 'issuer': {
      const keys = await fetchIssuerKeys(parsed.issuer, deps.fetch);
      // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the issuer asked for.
      const caveat = keys.issuerMismatch
        ? `Note: the discovery document names the issuer ${keys.issuerMismatch}, not ${parsed.issuer}, so it does not belong to that issuer.`
        : undefined;
      return { keysInSet: fittingCount(keys.candidates, alg), ...narrowByKid(keys.candidates, token), ...(caveat ? { caveat } : {}) };
    }
    case 'hmac': {
      const secret = hmacSecretBytes(parsed.secret, parsed.encoding);
      return {
        candidates: [{ key: secret, shape: { kty: 'oct' }, description: `the HMAC secret (${secret.length} bytes)` }],
        hmacSecretBytes: secret.length,
      };
    }
  }
}

const fittingCount = (candidates: Candidate[], alg: string) => candidates.filter((candidate) => shapeFitsAlg(candidate.shape, alg)).length;

/** A JWKS verifier picks the key whose kid matches the header's (RFC 7515 §4.1.4); without a kid, every key is tried. */
function narrowByKid(candidates: Candidate[], token: DecodedJws): Pick<Gathered, 'candidates' | 'note'> {
  const kid = token.header.kid;
  if (typeof kid !== 'string') return { candidates };
  const matching = candidates
    .filter((candidate) => candidate.kid === kid)
    .map((candidate) => ({ ...candidate, matchedBy: `its kid matches the header's kid ${kid}` }));
  if (matching.length > 0) return { candidates: matching };
  return {
    candidates: [],
    note: `The JWKS holds ${candidates.length} key${candidates.length === 1 ? '' : 's'}, none with kid ${kid}: the issuer may have rotated its keys, or the token was signed by someone else.`,
  };
}

function storeCandidate(record: CertificateRecord, certificates: VerifyDeps['certificates'], matchedBy?: string): Candidate {
  const key = certificates.publicKey(record.id);
  return {
    key,
    shape: shapeOfKeyObject(key),
    description: `certificate ${record.label} (${record.name}, ${record.keyAlgorithm})`,
    certificateId: record.id,
    kid: record.jwkThumbprint,
    ...(matchedBy ? { matchedBy } : {}),
  };
}

/** Store lookup: a chosen certificate, or the one named by kid (JWK thumbprint), x5t#S256 or x5t. */
function storeCandidates(
  certificateId: string | undefined,
  token: DecodedJws,
  alg: string,
  certificates: VerifyDeps['certificates'],
): Gathered {
  if (certificateId) return { candidates: [storeCandidate(certificates.get(certificateId), certificates, 'you chose it')] };
  const records = certificates.list().filter((record) => record.publicKeyPem);
  if (records.length === 0) {
    return {
      candidates: [],
      note: 'The certificate store is empty: create or import the signer’s certificate in the Certificates tab, or choose another key source.',
    };
  }
  const { header } = token;
  const identifiers: [string, (record: CertificateRecord) => string, string][] = [
    ['kid', (record) => record.jwkThumbprint, 'the header’s kid is its JWK thumbprint'],
    ['x5t#S256', (record) => record['x5t#S256'], 'the header’s x5t#S256 is its certificate thumbprint'],
    ['x5t', (record) => record.x5t, 'the header’s x5t is its certificate thumbprint'],
  ];
  for (const [name, field, why] of identifiers) {
    const value = header[name];
    if (typeof value !== 'string') continue;
    const matches = records.filter((record) => field(record) === value);
    if (matches.length > 0) return { candidates: matches.map((record) => storeCandidate(record, certificates, why)) };
  }
  const named = identifiers.map(([name]) => name).filter((name) => typeof header[name] === 'string');
  const fitting = records.map((record) => storeCandidate(record, certificates)).filter((candidate) => shapeFitsAlg(candidate.shape, alg));
  if (named.length > 0) {
    const label = named.map((name) => `${name} ${String(header[name])}`).join(' or ');
    const matchedBy = `no certificate matches ${label}, so each of the right type was tried`;
    return {
      candidates: fitting.map((candidate) => ({ ...candidate, matchedBy })),
      unmatchedIdentifier: label,
      note: `No certificate in the store matches ${label}.`,
    };
  }
  const matchedBy = 'the header names no key (no kid, x5t or x5t#S256), so each certificate of the right type was tried';
  return { candidates: fitting.map((candidate) => ({ ...candidate, matchedBy })), note: `No store certificate holds ${keyKindFor(alg)}.` };
}
