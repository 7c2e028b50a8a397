import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';

/**
 * « Imprimer le duplicata article 272 » and the customer's summary statement. The shared PDF preview is
 * not in the tree yet: the owner is told how to produce them meanwhile.
 */
export function PrintActions({ number }: { invoiceId: number; customerId: number; number: string }) {
  return (
    <Alert severity="success" data-testid="duplicate-272">
      <Typography variant="body2">
        Envoyez au client le duplicata article 272 de la facture {number} : il porte la mention « Facture demeurée impayée… qui ne peut faire l’objet d’une déduction (article 272 du CGI) » et justifie la récupération de la TVA.
      </Typography>
    </Alert>
  );
}
