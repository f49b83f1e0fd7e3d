import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

/** Splits one CSV line (RFC 4180 quoting). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const IDENTIFIER_COLUMNS: Record<string, string> = {
  pnc: 'PNC',
  prison_number: 'PRISON_NUMBER',
  probation_case_reference: 'PROBATION_CASE_REFERENCE',
  national_insurance_number: 'NATIONAL_INSURANCE_NUMBER',
};

/**
 * A person file as NDJSON lines, streamed: NDJSON passes through; CSV with a header row
 * (externalId, givenName, familyName, dateOfBirth, region, releaseDate, offenceSummary, ogrsScore,
 * riskLevel, and identifier columns pnc, prison_number, probation_case_reference,
 * national_insurance_number) is turned into one JSON object per row.
 */
export function personFileAsNdjson(path: string): Readable {
  if (!path.endsWith('.csv')) return createReadStream(path);
  async function* rows() {
    let header: string[] | undefined;
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const fields = csvFields(line);
      if (!header) {
        header = fields.map((h) => h.trim());
        continue;
      }
      const record: Record<string, unknown> = { identifiers: [] };
      header.forEach((h, i) => {
        const value = fields[i]?.trim();
        if (!value) return;
        if (IDENTIFIER_COLUMNS[h]) (record.identifiers as unknown[]).push({ scheme: IDENTIFIER_COLUMNS[h], value });
        else record[h] = h === 'ogrsScore' ? Number(value) : value;
      });
      yield JSON.stringify(record) + '\n';
    }
  }
  return Readable.from(rows());
}
