// The region vocabulary, as the hub keeps it (hub admins maintain it on the Regions screen): read once
// and shared by the screens that offer or show regions (the new-person form, the outcomes filter, a
// record's history, a referral), read again after a change here and when the copy is a few minutes old.
import { useEffect, useState } from 'react';
import { gql } from './api';
import { graphql } from './gql';
import type { PortalRegionsQuery } from './gql/graphql';

const PortalRegionsDocument = graphql(`
  query PortalRegions {
    regions {
      code
      name
      active
      synonyms
    }
  }
`);

export type Region = PortalRegionsQuery['regions'][number];

/** How long a copy of the vocabulary is used before it is read again. */
const FRESH_MS = 5 * 60_000;

let cached: { at: number; regions: Promise<Region[]> } | null = null;
const listeners = new Set<() => void>();

/** The regions, oldest copy at most FRESH_MS old; a failed read is not kept. */
export function loadRegions(): Promise<Region[]> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    const regions = gql(PortalRegionsDocument).then((d) => d.regions);
    cached = { at: Date.now(), regions };
    regions.catch(() => {
      if (cached?.regions === regions) cached = null;
    });
  }
  return cached.regions;
}

/** After a change to the vocabulary: every screen showing regions reads them again. */
export function resetRegions(): void {
  cached = null;
  for (const listener of listeners) listener();
}

/** The regions (empty until read, and when they cannot be read). */
export function useRegions(): Region[] {
  const [regions, setRegions] = useState<Region[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick((t) => t + 1);
    listeners.add(changed);
    return () => {
      listeners.delete(changed);
    };
  }, []);
  useEffect(() => {
    let live = true;
    loadRegions().then(
      (r) => live && setRegions(r),
      () => live && setRegions([]),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  return regions;
}

/** A region's name by its code (the code itself while the names load, or for a code the hub no longer knows). */
export function regionName(regions: Region[], code: string | null | undefined): string {
  if (!code) return '';
  return regions.find((r) => r.code === code)?.name ?? code.replace(/_/g, ' ');
}

/** Choices for a form: the regions offered (`withRetired`: those no longer offered too, marked so, as for a report filter). */
export function regionOptions(regions: Region[], withRetired = false): { value: string; label: string }[] {
  return regions
    .filter((r) => withRetired || r.active)
    .map((r) => ({ value: r.code, label: r.active ? r.name : `${r.name} (no longer offered)` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
