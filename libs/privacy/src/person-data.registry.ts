import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  PersonData,
  type PersonDataSection,
  type PersonDataSource,
  type PersonErasureStep,
  type PersonRetentionFollowUp,
  type PersonRetentionRule,
} from '@hub/common';

function unique<T extends { key: string }>(what: string, items: T[]): T[] {
  const keys = items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) throw new Error(`${what} share a key: ${keys.join(', ')}`);
  return items;
}

function ordered<T extends { key: string; order: number }>(what: string, items: T[]): T[] {
  return unique(
    what,
    [...items].sort((a, b) => a.order - b.order),
  );
}

/** Every lib's `@PersonData()` provider, found through Nest's discovery once the application is built. */
@Injectable()
export class PersonDataRegistry {
  private found?: PersonDataSource[];

  constructor(private readonly discovery: DiscoveryService) {}

  private sources(): PersonDataSource[] {
    this.found ??= this.discovery
      .getProviders({ metadataKey: PersonData.KEY })
      .map((wrapper) => wrapper.instance as PersonDataSource | undefined)
      .filter((source): source is PersonDataSource => typeof source?.personDataSections === 'function');
    return this.found;
  }

  /** The libs' subject access sections with the caller's own, in order. */
  sections(own: PersonDataSection[]): PersonDataSection[] {
    return ordered('subject access sections', [...this.sources().flatMap((s) => s.personDataSections()), ...own]);
  }

  /** The libs' erasure steps with the caller's own, in order. */
  erasureSteps(own: PersonErasureStep[]): PersonErasureStep[] {
    return ordered('erasure steps', [...this.sources().flatMap((s) => s.personErasureSteps?.() ?? []), ...own]);
  }

  /** What the libs erase with the items of the retention rule `rule`, by key. */
  retentionFollowUps(rule: string): PersonRetentionFollowUp[] {
    return unique(
      'retention follow-ups',
      this.sources().flatMap((s) => s.personRetentionFollowUps?.() ?? []),
    )
      .filter((f) => f.rule === rule)
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The libs' retention rules by period, by key. */
  retentionRules(): PersonRetentionRule[] {
    return unique(
      'retention rules',
      this.sources().flatMap((s) => s.personRetention?.() ?? []),
    ).sort((a, b) => a.key.localeCompare(b.key));
  }
}
