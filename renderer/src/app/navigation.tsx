/** Which tab is open, and hand-offs between tabs ("Open in Inspector" carries a token). */
import type { NamedCredentialInput } from '../../../shared/credentials/profile';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** A named credential to complete and save in the Named Credentials tab. */
export interface CredentialDraft {
  /** Fields to fill in over a blank profile. */
  profile: Partial<NamedCredentialInput>;
  hmacSecret?: string;
}

export type TabId = 'certificates' | 'credentials' | 'request' | 'inspector' | 'receiver';

/** Payloads tabs hand each other. */
export interface IntentPayloads {
  /** Open a token in the Inspector ("Open in Inspector"). */
  inspector: { token: string };
  /** Start a new request ("Send as Bearer in a new request", "New request with this credential"). */
  request: { bearerToken?: string; url?: string; credentialName?: string };
  certificates: { certificateId?: string };
  /** Open a profile, or a new unsaved one filled from `draft` (Postman import). */
  credentials: { credentialId?: string; draft?: CredentialDraft };
  receiver: Record<string, never>;
}

/** Something one tab asks another to do when it opens it. */
export interface Intent<T extends TabId = TabId> {
  tab: T;
  payload: IntentPayloads[T];
  /** Distinguishes two identical hand-offs in a row. */
  seq: number;
}

interface Navigation {
  active: TabId;
  goTo<T extends TabId>(tab: T, payload?: IntentPayloads[T]): void;
  intent: Intent | null;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children, initialTab = 'certificates' }: { children: ReactNode; initialTab?: TabId }) {
  const [active, setActive] = useState<TabId>(initialTab);
  const [intent, setIntent] = useState<Intent | null>(null);
  const goTo = useCallback(<T extends TabId>(tab: T, payload?: IntentPayloads[T]) => {
    setActive(tab);
    if (payload !== undefined) setIntent((previous) => ({ tab, payload, seq: (previous?.seq ?? 0) + 1 }) as Intent);
  }, []);
  const value = useMemo(() => ({ active, goTo, intent }), [active, goTo, intent]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}

/** The latest hand-off addressed to `tab`, if any (react to `seq` changing). */
export function useIntent<T extends TabId>(tab: T): Intent<T> | null {
  const { intent } = useNavigation();
  return intent?.tab === tab ? (intent as Intent<T>) : null;
}
