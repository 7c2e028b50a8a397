import { z } from 'zod';

/*
 * Encryption at rest: a company file may be protected by a passphrase (SQLCipher 4 format). The passphrase
 * crosses the door once, when the owner gives it; it is never stored in the company file, nor returned.
 */

const MAX = 1024;
const tooLong = { message: `${MAX} caractères au plus.` };

/** The passphrase that opens a file: whatever it is (a file encrypted elsewhere may have a short one). */
export const Passphrase = z
  .string({ error: 'Indiquez la phrase de passe.' })
  .min(1, { message: 'Indiquez la phrase de passe.' })
  .max(MAX, tooLong);

/** A passphrase the owner chooses: long enough to resist guessing, and one that can be typed again. */
export const NewPassphrase = z
  .string({ error: 'Indiquez la nouvelle phrase de passe, ou null pour la retirer.' })
  .min(8, { message: 'La phrase de passe compte au moins 8 caractères : quelques mots faciles à retenir valent mieux qu’un mot compliqué.' })
  .max(MAX, tooLong)
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'La phrase de passe ne peut contenir ni retour à la ligne ni tabulation.' });

export const CompanyUnlockRequest = z.strictObject({
  /** Absent: the door's own (CLI --passphrase-file, remembered on this computer). */
  passphrase: Passphrase.optional(),
  /** « Se souvenir sur cet ordinateur » (the app only, where the OS keychain is available). */
  remember: z.boolean({ error: 'remember : vrai ou faux.' }).optional(),
});

export const EncryptionSetRequest = z
  .strictObject({
    /** The new passphrase, or null to remove it (the file is then decrypted in place). */
    passphrase: NewPassphrase.nullable(),
    /** The new passphrase typed a second time. */
    confirmation: z.string({ error: 'Retapez la phrase de passe.' }).max(MAX, tooLong).optional(),
    remember: z.boolean({ error: 'remember : vrai ou faux.' }).optional(),
  })
  .superRefine((req, ctx) => {
    if (req.passphrase !== null && req.confirmation !== req.passphrase) {
      ctx.addIssue({ code: 'custom', path: ['confirmation'], message: 'La confirmation ne correspond pas à la phrase de passe : retapez-la.' });
    }
  });

export const EncryptionStatus = z.object({
  /** The open file is encrypted (SQLCipher 4). */
  encrypted: z.boolean(),
  /** The door can remember a passphrase on this computer (Electron, with the OS keychain). */
  canRemember: z.boolean(),
  /** This file's passphrase is remembered on this computer. */
  remembered: z.boolean(),
});
export type EncryptionStatus = z.infer<typeof EncryptionStatus>;

export const EncryptionSetResult = EncryptionStatus.extend({
  /** Backups of this file taken before it was encrypted, still readable without the passphrase. */
  unencryptedBackups: z.array(z.string()),
});
