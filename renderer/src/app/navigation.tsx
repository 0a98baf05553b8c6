/** Which tab is open, and hand-offs between tabs ("Open in Inspector" carries a token). */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type TabId = 'certificates' | 'credentials' | 'request' | 'inspector' | 'receiver';

/** Something one tab asks another to do when it opens it. */
export interface Intent {
  tab: TabId;
  payload: unknown;
  /** Distinguishes two identical hand-offs in a row. */
  seq: number;
}

interface Navigation {
  active: TabId;
  goTo(tab: TabId, payload?: unknown): void;
  intent: Intent | null;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children, initialTab = 'certificates' }: { children: ReactNode; initialTab?: TabId }) {
  const [active, setActive] = useState<TabId>(initialTab);
  const [intent, setIntent] = useState<Intent | null>(null);
  const goTo = useCallback((tab: TabId, payload?: unknown) => {
    setActive(tab);
    if (payload !== undefined) setIntent((previous) => ({ tab, payload, seq: (previous?.seq ?? 0) + 1 }));
  }, []);
  const value = useMemo(() => ({ active, goTo, intent }), [active, goTo, intent]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}

/** The latest hand-off addressed to `tab`, if any. */
export function useIntent(tab: TabId): Intent | null {
  const { intent } = useNavigation();
  return intent?.tab === tab ? intent : null;
}
