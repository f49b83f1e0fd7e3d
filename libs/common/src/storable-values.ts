/**
 * Values PostgreSQL refuses to store, found before a write so that a record holding one is refused
 * alone, with the field named: text (and JSON) cannot hold NUL (U+0000); a lone UTF-16 surrogate has
 * no UTF-8 form (the driver would silently store U+FFFD instead); a number that is not finite has no
 * numeric form. Nesting deeper than MAX_DEPTH is refused too (no column holds it).
 */
export interface UnstorableValue {
  /** Where in the record, e.g. `job.employer` or `identifiers[0].value`. */
  field: string;
  /** `NUL_CHARACTER`, `LONE_SURROGATE`, `NUMBER_OUT_OF_RANGE` or `TOO_DEEP`. */
  reason: 'NUL_CHARACTER' | 'LONE_SURROGATE' | 'NUMBER_OUT_OF_RANGE' | 'TOO_DEEP';
  message: string;
}

const MAX_DEPTH = 32;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MESSAGES: Record<UnstorableValue['reason'], string> = {
  NUL_CHARACTER: 'contains a NUL character (\\u0000), which the hub cannot store',
  LONE_SURROGATE: 'contains an unpaired UTF-16 surrogate (not valid Unicode text)',
  NUMBER_OUT_OF_RANGE: 'is not a finite number',
  TOO_DEEP: `nested more than ${MAX_DEPTH} levels deep`,
};

function textProblem(text: string): UnstorableValue['reason'] | null {
  if (text.includes('\u0000')) return 'NUL_CHARACTER';
  if (LONE_SURROGATE.test(text)) return 'LONE_SURROGATE';
  return null;
}

const at = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/** The first value of `value` (any JSON-like value: strings, numbers, arrays, objects and their keys) that PostgreSQL would refuse, or null. */
export function unstorableValue(value: unknown): UnstorableValue | null {
  // Iterative: a record may be nested deeply on purpose, and must not overflow the stack here.
  const stack: { v: unknown; field: string; depth: number }[] = [{ v: value, field: '', depth: 0 }];
  while (stack.length) {
    const { v, field, depth } = stack.pop()!;
    let reason: UnstorableValue['reason'] | null = null;
    if (typeof v === 'string') reason = textProblem(v);
    else if (typeof v === 'number') reason = Number.isFinite(v) ? null : 'NUMBER_OUT_OF_RANGE';
    else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) reason = 'TOO_DEEP';
      else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], field: at(field, i), depth: depth + 1 });
      else
        for (const [k, child] of Object.entries(v as Record<string, unknown>).reverse()) {
          const keyReason = textProblem(k);
          if (keyReason)
            return {
              field: field || '(record)',
              reason: keyReason,
              message: `${field ? `a field name in ${field}` : 'a field name'}: ${MESSAGES[keyReason]}`,
            };
          stack.push({ v: child, field: at(field, k), depth: depth + 1 });
        }
    }
    if (reason) return { field: field || '(record)', reason, message: `${field || 'the record'}: ${MESSAGES[reason]}` };
  }
  return null;
}
