/** Renders a subject access export as Markdown: one section per kind of data, one table per section. */
export function renderSubjectAccessDocument(input: {
  personId: string;
  generatedAt: string;
  recordIds: string[];
  sections: { title: string; rows: Record<string, unknown>[] }[];
}): string {
  const lines = [
    '# Subject access request: everything the hub holds',
    '',
    `Person record: \`${input.personId}\`${
      input.recordIds.length > 1
        ? ` (with merged records ${input.recordIds
            .filter((id) => id !== input.personId)
            .map((id) => `\`${id}\``)
            .join(', ')})`
        : ''
    }`,
    '',
    `Produced: ${input.generatedAt}`,
    '',
  ];
  for (const section of input.sections) {
    lines.push(`## ${section.title}`, '');
    if (section.rows.length === 0) {
      lines.push('Nothing held.', '');
      continue;
    }
    const columns = [...new Set(section.rows.flatMap((r) => Object.keys(r)))];
    lines.push(`| ${columns.map(heading).join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`);
    for (const row of section.rows) lines.push(`| ${columns.map((c) => cell(row[c])).join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function heading(column: string): string {
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString()
      : Array.isArray(value)
        ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
