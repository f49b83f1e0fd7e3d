import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { userActor, UsersService } from '@hub/organisations';
import { EvaluationPackService, evaluationCsv, evaluationHtml } from '@hub/reporting';

export const REPORT_USAGE = `  report evaluation --from D --to D --as EMAIL [--as-of D] [--threshold N] [--org ID] [--out DIR]
                                            the evaluation pack, run as that user (a commissioner or hub admin for all
                                            organisations; a manager for their own): DIR/evaluation-<from>-<to>.csv and .html`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `report evaluation …` of the CLI: writes the pack's CSV and one-page HTML; returns the exit code. */
export async function reportCommand(
  app: INestApplicationContext,
  positionals: string[],
  values: { from?: string; to?: string; as?: string; 'as-of'?: string; threshold?: string; org?: string; out?: string },
): Promise<number> {
  if (positionals[0] !== 'evaluation') throw new Error(`usage:\n${REPORT_USAGE}`);
  const { from, to, as } = values;
  if (!from || !to || !as || !DAY.test(from) || !DAY.test(to) || (values['as-of'] && !DAY.test(values['as-of'])))
    throw new Error(`usage:\n${REPORT_USAGE}`);
  // The reports run as a named user, with that user's scope and disclosure control, and are recorded as theirs.
  const users = app.get(UsersService);
  const user = await users.findByEmail(as);
  const found = user ? await users.findActive(user.id) : null;
  if (!found) throw new Error(`no active user "${as}"`);
  const actor = { ...userActor(found.user, found.organisation, found.teamIds), requestId: 'cli.report-evaluation' };
  const pack = await app.get(EvaluationPackService).build(actor, {
    from,
    to,
    asOf: values['as-of'],
    threshold: values.threshold === undefined ? undefined : Number(values.threshold),
    organisationId: values.org,
  });
  const dir = resolve(values.out ?? '.');
  await mkdir(dir, { recursive: true });
  const csv = join(dir, `evaluation-${from}-${to}.csv`);
  const html = join(dir, `evaluation-${from}-${to}.html`);
  await writeFile(csv, evaluationCsv(pack));
  await writeFile(html, evaluationHtml(pack));
  console.log(JSON.stringify({ csv, html, scope: pack.scope, asOf: pack.asOf, threshold: pack.threshold }));
  return 0;
}
