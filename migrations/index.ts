// The hub's migrations, in order. `npm run cli -- migration:generate <Name>` adds to this list.
import { Referrals1795686402640 } from './1795686402640-Referrals.js';
import { PersonRecord1795685645657 } from './1795685645657-PersonRecord.js';
import { Foundation1795684512687 } from './1795684512687-Foundation.js';
import { CatalogueAndNameSearch1795685700000 } from './1795685700000-CatalogueAndNameSearch.js';
export const MIGRATIONS: Function[] = [
  Foundation1795684512687,
  PersonRecord1795685645657,
  CatalogueAndNameSearch1795685700000,
  Referrals1795686402640,
];
