/** Bridge face of the certificate store: list, details, create, upload, import, export, rename, delete. Public data only. */
import type { SignetEvents, SignetServices } from '../../../shared/contract';
import type { EventSink } from '../../../shared/rpc';
import type { FileSaver } from '../files/file-saver';
import type { CertificateStore } from './certificate-store';
import { Creations } from './creation';
import { certificateDetails } from './details';
import { exportCertificates } from './export/exporter';
import { analyzeImport, importEntries } from './import/importer';
import { decodeUpload } from './import/upload';

export { defaultValidityDays } from './creation';

export interface CertificatesServiceDeps {
  events?: EventSink<SignetEvents>;
  files?: FileSaver;
}

export function createCertificatesService(store: CertificateStore, deps: CertificatesServiceDeps = {}): SignetServices['certificates'] {
  const creations = new Creations(store, deps.events);
  return {
    list: () => store.list(),
    get: (id) => store.get(id),
    details: (id) => certificateDetails(store, id),
    createSelfSigned: (input) => creations.selfSigned(input),
    createCaSigned: (input) => creations.caSigned(input),
    cancelCreate: (jobId) => creations.cancel(jobId),
    uploadSigned: ({ id, file }) => creations.uploadSigned(id, decodeUpload(file)),
    analyzeImport: (input) => analyzeImport(store, input),
    importEntries: (input) => importEntries(store, input),
    export: (input) => {
      if (!deps.files) throw new Error('No file saver');
      return exportCertificates(store, deps.files, input);
    },
    rename: ({ id, label }) => store.update(id, (record) => ({ ...record, label })),
    delete: (id) => store.remove(id),
  };
}
