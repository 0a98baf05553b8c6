/** The five tabs, in order. Each feature folder provides its panel. */
import { useState, type ComponentType } from 'react';
import { CertificatesTab } from '../features/certificates/CertificatesTab';
import { CredentialsTab } from '../features/credentials/CredentialsTab';
import { InspectorTab } from '../features/inspector/InspectorTab';
import { ReceiverTab } from '../features/receiver/ReceiverTab';
import { RequestTab } from '../features/request/RequestTab';
import { useNavigation, type TabId } from './navigation';

export interface MainTab {
  id: TabId;
  label: string;
  Panel: ComponentType;
  /** Keep the panel (hidden, its effects paused) while another tab is open, so its state survives. */
  keepMounted?: boolean;
}

/**
 * The Inspector holds what the user pasted, the recent tokens and the Verify/Validate/Craft forms in
 * its own state, so it stays mounted once opened — until Signet locks (the tabs unmount) or closes.
 * It mounts on first opening so that it adds nothing to the page before.
 */
function KeptInspector() {
  const { active } = useNavigation();
  const [opened, setOpened] = useState(active === 'inspector');
  if (active === 'inspector' && !opened) setOpened(true);
  return opened ? <InspectorTab /> : null;
}

export const TABS: MainTab[] = [
  { id: 'certificates', label: 'Certificates', Panel: CertificatesTab },
  { id: 'credentials', label: 'Named Credentials', Panel: CredentialsTab },
  { id: 'request', label: 'Request', Panel: RequestTab },
  { id: 'inspector', label: 'Inspector', Panel: KeptInspector, keepMounted: true },
  { id: 'receiver', label: 'Receiver', Panel: ReceiverTab },
];
