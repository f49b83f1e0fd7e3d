import { normaliseName } from './person-vocabulary.js';

/**
 * Tolerant search for people: what a typed term means (name words, a date of birth) and the SQL
 * predicate and ranking that find near matches. The predicate is one more condition of the scoped
 * query in `PersonsService.search`, never a query of its own, so it only ever finds people the actor
 * may see. docs/api/records.md ("Searching") says what matches.
 */

/**
 * Common English given-name variants: a word typed finds the other words of its group as whole words
 * ("Bill" finds William, "Liz" finds Elizabeth). Kept small and curated on purpose: a variant added here
 * widens every search for its group. A word may be in more than one group ("chris", "alex", "pat").
 */
export const NAME_VARIANTS: readonly (readonly string[])[] = [
  ['william', 'bill', 'billy', 'will', 'willie', 'liam'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['jonathan', 'jon', 'jonny'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie'],
  ['richard', 'rick', 'ricky', 'dick', 'rich'],
  ['michael', 'mike', 'mick', 'mickey'],
  ['thomas', 'tom', 'tommy'],
  ['anthony', 'tony'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['christopher', 'chris'],
  ['christine', 'chris', 'chrissie'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davey'],
  ['joseph', 'joe', 'joey'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patsy', 'trish'],
  ['stephen', 'steven', 'steve'],
  ['alexander', 'alex', 'sandy'],
  ['alexandra', 'alex', 'lexi'],
  ['nicholas', 'nick', 'nicky'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['andrew', 'andy', 'drew'],
  ['benjamin', 'ben'],
  ['charles', 'charlie', 'chas'],
  ['henry', 'harry', 'hal'],
  ['frederick', 'fred', 'freddie'],
  ['kenneth', 'ken', 'kenny'],
  ['matthew', 'matt'],
  ['peter', 'pete'],
  ['philip', 'phil'],
  ['raymond', 'ray'],
  ['ronald', 'ron', 'ronnie'],
  ['timothy', 'tim'],
  ['terence', 'terry'],
  ['gregory', 'greg'],
  ['leonard', 'len', 'lenny'],
  ['margaret', 'maggie', 'meg', 'peggy'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'kath', 'cathy', 'katie'],
  ['jennifer', 'jen', 'jenny'],
  ['deborah', 'debbie', 'debra'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori'],
  ['jacqueline', 'jackie'],
  ['susan', 'sue', 'susie'],
  ['amanda', 'mandy'],
  ['abigail', 'abby'],
  ['sarah', 'sara', 'sally'],
  ['mary', 'molly', 'polly'],
  ['mohammed', 'muhammad', 'mohammad', 'mohamed'],
];

const GROUPS_BY_WORD = new Map<string, Set<string>>();
for (const group of NAME_VARIANTS) {
  for (const word of group) {
    const set = GROUPS_BY_WORD.get(word) ?? new Set<string>();
    group.forEach((w) => w !== word && set.add(w));
    GROUPS_BY_WORD.set(word, set);
  }
}

/** The other names a typed word may stand for (none for a word of no group). */
export function nameVariants(word: string): string[] {
  return [...(GROUPS_BY_WORD.get(word) ?? [])].sort();
}

/** At most this many name words of a term are matched (the term's length is already limited). */
export const NAME_WORDS_MAX = 4;
/** Words shorter than this are matched exactly (as part of a name), never by sound or near spelling. */
const FUZZY_MIN = 3;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A date as people type it, as an ISO date: `1990-01-23`, or day first (`23/01/1990`, `23-1-1990`,
 * `23.01.1990`). Null for anything else, or a day that does not exist. Years have four digits.
 */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** A search term read as name words and, when one of its words is a date, a date of birth. */
export interface SearchTerm {
  /** The whole term as an identifier would be compared. */
  raw: string;
  /** The date of birth typed, as an ISO date. */
  dateOfBirth: string | null;
  /** The name part, normalised as stored names are (lower case, no accents, punctuation as spaces). */
  name: string;
  /** Its words, at most NAME_WORDS_MAX. */
  words: string[];
}

export function readSearchTerm(term: string): SearchTerm {
  let dateOfBirth: string | null = null;
  const rest: string[] = [];
  for (const part of term.trim().split(/\s+/)) {
    const date: string | null = dateOfBirth ? null : parseTypedDate(part);
    if (date) dateOfBirth = date;
    else rest.push(part);
  }
  const name = normaliseName(rest.join(' '), '');
  return { raw: term.trim(), dateOfBirth, name, words: name ? name.split(' ').slice(0, NAME_WORDS_MAX) : [] };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

/**
 * The predicate that matches a person's name (`p` is the person's alias) to the term's words, its
 * ranking tier (0: the name contains the term as typed; 1: a near match) and closeness (0-1000),
 * with their parameters. Every word must match one of the name's words: as part of the name (spaces,
 * hyphens and apostrophes ignored), as a variant of the name, by sound (double metaphone) or by near
 * spelling (trigram word similarity). The name typed with its words run together also matches.
 */
export function nameMatchSql(
  t: SearchTerm,
  p = 'p',
): { where: string; tier: string; closeness: string; parameters: Record<string, unknown> } {
  const parameters: Record<string, unknown> = {
    nsName: `%${escapeLike(t.name)}%`,
    nsCompact: `%${escapeLike(t.name.replace(/ /g, ''))}%`,
    nsTerm: t.name,
  };
  const compact = `replace(${p}.normalised_name, ' ', '')`;
  const words = t.words.map((word, i) => {
    parameters[`nsWord${i}`] = `%${escapeLike(word)}%`;
    const ors = [`${compact} LIKE :nsWord${i}`];
    const variants = nameVariants(word);
    if (variants.length) {
      parameters[`nsVariants${i}`] = `(^| )(${variants.join('|')})( |$)`;
      ors.push(`${p}.normalised_name ~ :nsVariants${i}`);
    }
    if (word.length >= FUZZY_MIN && /^[a-z]+$/.test(word)) {
      parameters[`nsFuzzy${i}`] = word;
      ors.push(`CAST(:nsFuzzy${i} AS text) <% ${p}.normalised_name`);
      ors.push(`person_name_sounds(${p}.normalised_name) && ARRAY[dmetaphone(CAST(:nsFuzzy${i} AS text))]`);
    }
    return `(${ors.join(' OR ')})`;
  });
  const where = `(${compact} LIKE :nsCompact OR (${words.join(' AND ')}))`;
  return {
    where,
    tier: `(CASE WHEN ${p}.normalised_name LIKE :nsName THEN 0 ELSE 1 END)`,
    closeness: `CAST(round(1000 * word_similarity(CAST(:nsTerm AS text), ${p}.normalised_name)) AS int)`,
    parameters,
  };
}
