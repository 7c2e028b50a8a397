import { migration0001 } from './0001-company-customers';
import { migration0002 } from './0002-ledger';
import { migration0003 } from './0003-receivables';
import { migration0004 } from './0004-doubtful';
import { migration0005 } from './0005-performance';
import { migration0006 } from './0006-dunning';
import { migration0007 } from './0007-kept-totals';
import { migration0008 } from './0008-closing';
import { migration0009 } from './0009-penalty-receivables';
import { migration0010 } from './0010-payment-cancellation';
import { migration0011 } from './0011-integrity';
import { migration0012 } from './0012-bank';
import { migration0013 } from './0013-mail';
import { migration0014 } from './0014-bank-matching';
import { migration0015 } from './0015-articles';
import { migration0016 } from './0016-line-units';
import { migration0017 } from './0017-bank-posting';
import { migration0018 } from './0018-mail-statements';
import { migration0019 } from './0019-facturx-default';
import { migration0020 } from './0020-bank-csv-mappings';
import { migration0021 } from './0021-quotes-deposits';
import { migration0022 } from './0022-mail-quotes';
import type { Migration } from './types';

/** In order; the last one's version is the schema version this build writes. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009,
  migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019,
  migration0020, migration0021, migration0022,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
