/** Tells the user when a data file was unreadable and moved aside — never a silent reset. */
import { Alert, Code, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { StoreReport } from '../../../shared/contract/app';
import { events } from '../bridge';

export function StoreReportBanner({ initial }: { initial: StoreReport[] }) {
  const [reports, setReports] = useState(initial);
  useEffect(() => events.on('app.storeReport', (report) => setReports((list) => [...list, report])), []);
  if (reports.length === 0) return null;
  return (
    <Alert
      color="orange"
      title="A data file could not be read"
      withCloseButton
      onClose={() => setReports([])}
      closeButtonLabel="Dismiss"
      m="xs"
      role="alert"
    >
      <Stack gap={4}>
        {reports.map((report) => (
          <Text size="xs" key={report.movedTo}>
            <Code>{report.file}</Code>: {report.reason}. It was moved aside to <Code>{report.movedTo}</Code> and Signet started with a fresh
            file. Nothing was deleted; restore the file from that copy if you need it.
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
