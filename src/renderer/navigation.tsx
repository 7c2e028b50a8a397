import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AssessmentIcon from '@mui/icons-material/Assessment';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import GavelIcon from '@mui/icons-material/Gavel';
import LockClockIcon from '@mui/icons-material/LockClock';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import PaymentsIcon from '@mui/icons-material/Payments';
import PeopleIcon from '@mui/icons-material/People';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import SettingsIcon from '@mui/icons-material/Settings';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon?: ReactNode;
  /** What the section will do, for the screens later issues fill. */
  purpose: string;
  children?: NavItem[];
}

/** The drawer, in the order of ux.md. */
export const NAVIGATION: NavItem[] = [
  { path: '/tableau-de-bord', label: 'Tableau de bord', icon: <DashboardIcon />, purpose: 'Votre encours, les retards, les relances du jour et les échéances de TVA.' },
  { path: '/clients', label: 'Clients', icon: <PeopleIcon />, purpose: 'Vos clients et leurs comptes.' },
  { path: '/devis', label: 'Devis', icon: <RequestQuoteIcon />, purpose: 'Proposer un prix avant la commande ; un devis accepté se facture en acomptes puis en facture finale.' },
  { path: '/factures', label: 'Factures', icon: <DescriptionIcon />, purpose: 'Créer, valider et suivre vos factures : la numérotation est continue et chaque facture validée est écrite dans vos comptes.' },
  { path: '/avoirs', label: 'Avoirs', icon: <ReceiptLongIcon />, purpose: 'Corriger une facture validée par un avoir (annulation, rabais, escompte).' },
  { path: '/reglements', label: 'Règlements', icon: <PaymentsIcon />, purpose: 'Enregistrer les paiements reçus et les rapprocher de vos factures.' },
  { path: '/banque', label: 'Banque', icon: <AccountBalanceIcon />, purpose: 'Importer les relevés de votre banque, rapprocher les encaissements de vos factures et le compte 512 du relevé.' },
  { path: '/relances', label: 'Relances', icon: <NotificationsActiveIcon />, purpose: 'Les relances à faire aujourd’hui, les mises en demeure et les échéanciers.' },
  { path: '/creances-douteuses', label: 'Créances douteuses', icon: <GavelIcon />, purpose: 'Classer une créance en douteuse, la déprécier, la passer en perte et récupérer la TVA (article 272).' },
  {
    path: '/rapports',
    label: 'Rapports',
    icon: <AssessmentIcon />,
    purpose: 'Les états de vos comptes.',
    children: [
      { path: '/rapports/balance-agee', label: 'Balance âgée', purpose: 'Ce que chaque client vous doit, par ancienneté de retard.' },
      { path: '/rapports/dso', label: 'DSO', purpose: 'Le délai moyen de paiement de vos clients.' },
      { path: '/rapports/balance-generale', label: 'Balance générale', purpose: 'Le solde de chaque compte.' },
      { path: '/rapports/grand-livre', label: 'Grand livre', purpose: 'Toutes les écritures, compte par compte.' },
      { path: '/rapports/journal', label: 'Journal', purpose: 'Toutes les écritures, dans l’ordre de leur validation.' },
      { path: '/rapports/tva', label: 'TVA', purpose: 'La TVA collectée par taux, en attente d’encaissement, et les régularisations.' },
      { path: '/rapports/provisions', label: 'État des provisions', purpose: 'Les dépréciations de créances, facture par facture.' },
    ],
  },
  { path: '/cloture', label: 'Clôture & FEC', icon: <LockClockIcon />, purpose: 'Clôturer l’exercice et produire le fichier des écritures comptables (FEC) pour votre comptable.' },
  { path: '/parametres', label: 'Paramètres', icon: <SettingsIcon />, purpose: 'La fiche de votre entreprise, vos comptes et vos modèles.' },
];

export const ALL_NAV_ITEMS: NavItem[] = NAVIGATION.flatMap((item) => [item, ...(item.children ?? [])]);
