// The hub's migrations, in order. `npm run cli -- migration:generate <Name>` adds to this list.
import { Foundation1795684512687 } from './1795684512687-Foundation.js';
export const MIGRATIONS: Function[] = [
  Foundation1795684512687,
];
