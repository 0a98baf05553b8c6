/** The certificate list for pickers in every tab, kept fresh by the `certificates.changed` event. */
import { Select, type SelectProps } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import { notifyError } from '../app/notify';
import { api, events } from '../bridge';

export function useCertificates(): { certificates: CertificateRecord[]; loading: boolean; reload(): Promise<void> } {
  const [certificates, setCertificates] = useState<CertificateRecord[]>([]);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    try {
      setCertificates(await api.certificates.list());
    } catch (error) {
      notifyError(error, 'Loading certificates');
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
    return events.on('certificates.changed', () => void reload());
  }, [reload]);
  return { certificates, loading, reload };
}

export interface CertificateSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'> {
  value: string | null;
  onChange(id: string | null): void;
  /** Which entries to offer (e.g. only those with a private key). */
  include?: (certificate: CertificateRecord) => boolean;
}

/** A Select of certificates by label, showing the key type and unique name. */
export function CertificateSelect({ value, onChange, include, ...props }: CertificateSelectProps) {
  const { certificates } = useCertificates();
  const offered = include ? certificates.filter(include) : certificates;
  const data = offered.map((certificate) => ({
    value: certificate.id,
    label: `${certificate.label} (${certificate.name}, ${certificate.keyAlgorithm})`,
  }));
  // Keep a selected entry visible even when it no longer passes the filter or was deleted.
  if (value && !data.some((item) => item.value === value)) {
    const current = certificates.find((certificate) => certificate.id === value);
    data.unshift({ value, label: current ? `${current.label} (not usable here)` : 'Deleted certificate' });
  }
  return (
    <Select {...props} data={data} value={value} onChange={onChange} searchable clearable nothingFoundMessage="No matching certificate" />
  );
}
