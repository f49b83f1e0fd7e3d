import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, Permission } from '@hub/access';
import { type Actor, NotFoundError, REGION_SYNONYMS_MAX, REGIONS_MAX, ValidationError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { Region, RegionSynonym } from './region.entity.js';
import type { RegionModel, RegionSynonymInput, SaveRegionInput } from './region.inputs.js';

const NIL = '00000000-0000-0000-0000-000000000000';

/** How a name is matched: lower case, blanks folded. */
export const regionKey = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The region vocabulary: the regions hub admins maintain and the other names that mean them. A
 * region given anywhere (a person's, an organisation's, a user's, a report's filter, a sync line) is
 * resolved here to its code: a code of an active region, or a synonym of one; anything else is
 * BAD_USER_INPUT naming the field.
 */
@Injectable()
export class RegionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  async list(m: EntityManager = this.db.manager): Promise<RegionModel[]> {
    const regions = await m.find(Region, { order: { code: 'ASC' }, take: REGIONS_MAX });
    const synonyms = await m.find(RegionSynonym, { order: { synonym: 'ASC' } });
    return regions.map((r) => ({ ...r, synonyms: synonyms.filter((s) => s.regionCode === r.code).map((s) => s.synonym) }));
  }

  /** Every name that resolves (active codes and their synonyms, lower case) -> its code: for checking many lines at once. */
  async vocabulary(m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows: { key: string; code: string }[] = await m.query(
      `SELECT code AS key, code FROM region WHERE active
       UNION ALL SELECT s.synonym, s.region_code FROM region_synonym s JOIN region r ON r.code = s.region_code WHERE r.active`,
    );
    return new Map(rows.map((r) => [r.key, r.code]));
  }

  /** The code `value` names (null and undefined as they are), or BAD_USER_INPUT on `field`. */
  async resolve<T extends string | null | undefined>(value: T, field = 'region', m?: EntityManager): Promise<T | string> {
    if (value === null || value === undefined) return value;
    const code = (await this.vocabulary(m)).get(regionKey(value));
    if (!code) throw new ValidationError([{ field, messages: [`not a known region (${value}): see the regions query`] }]);
    return code;
  }

  async resolveAll(values: string[] | undefined, field = 'regions', m?: EntityManager): Promise<string[] | undefined> {
    if (values === undefined) return undefined;
    const vocabulary = await this.vocabulary(m);
    const unknown = values.filter((v) => !vocabulary.has(regionKey(v)));
    if (unknown.length) throw new ValidationError([{ field, messages: [`not known regions: ${unknown.join(', ')}`] }]);
    return [...new Set(values.map((v) => vocabulary.get(regionKey(v))!))];
  }

  /** Hub admins add a region, rename one, or stop (and resume) offering it. */
  async save(actor: Actor, input: SaveRegionInput): Promise<RegionModel> {
    this.access.require(actor, Permission.REGION_MANAGE);
    await this.db.transaction(async (m) => {
      await m.query(`LOCK TABLE region IN SHARE ROW EXCLUSIVE MODE`);
      const existing = await m.findOneBy(Region, { code: input.code });
      if (!existing && (await m.count(Region)) >= REGIONS_MAX)
        throw new ValidationError([{ field: 'code', messages: [`at most ${REGIONS_MAX} regions`] }]);
      if (!existing && (await m.existsBy(RegionSynonym, { synonym: input.code })))
        throw new ValidationError([{ field: 'code', messages: ['another name of a region already'] }]);
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      const next = { name: input.name.trim(), active: input.active ?? existing?.active ?? true };
      for (const f of ['name', 'active'] as const) if (existing?.[f] !== next[f]) changes[f] = { old: existing?.[f] ?? null, new: next[f] };
      if (!Object.keys(changes).length) return;
      await m.save(Region, { code: input.code, ...next });
      await this.outbox.emit(m, actor, {
        type: 'region.saved',
        aggregateType: 'region',
        aggregateId: NIL,
        payload: { code: input.code, fields: Object.keys(changes) },
        changes,
      });
    });
    return (await this.list()).find((r) => r.code === input.code)!;
  }

  /** Another name for a region (a county, say): from now on it resolves to the region's code. */
  async addSynonym(actor: Actor, input: RegionSynonymInput): Promise<RegionModel> {
    this.access.require(actor, Permission.REGION_MANAGE);
    const synonym = regionKey(input.synonym);
    await this.db.transaction(async (m) => {
      await m.query(`LOCK TABLE region IN SHARE ROW EXCLUSIVE MODE`);
      if (!(await m.existsBy(Region, { code: input.regionCode }))) throw new NotFoundError('Region');
      if (await m.existsBy(Region, { code: synonym }))
        throw new ValidationError([{ field: 'synonym', messages: ['the code of a region'] }]);
      const taken = await m.findOneBy(RegionSynonym, { synonym });
      if (taken?.regionCode === input.regionCode) return;
      if (taken) throw new ValidationError([{ field: 'synonym', messages: [`already another name of ${taken.regionCode}`] }]);
      if ((await m.countBy(RegionSynonym, { regionCode: input.regionCode })) >= REGION_SYNONYMS_MAX)
        throw new ValidationError([{ field: 'synonym', messages: [`at most ${REGION_SYNONYMS_MAX} other names a region`] }]);
      await m.insert(RegionSynonym, { synonym, regionCode: input.regionCode });
      await this.outbox.emit(m, actor, {
        type: 'region.synonym_added',
        aggregateType: 'region',
        aggregateId: NIL,
        payload: { code: input.regionCode, synonym },
      });
    });
    return (await this.list()).find((r) => r.code === input.regionCode)!;
  }

  async removeSynonym(actor: Actor, input: RegionSynonymInput): Promise<RegionModel> {
    this.access.require(actor, Permission.REGION_MANAGE);
    const synonym = regionKey(input.synonym);
    await this.db.transaction(async (m) => {
      const { affected } = await m.delete(RegionSynonym, { synonym, regionCode: input.regionCode });
      if (!affected) throw new NotFoundError('Region synonym');
      await this.outbox.emit(m, actor, {
        type: 'region.synonym_removed',
        aggregateType: 'region',
        aggregateId: NIL,
        payload: { code: input.regionCode, synonym },
      });
    });
    const region = (await this.list()).find((r) => r.code === input.regionCode);
    if (!region) throw new NotFoundError('Region');
    return region;
  }
}
