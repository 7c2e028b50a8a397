import Alert from '@mui/material/Alert';
import type { ReactNode } from 'react';
import { errorMessage } from './form/serverErrors';
import { PageHeader } from './PageHeader';

/** A document's page when the document cannot be read: the error, or `notFound` when there is none. */
export function DocumentLoadError({ title, error, notFound, actions }: { title: string; error: unknown; notFound: string; actions: ReactNode }) {
  return (
    <>
      <PageHeader title={title} actions={actions} />
      <Alert severity="error">{error ? errorMessage(error) : notFound}</Alert>
    </>
  );
}
