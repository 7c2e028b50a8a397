import type { Handlers, Request } from '../../../shared/contract';
import type { Article } from '../../../shared/domain/article';
import { AppError } from '../../../shared/errors';
import type { UnitCode } from '../../../shared/units';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { foldForSearch } from '../../../shared/text';
import { mergeUpdate } from '../company/company-service';
import type { HandlerContext } from '../context';

type ArticleHandlers = Pick<Handlers<HandlerContext>, 'article.create' | 'article.update' | 'article.list'>;

interface ArticleRow {
  id: number; reference: string | null; description: string; kind: 'goods' | 'services'; unit: UnitCode; unit_price: string; vat_rate: string;
  account: string | null; archived: number; updated_at: string;
}

const COLUMNS = 'id, reference, description, kind, unit, unit_price, vat_rate, account, archived, updated_at';

function articleOf(r: ArticleRow): Article {
  return {
    id: r.id, description: r.description, kind: r.kind, unit: r.unit, unitPrice: r.unit_price, vatRate: r.vat_rate, archived: r.archived === 1, updatedAt: r.updated_at,
    ...(r.reference !== null ? { reference: r.reference } : {}), ...(r.account !== null ? { account: r.account } : {}),
  };
}

function readArticle(db: Db, id: number): Article {
  const row = stmt(db, `SELECT ${COLUMNS} FROM article WHERE id = ?`).get(id) as ArticleRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Article n° ${id} introuvable.`);
  return articleOf(row);
}

type ArticleFields = Omit<Article, 'id' | 'archived' | 'updatedAt'>;

/** What the ledger would refuse later, said now: a sale is posted to a revenue account (class 7). */
function checkFields(db: Db, a: ArticleFields, id: number | null) {
  if (a.account !== undefined && !a.account.startsWith('7')) {
    const message = `Le compte ${a.account} n’est pas un compte de produits : un article se vend sur un compte de classe 7 (706, 707…), ou laissez vide pour le compte par défaut.`;
    throw new AppError('VALIDATION', message, { account: message });
  }
  if (a.reference !== undefined) {
    const other = stmt(db, 'SELECT id FROM article WHERE reference = ? AND id IS NOT ?').get(a.reference, id) as { id: number } | undefined;
    if (other) {
      const message = `La référence ${a.reference} est déjà celle d’un autre article.`;
      throw new AppError('VALIDATION', message, { reference: message });
    }
  }
}

function write(db: Db, a: ArticleFields & { archived?: boolean }, stamp: string, id: number | null): number {
  checkFields(db, a, id);
  const values = [a.reference ?? null, a.description, a.kind, a.unit, a.unitPrice, a.vatRate, a.account ?? null, a.archived ? 1 : 0, stamp];
  if (id === null) {
    return Number(
      stmt(db, 'INSERT INTO article (reference, description, kind, unit, unit_price, vat_rate, account, archived, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...values, stamp)
        .lastInsertRowid,
    );
  }
  stmt(db, 'UPDATE article SET reference = ?, description = ?, kind = ?, unit = ?, unit_price = ?, vat_rate = ?, account = ?, archived = ?, updated_at = ? WHERE id = ?').run(...values, id);
  return id;
}

/**
 * The catalogue, active articles first by description; a search matches the reference or the description,
 * accents and case aside (« deplacement » finds « Déplacement »). A catalogue is a few hundred rows: folded here.
 */
export function listArticles(db: Db, req: Request<'article.list'>): Article[] {
  const rows = stmt(db, `SELECT ${COLUMNS} FROM article WHERE (@all = 1 OR archived = 0) ORDER BY archived, description COLLATE NOCASE, id`).all({ all: req.includeArchived ? 1 : 0 }) as ArticleRow[];
  const needle = req.search ? foldForSearch(req.search) : null;
  return rows.filter((r) => needle === null || foldForSearch(`${r.reference ?? ''} ${r.description}`).includes(needle)).map(articleOf);
}

export const articleHandlers: ArticleHandlers = {
  'article.create'({ db, now }, req) {
    return readArticle(db, write(db, req, now().toISOString(), null));
  },
  'article.update'({ db, now }, req) {
    const { id, ...changes } = req;
    const current = readArticle(db, id);
    const merged = mergeUpdate(current, changes);
    return readArticle(db, write(db, merged, now().toISOString(), id));
  },
  'article.list'({ db }, req) {
    return { rows: listArticles(db, req) };
  },
};
