import type { Migration } from './types';

/**
 * A quote can be mailed too: the kinds of `mail_sent` widen to it. As in 0018, SQLite changes no CHECK in
 * place: the table is rebuilt as 0018 left it, its rows copied as they are, its indexes and its no-update /
 * no-delete triggers put back.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'mail-quotes',
  up(db) {
    db.exec(`
      CREATE TABLE mail_sent_v22 (
        id INTEGER PRIMARY KEY,
        sent_at TEXT NOT NULL,
        date TEXT NOT NULL,
        document_kind TEXT NOT NULL CHECK (document_kind IN ('invoice', 'creditNote', 'dunningLetter', 'penaltyInvoice', 'statement', 'plan', 'quote')),
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
      INSERT INTO mail_sent_v22 (id, sent_at, date, document_kind, document_id, step_key, invoice_id, customer_id, recipient, subject, message_id, file_name, attachment_sha256, dunning_action_id)
        SELECT id, sent_at, date, document_kind, document_id, step_key, invoice_id, customer_id, recipient, subject, message_id, file_name, attachment_sha256, dunning_action_id FROM mail_sent;
      DROP TABLE mail_sent;
      ALTER TABLE mail_sent_v22 RENAME TO mail_sent;
      CREATE INDEX mail_sent_invoice ON mail_sent (invoice_id, sent_at);
      CREATE INDEX mail_sent_customer ON mail_sent (customer_id, sent_at);

      CREATE TRIGGER mail_sent_no_update BEFORE UPDATE ON mail_sent
      BEGIN SELECT RAISE(ABORT, 'Un e-mail envoyé ne se modifie pas : il fait partie de l’historique.'); END;
      CREATE TRIGGER mail_sent_no_delete BEFORE DELETE ON mail_sent
      BEGIN SELECT RAISE(ABORT, 'Un e-mail envoyé ne se supprime pas : il fait partie de l’historique.'); END;
    `);
  },
};
