import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';

/** « Imprimer le duplicata article 272 » and the customer's summary statement, in the shared PDF preview (Ctrl+P opens the duplicate). */
export function PrintActions({ invoiceId, customerId, customerName, number }: { invoiceId: number; customerId: number; customerName: string; number: string }) {
  const duplicate = { request: { kind: 'duplicate272' as const, id: invoiceId }, title: `Duplicata article 272 — facture ${number}` };
  const pdf = usePdfPreview(duplicate);
  return (
    <Alert severity="success" icon={false} data-testid="duplicate-272">
      <Typography variant="body2" sx={{ mb: 1.5 }}>
        Envoyez au client le duplicata article 272 de la facture {number} : il porte, très visiblement, la mention « Facture demeurée impayée… qui ne peut faire l’objet d’une déduction (article 272 du CGI) » et justifie la récupération de la TVA. Plusieurs factures du même client peuvent partager un état récapitulatif.
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => pdf.show(duplicate.request, duplicate.title)}>
          Imprimer le duplicata article 272
        </Button>
        <Button variant="outlined" onClick={() => pdf.show({ kind: 'summary272', id: customerId }, `État récapitulatif article 272 — ${customerName}`)}>
          État récapitulatif du client
        </Button>
      </Stack>
      {pdf.dialog}
    </Alert>
  );
}
