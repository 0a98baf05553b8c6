/** The five tabs, in order. Each feature folder provides its panel. */
import type { ComponentType } from 'react';
import { CertificatesTab } from '../features/certificates/CertificatesTab';
import { CredentialsTab } from '../features/credentials/CredentialsTab';
import { InspectorTab } from '../features/inspector/InspectorTab';
import { ReceiverTab } from '../features/receiver/ReceiverTab';
import { RequestTab } from '../features/request/RequestTab';
import type { TabId } from './navigation';

export const TABS: { id: TabId; label: string; Panel: ComponentType }[] = [
  { id: 'certificates', label: 'Certificates', Panel: CertificatesTab },
  { id: 'credentials', label: 'Named Credentials', Panel: CredentialsTab },
  { id: 'request', label: 'Request', Panel: RequestTab },
  { id: 'inspector', label: 'Inspector', Panel: InspectorTab },
  { id: 'receiver', label: 'Receiver', Panel: ReceiverTab },
];
