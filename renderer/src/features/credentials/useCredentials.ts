/** The profile list, kept fresh by the `credentials.changed` and `certificates.changed` events. */
import { useCallback, useEffect, useState } from 'react';
import type { NamedCredentialView } from '../../../../shared/contract/credentials';
import { notifyError } from '../../app/notify';
import { api, events } from '../../bridge';

export function useCredentials(): { profiles: NamedCredentialView[]; loading: boolean; reload(): Promise<void> } {
  const [profiles, setProfiles] = useState<NamedCredentialView[]>([]);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    try {
      setProfiles(await api.credentials.list());
    } catch (error) {
      notifyError(error, 'Loading named credentials');
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
    const offCredentials = events.on('credentials.changed', () => void reload());
    const offCertificates = events.on('certificates.changed', () => void reload());
    return () => {
      offCredentials();
      offCertificates();
    };
  }, [reload]);
  return { profiles, loading, reload };
}
