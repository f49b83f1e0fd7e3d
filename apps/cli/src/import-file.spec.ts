import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvFields, personFileAsNdjson } from './import-file.js';

describe('import files', () => {
  it('splits quoted CSV fields', () => {
    expect(csvFields('a,"b, c","d ""e""",')).toEqual(['a', 'b, c', 'd "e"', '']);
  });

  it('turns a CSV of people into NDJSON records with identifiers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-'));
    const file = join(dir, 'people.csv');
    await writeFile(file, 'externalId,givenName,familyName,dateOfBirth,pnc,ogrsScore\nX1,Dale,Rowntree,1988-04-02,88/123456A,41.5\n');
    let text = '';
    for await (const chunk of personFileAsNdjson(file)) text += chunk;
    expect(JSON.parse(text)).toEqual({
      externalId: 'X1',
      givenName: 'Dale',
      familyName: 'Rowntree',
      dateOfBirth: '1988-04-02',
      identifiers: [{ scheme: 'PNC', value: '88/123456A' }],
      ogrsScore: 41.5,
    });
  });
});
