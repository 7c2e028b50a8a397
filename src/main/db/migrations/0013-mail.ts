import type { Migration } from './types';

/**
 * E-mail from the app: the owner's SMTP account (one row; never its password, which stays outside the
 * company file) and the mails sent, one row each, kept as the documents' history: date, document,
 * invoice, recipient, subject, Message-ID and the SHA-256 of the PDF attached. A sent mail is a fact:
 * its row is never changed nor deleted (triggers). Self-contained: it creates its own tables only.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'mail',
  up(db) {
    db.exec(`
      CREATE TABLE mail_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        host TEXT NOT NULL CHECK (host <> ''),
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        security TEXT NOT NULL CHECK (security IN ('none', 'starttls', 'tls')),
        user TEXT,
        from_address TEXT NOT NULL CHECK (from_address <> ''),
        from_name TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE mail_sent (
        id INTEGER PRIMARY KEY,
        sent_at TEXT NOT NULL,
        date TEXT NOT NULL,
        document_kind TEXT NOT NULL CHECK (document_kind IN ('invoice', 'creditNote', 'dunningLetter', 'penaltyInvoice')),
        document_id INTEGER NOT NULL,
        step_key TEXT,
        invoice_id INTEGER REFERENCES invoice (id),
        customer_id INTEGER REFERENCES customer (id),
        recipient TEXT NOT NULL CHECK (recipient <> ''),
        subject TEXT NOT NULL,
        message_id TEXT NOT NULL CHECK (message_id <> ''),
        file_name TEXT NOT NULL,
        attachment_sha256 TEXT NOT NULL CHECK (length(attachment_sha256) = 64),
        dunning_action_id INTEGER REFERENCES dunning_action (id)
      ) STRICT;
      CREATE INDEX mail_sent_invoice ON mail_sent (invoice_id, sent_at);
      CREATE INDEX mail_sent_customer ON mail_sent (customer_id, sent_at);

      CREATE TRIGGER mail_sent_no_update BEFORE UPDATE ON mail_sent
      BEGIN SELECT RAISE(ABORT, 'Un e-mail envoyé ne se modifie pas : il fait partie de l’historique.'); END;
      CREATE TRIGGER mail_sent_no_delete BEFORE DELETE ON mail_sent
      BEGIN SELECT RAISE(ABORT, 'Un e-mail envoyé ne se supprime pas : il fait partie de l’historique.'); END;
    `);
  },
};
