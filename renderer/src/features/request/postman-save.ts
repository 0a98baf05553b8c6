/**
 * Saves what `importPostman` read: a Collections folder named after the collection (its folders
 * and requests inside), the collection variables as a new environment, and a `jwt` named
 * credential for each JWT Bearer configuration. A credential main refuses (an RS256 one needs a
 * signing certificate) is reported with the draft, so the user completes it in Named Credentials.
 */
import { VARIABLE_NAME } from '../../../../shared/contract/environments';
import type { RequestSpec } from '../../../../shared/contract/http';
import { JWT_ALGORITHMS, type JwtAlgorithm } from '../../../../shared/credentials/algorithms';
import type { NamedCredentialInput } from '../../../../shared/credentials/profile';
import type { PostmanImport } from '../../../../shared/request/postman-import';
import { substituteVariables } from '../../../../shared/request/variables';
import type { CredentialDraft } from '../../app/navigation';
import { api } from '../../bridge';
import { uniqueName } from './environment-form';

export interface CredentialOutcome {
  name: string;
  /** Saved as a named credential; otherwise `problem` says what main refused. */
  created: boolean;
  problem?: string;
  notes: string[];
  /** The profile to complete in Named Credentials when it could not be saved. */
  draft: CredentialDraft;
}

export interface PostmanSaveSummary {
  collection: string;
  /** The Collections folder that holds the import. */
  rootFolder: string;
  folders: number;
  requests: number;
  environment: { name: string; variables: number } | null;
  credentials: CredentialOutcome[];
  notes: string[];
  /** What stopped the import part way (what was saved before it stays). */
  failure?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The credential's URL: collection variables filled in, then only the origin (a profile URL has no query). */
function endpointUrl(url: string, variables: Record<string, string>): string {
  const filled = substituteVariables(url, variables).text;
  try {
    return new URL(filled).origin;
  } catch {
    return filled;
  }
}

export async function savePostmanImport(parsed: PostmanImport): Promise<PostmanSaveSummary> {
  const notes = [...parsed.notes];
  const summary: PostmanSaveSummary = {
    collection: parsed.name,
    rootFolder: parsed.name.slice(0, 200),
    folders: 0,
    requests: 0,
    environment: null,
    credentials: [],
    notes,
  };
  const values: Record<string, string> = {};
  for (const variable of parsed.variables) if (!variable.disabled) values[variable.name] ??= variable.value;
  try {
    await saveEnvironment(parsed, summary);
  } catch (error) {
    notes.push(`The environment was not created: ${message(error)}`);
  }
  let renamed = new Map<string, string>();
  try {
    renamed = await saveCredentials(parsed, values, summary);
  } catch (error) {
    notes.push(`The named credentials were not created: ${message(error)}`);
  }
  try {
    await saveCollection(parsed, renamed, summary);
  } catch (error) {
    summary.failure = message(error);
  }
  return summary;
}

async function saveEnvironment(parsed: PostmanImport, summary: PostmanSaveSummary) {
  if (parsed.variables.length === 0) return;
  const variables: PostmanImport['variables'] = [];
  for (const variable of parsed.variables) {
    if (!VARIABLE_NAME.test(variable.name))
      summary.notes.push(`The variable "${variable.name}" was left out: its name cannot be used in {{…}}.`);
    else if (variables.some((kept) => kept.name === variable.name))
      summary.notes.push(`The variable "${variable.name}" is defined twice; the first value was kept.`);
    else variables.push(variable);
  }
  const { environments } = await api.environments.list();
  const name = uniqueName(
    parsed.name,
    environments.map((environment) => environment.name),
  );
  const saved = await api.environments.save({
    name,
    // Postman's secret variables go to the vault like any secret variable.
    variables: variables
      .slice(0, 500)
      .map((variable) => ({ name: variable.name, value: variable.value, enabled: !variable.disabled, secret: !!variable.secret })),
  });
  summary.environment = { name: saved.name, variables: saved.variables.length };
}

/** Creates the credentials; returns Postman draft name → the name it was saved (or offered) under. */
async function saveCredentials(parsed: PostmanImport, values: Record<string, string>, summary: PostmanSaveSummary) {
  const renamed = new Map<string, string>();
  if (parsed.credentialDrafts.length === 0) return renamed;
  const taken = (await api.credentials.list()).map((profile) => profile.name);
  for (const draft of parsed.credentialDrafts) {
    let name = draft.name;
    for (let n = 2; taken.some((other) => other.toLowerCase() === name.toLowerCase()); n++) name = `${draft.name.slice(0, 76)}_${n}`;
    taken.push(name);
    renamed.set(draft.name, name);
    const jwt = draft.jwt as { algorithm?: string; issuer?: string; audiences?: string[]; customClaims?: string };
    const algorithm: JwtAlgorithm = (JWT_ALGORITHMS as readonly string[]).includes(jwt.algorithm ?? '')
      ? (jwt.algorithm as JwtAlgorithm)
      : 'RS256';
    const profile: NamedCredentialInput = {
      label: draft.label.slice(0, 80),
      name,
      url: endpointUrl(draft.url, values),
      protocol: 'jwt',
      identityType: 'named-principal',
      namedPrincipalSubject: draft.namedPrincipalSubject,
      description: `Imported from the Postman collection "${parsed.name}".`,
      jwt: { algorithm, issuer: jwt.issuer ?? '', audiences: jwt.audiences ?? [], customClaims: jwt.customClaims ?? '' },
    };
    const hmacSecret = draft.hmacSecret === undefined ? undefined : substituteVariables(draft.hmacSecret, values).text;
    const outcome: CredentialOutcome = {
      name,
      created: false,
      notes: [...draft.notes],
      draft: { profile, ...(hmacSecret !== undefined ? { hmacSecret } : {}) },
    };
    if (jwt.algorithm && jwt.algorithm !== algorithm)
      outcome.notes.push(`Postman's algorithm ${jwt.algorithm} is not supported; choose one.`);
    try {
      await api.credentials.create({ profile, secrets: hmacSecret !== undefined ? { hmacSecret } : {} });
      outcome.created = true;
    } catch (error) {
      outcome.problem = message(error);
    }
    summary.credentials.push(outcome);
  }
  return renamed;
}

async function saveCollection(parsed: PostmanImport, renamed: Map<string, string>, summary: PostmanSaveSummary) {
  const root = await api.collections.createFolder({ name: summary.rootFolder, parentId: null });
  const folderIds = new Map<string | null, string>([[null, root.id]]);
  for (const path of parsed.folders) {
    const cut = path.lastIndexOf('/');
    const parentId = folderIds.get(cut < 0 ? null : path.slice(0, cut)) ?? root.id;
    const folder = await api.collections.createFolder({ name: (cut < 0 ? path : path.slice(cut + 1)).slice(0, 200), parentId });
    folderIds.set(path, folder.id);
    summary.folders += 1;
  }
  for (const { folder, name, request } of parsed.requests) {
    const spec: RequestSpec =
      request.auth.type === 'credential'
        ? { ...request, auth: { type: 'credential', name: renamed.get(request.auth.name) ?? request.auth.name } }
        : request;
    try {
      await api.collections.saveRequest({ name: name.slice(0, 200), folderId: folderIds.get(folder) ?? root.id, request: spec });
      summary.requests += 1;
    } catch (error) {
      summary.notes.push(`"${name}" was not saved: ${message(error)}`);
    }
  }
}
