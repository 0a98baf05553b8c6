/**
 * A PKCS#12 writer for any key type, as OpenSSL 3 writes by default: the key in a
 * pkcs8ShroudedKeyBag (PBES2, PBKDF2-HMAC-SHA-256, AES-256-CBC), the chain in certBags, a
 * SHA-256 MAC over the AuthenticatedSafe (RFC 7292). node-forge supplies ASN.1, PBES2 and the
 * PKCS#12 key derivation; forge's own writer handles RSA keys only.
 */
import forge from 'node-forge';

const { asn1, pki } = forge;
const ITERATIONS = 10_000;

const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const explicit0 = (item: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item]);
const integer = (value: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');

/** Builds a PFX holding one key and its chain (leaf first), the leaf and key tied by localKeyId and friendlyName. */
export function writePkcs12(options: { pkcs8: Uint8Array; chain: Uint8Array[]; password: string; friendlyName: string }): Buffer {
  const leaf = options.chain[0];
  const localKeyId = forge.md.sha1
    .create()
    .update(leaf ? binary(leaf) : binary(options.pkcs8))
    .digest()
    .getBytes();
  const attributes = set([
    seq([oid(pki.oids.friendlyName!), set([asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BMPSTRING, false, options.friendlyName)])]),
    seq([oid(pki.oids.localKeyId!), set([octets(localKeyId)])]),
  ]);

  const certificateBags = options.chain.map((der, index) =>
    seq([
      oid(pki.oids.certBag!),
      explicit0(seq([oid(pki.oids.x509Certificate!), explicit0(octets(binary(der)))])),
      ...(index === 0 ? [attributes] : []),
    ]),
  );
  const keyInfo = asn1.fromDer(forge.util.createBuffer(binary(options.pkcs8)));
  const shrouded = pki.encryptPrivateKeyInfo(keyInfo, options.password, {
    algorithm: 'aes256',
    count: ITERATIONS,
    prfAlgorithm: 'sha256',
  } as never);
  const keyBag = seq([oid(pki.oids.pkcs8ShroudedKeyBag!), explicit0(shrouded), attributes]);

  const dataContent = (safeContents: forge.asn1.Asn1) => seq([oid(pki.oids.data!), explicit0(octets(asn1.toDer(safeContents).getBytes()))]);
  const contents = [];
  if (certificateBags.length > 0) contents.push(dataContent(seq(certificateBags)));
  contents.push(dataContent(seq([keyBag])));
  const authenticatedSafe = asn1.toDer(seq(contents)).getBytes();

  // RFC 7292 Appendix B: MAC key from the password with ID 3, SHA-256, 32 bytes.
  const salt = forge.random.getBytesSync(16);
  const macKey = forge.pkcs12.generateKey(options.password, forge.util.createBuffer(salt), 3, ITERATIONS, 32, forge.md.sha256.create());
  const hmac = forge.hmac.create();
  hmac.start(forge.md.sha256.create(), macKey.getBytes());
  hmac.update(authenticatedSafe);
  const macData = seq([
    seq([seq([oid(pki.oids.sha256!), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]), octets(hmac.digest().getBytes())]),
    octets(salt),
    integer(ITERATIONS),
  ]);
  const pfx = seq([integer(3), seq([oid(pki.oids.data!), explicit0(octets(authenticatedSafe))]), macData]);
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
