import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as german from '@zxcvbn-ts/language-de';
import { PASSWORD_RULES, passwordProblems, type PasswordOwner } from '../../domain/facilities/passwordPolicy';

// zxcvbn-ts (well kept, typed) rather than a list of our own: its dictionaries hold the common
// password lists plus German words and names, and it also sees keyboard rows, repeats,
// sequences and dates. Its guess estimate decides; score 3 means more than 10^8 guesses.
// Levenshtein matching is off: it costs up to a second of CPU per check, which an anonymous
// sign-in must not be able to buy.
const MINIMUM_SCORE = 3;
// What zxcvbn looks at: patterns in longer passwords cannot make them guessable.
const CHECKED_LENGTH = 64;

let estimator: ZxcvbnFactory | null = null;

function zxcvbn(): ZxcvbnFactory {
  // Building the dictionaries takes about 150 ms: once, on first use.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...german.dictionary },
    graphs: common.adjacencyGraphs,
    translations: german.translations,
    useLevenshteinDistance: false,
  });
  return estimator;
}

/** The reasons a password fails the policy, in German (empty: it passes). */
export function passwordPolicyProblems(password: string, owner: PasswordOwner): string[] {
  const problems = passwordProblems(password, owner);
  if (problems.length > 0) return problems;
  const result = zxcvbn().check(password.slice(0, CHECKED_LENGTH), [owner.email, ...(owner.name ? [owner.name] : []), 'sozialraumatlas']);
  if (result.score >= MINIMUM_SCORE) return [];
  const warning = result.feedback.warning ? ` ${result.feedback.warning}` : '';
  return [`Das Passwort ist zu leicht zu erraten.${warning}`.trim()];
}

/** One German message for a refused password: what is wrong and what the rules are. */
export function passwordPolicyMessage(problems: readonly string[]): string {
  return `${problems.join('. ')}. ${PASSWORD_RULES}`;
}
