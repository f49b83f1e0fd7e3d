import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { ErrorCode, HubError } from '@hub/common';

export interface PasswordRule {
  minLength: number;
  /** zxcvbn score, 0 (guessed at once) to 4 (very hard to guess). */
  minScore: number;
}

/** Passwords this project has published (documentation, demos): whoever reads them could sign in with them. */
const PUBLISHED = new Set(['rehab-demo-2026!']);

/** Words of the hub itself, penalised in every password like the user's own name and email. */
const HUB_WORDS = ['rehab', 'rehab-hub', 'hub', 'demo', 'probation'];

let estimator: ZxcvbnFactory | undefined;
/**
 * The estimator, made on the first password checked: its dictionaries (1.6 MB of code, decompressed
 * when loaded) are loaded then, not each time a hub, worker or CLI command starts.
 */
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  const load = createRequire(import.meta.url);
  const { ZxcvbnFactory: Factory } = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = load('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  estimator = new Factory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/** The words a guesser would try first for this user: parts of its email, name and organisation, and the hub's. */
export function contextWords(...inputs: (string | null | undefined)[]): string[] {
  const words = new Set(HUB_WORDS);
  for (const input of inputs) {
    if (!input) continue;
    const text = input.toLowerCase();
    words.add(text);
    for (const part of text.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * What is wrong with a password a person chose (empty when nothing): too short, published, made of
 * the user's own context (email, name, organisation, the hub), or too easy to guess by the zxcvbn
 * estimate (common passwords, keyboard walks, dictionary words with predictable substitutions, dates).
 */
export function passwordProblems(password: string, context: string[], rule: PasswordRule): string[] {
  if (password.length < rule.minLength) return [`must be at least ${rule.minLength} characters`];
  if (PUBLISHED.has(password.toLowerCase())) return ['is a published password'];
  let rest = password.toLowerCase();
  for (const word of [...context].sort((a, b) => b.length - a.length)) if (word.length >= 3) rest = rest.split(word).join('');
  if (rest.replace(/[^\p{L}]/gu, '').length < 4) return ['is made of your name, email or organisation (and digits or symbols)'];
  const result = zxcvbn().check(password, context);
  if (result.score < rule.minScore) {
    const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    return [`is too easy to guess${hint ? `: ${hint}` : ''}`];
  }
  return [];
}

/** Throws a coded error (BAD_USER_INPUT, reason WEAK_PASSWORD, the field named) when the password breaks the rule. */
export function requireAcceptablePassword(password: string, context: string[], rule: PasswordRule, field = 'password'): void {
  const problems = passwordProblems(password, context, rule);
  if (problems.length) {
    throw new HubError(ErrorCode.BadUserInput, `The ${field === 'password' ? 'password' : field} ${problems.join('; ')}`, {
      reason: 'WEAK_PASSWORD',
      fields: [{ field, messages: problems }],
    });
  }
}
