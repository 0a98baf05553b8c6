/** Bridge face of named credentials: CRUD, Preview Token, token cache, export and import. No secrets leave. */
import type { SignetServices } from '../../../shared/contract';
import type { NamedCredentialView, TokenPreview } from '../../../shared/contract/credentials';
import type { NamedCredential } from '../../../shared/credentials/profile';
import { decodeToken } from '../../../shared/jwt/decode';
import type { CertificateStore } from '../certificates/certificate-store';
import type { FileSaver, SaveDialog } from '../files/file-saver';
import type { CredentialEngine } from './credential-engine';
import type { CredentialStore } from './credential-store';
import { applyImport, fromPortable, pickFields, toPortable } from './portable';
import { writeProjectFolder } from './salesforce/folder';
import { exportSalesforce, importSalesforce } from './salesforce/package';

export interface CredentialsServiceDeps {
  store: CredentialStore;
  engine: CredentialEngine;
  certificates: CertificateStore;
  files: FileSaver;
  /** The native save dialog (Electron), for writing the Salesforce project as a folder. */
  saveDialog?: SaveDialog;
}

export function createCredentialsService({
  store,
  engine,
  certificates,
  files,
  saveDialog,
}: CredentialsServiceDeps): SignetServices['credentials'] {
  const view = (profile: NamedCredential): NamedCredentialView => ({
    ...profile,
    lastUsedAt: store.lastUsed(profile),
    problems: store.problems(profile),
  });

  return {
    list: () => store.list().map(view),
    get: (id) => view(store.get(id)),
    create: ({ profile, secrets }) => view(store.create(profile, secrets)),
    update: ({ id, profile, secrets }) => view(store.update(id, profile, secrets)),
    duplicate: (id) => view(store.duplicate(id)),
    remove(id) {
      store.remove(id);
      return null;
    },
    async previewToken({ id, draft, variables, user }): Promise<TokenPreview> {
      const result = await engine.preview(id, { variables, ...(draft ? { draft } : {}), ...(user !== undefined ? { user } : {}) });
      const { token } = result;
      if (!token) {
        const protocol = result.profile.protocol;
        const note =
          protocol === 'none'
            ? 'No Authentication sends no token.'
            : protocol === 'password'
              ? 'Password Authentication sends Basic credentials from the vault; there is no token to show.'
              : 'A static Bearer Token is a secret kept in the vault; Preview does not show it.';
        return { kind: 'none', token: null, tokenType: '', durationMs: result.durationMs, trace: result.trace, note };
      }
      const decoded = decodeToken(token.token);
      return {
        kind: token.kind,
        token: token.token,
        tokenType: token.tokenType,
        ...(decoded.ok && decoded.token.kind === 'jws' ? { decoded: { header: decoded.token.header, claims: decoded.token.payload } } : {}),
        ...(token.expiresAt !== undefined ? { expiresAt: new Date(token.expiresAt).toISOString() } : {}),
        durationMs: result.durationMs,
        trace: result.trace,
      };
    },
    tokenCache(id) {
      store.get(id);
      return engine.cache.entries(id).map((entry) => ({
        user: entry.user,
        kind: entry.kind,
        tokenType: entry.tokenType,
        preview: entry.token.length > 16 ? `${entry.token.slice(0, 12)}… (${entry.token.length} characters)` : '…',
        obtainedAt: new Date(entry.obtainedAt).toISOString(),
        ...(entry.expiresAt !== undefined ? { expiresAt: new Date(entry.expiresAt).toISOString() } : {}),
        timesUsed: entry.timesUsed,
      }));
    },
    clearTokenCache(id) {
      store.get(id);
      engine.cache.clear(id);
      return null;
    },
    exportProfiles({ ids, destination }) {
      const profiles = ids.map((id) => store.get(id));
      const suggestedName = profiles.length === 1 ? `${profiles[0]!.name}.credentials.json` : 'named-credentials.json';
      return files.save({
        suggestedName,
        filters: [{ name: 'Signet named credentials', extensions: ['json'] }],
        contents: toPortable(profiles, certificates),
        destination,
      });
    },
    importProfiles: ({ content, conflict }) => applyImport(store, fromPortable(content, certificates), conflict),
    async exportSalesforce({ ids, model, layout, destination }) {
      const profiles = ids.map((id) => pickFields(store.get(id)));
      const { files: project, zip, skipped, warnings } = exportSalesforce(profiles, model, certificates);
      if (layout === 'folder') {
        return { ...(await writeProjectFolder(project, destination, `salesforce-${model}-project`, saveDialog)), skipped, warnings };
      }
      const saved = await files.save({
        suggestedName: `named-credentials-${model === 'legacy' ? 'legacy' : 'external'}-sfdx.zip`,
        filters: [{ name: 'SFDX project (zip)', extensions: ['zip'] }],
        contents: zip,
        destination,
      });
      return { ...saved, skipped, warnings };
    },
    importSalesforce: ({ files: uploaded, conflict }) => applyImport(store, importSalesforce(uploaded, certificates), conflict),
  };
}
