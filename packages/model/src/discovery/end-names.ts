/**
 * Which CRM stage names are the ends of a deal rather than stages it works through. The
 * readers already take the CRM's own outcome words ("Won", "Closed Won", "Lost", "Closed
 * Lost") as ends (see `StageMapper`); this recognises the other names CRMs give them
 * ("Closed - Lost to competitor", "Disqualified", "Deal signed", "赢单", "输单"). A name is
 * only taken as an end when the data agrees: deals whose last record it is, nearly always
 * (see `END_SHARE`), since an open pipeline also has deals resting in its last stage.
 */
import { normalizeName } from '../crm/normalize-name.js';

export type EndKind = 'won' | 'lost';

/**
 * Chinese words as strings, not in a regular expression literal: the bundler writes strings
 * beyond ASCII as escapes but leaves a regular expression as it is, and one such character
 * makes V8 keep a bundle's whole source two bytes a character (test/cli/bundle.test.ts).
 */
const anyOf = (words: readonly string[]): RegExp => new RegExp(words.join('|'));

const WON_PATTERNS = [/\bwon\b/, /\bwin\b/, /\bsigned\b/, /\bbooked\b/, /\bclosed\s*-?\s*won\b/, anyOf(['赢单', '成交', '签约', '已签', '中标'])];
const LOST_PATTERNS = [
    /\blost\b/, /\bloss\b/, /\bdisqualified\b/, /\bunqualified\b/, /\bdead\b/, /\bcancel+ed\b/, /\brejected\b/,
    /\bchurned\b/, /\babandoned\b/, /\bno decision\b/, /\bclosed\s*-?\s*lost\b/, anyOf(['输单', '丢单', '失败', '流失', '放弃', '取消'])
];

/** What a name suggests, before the data is asked. */
export function endKindOfName(name: string): EndKind | undefined {
    const key = normalizeName(name);
    // A name with words of both ("Won/Lost review") is no win: the data then decides whether it ends deals at all.
    if (WON_PATTERNS.some(pattern => pattern.test(key)) && !LOST_PATTERNS.some(pattern => pattern.test(key))) return 'won';
    if (LOST_PATTERNS.some(pattern => pattern.test(key))) return 'lost';
    return undefined;
}

/** A name is an end when at least this share of its deals end their history with it. */
export const END_SHARE = 0.9;
