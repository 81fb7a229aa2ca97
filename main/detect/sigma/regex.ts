/**
 * `|re` values: the Sigma regex flavour (a PCRE subset) translated to a
 * JavaScript RegExp, with every PCRE construct whose meaning JavaScript
 * would silently change rejected (e.g. `\A` is an anchor in PCRE but the
 * letter A in JavaScript). Matching is a search anywhere in the value
 * (use `^`/`$` to anchor), case-sensitive unless `|i` or a leading `(?i)`.
 */
import { RuleError } from './types';
import { sharedRegExp } from './values';

function fail(pattern: string, why: string): never {
  throw new RuleError('regex-unsupported', `|re ${JSON.stringify(pattern)}: ${why}`);
}

/** Escapes with the same meaning in PCRE and JavaScript (letters and digits). */
const SAME_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 'r', 't', 'f', 'v', '0', 'c']);
const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/', '-']);

/** Leading inline flags such as `(?i)` or `(?si)`. */
const LEADING_FLAGS = /^\(\?([a-zA-Z]+)\)/;

export interface RegexFlags {
  i?: boolean;
  m?: boolean;
  s?: boolean;
}

export function translateRegex(pattern: string, flags: RegexFlags): { source: string; flags: string } {
  let src = pattern;
  const f = new Set<string>();
  if (flags.i) f.add('i');
  if (flags.m) f.add('m');
  if (flags.s) f.add('s');
  const lead = LEADING_FLAGS.exec(src);
  if (lead) {
    for (const c of lead[1]) {
      if (c !== 'i' && c !== 'm' && c !== 's') fail(pattern, `inline flag (?${c}) is not supported (only i, m, s)`);
      f.add(c);
    }
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) fail(pattern, 'ends with a lone backslash');
      i++;
      if (/[0-9A-Za-z]/.test(n)) {
        if (SAME_ESCAPES.has(n)) out += '\\' + n;
        else if (/[1-9]/.test(n) && !inClass) out += '\\' + n;
        else if (n === 'x') {
          const braces = /^\{([0-9a-fA-F]{1,4})\}/.exec(src.slice(i + 1));
          if (braces) {
            out += '\\u' + braces[1].padStart(4, '0');
            i += braces[0].length;
          } else if (/^[0-9a-fA-F]{2}/.test(src.slice(i + 1))) out += '\\x';
          else fail(pattern, 'escape \\x must be followed by two hex digits or {hex}');
        } else if (n === 'k' && src[i + 1] === '<') out += '\\k';
        else fail(pattern, `escape \\${n} has no JavaScript equivalent (PCRE-only)`);
      } else out += SYNTAX.has(n) ? '\\' + n : n;
      continue;
    }
    if (inClass) {
      if (c === '[' && src[i + 1] === ':') fail(pattern, 'POSIX character classes ([:alpha:]) are not supported');
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += '\\' + src[++i]; // a leading `]` is a literal in PCRE
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (/^(:|=|!|<=|<!)/.test(rest) || /^<[A-Za-z_]\w*>/.test(rest)) out += '(?';
      else if (/^P<[A-Za-z_]\w*>/.test(rest)) {
        out += '(?';
        i += 1; // drop the P
      } else if (/^[a-zA-Z-]+[:)]/.test(rest)) fail(pattern, 'inline flags are only supported at the very start, e.g. (?i)');
      else fail(pattern, `group (?${rest.slice(0, 2)}… (atomic, comment, recursion or conditional) is not supported`);
      i += 1;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && src[i + 1] === '+') {
      fail(pattern, 'possessive quantifiers (*+, ++, ?+, {n}+) are not supported');
    }
    out += c;
  }
  try {
    const flagStr = [...f].sort().join('');
    sharedRegExp(out, flagStr);
    return { source: out, flags: flagStr };
  } catch (e) {
    return fail(pattern, `not a valid regular expression (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function compileRegex(pattern: string, flags: RegexFlags): RegExp {
  const t = translateRegex(pattern, flags);
  return sharedRegExp(t.source, t.flags);
}

/**
 * Literals one of which must occur in any text the (translated) regex
 * matches: the longest plain run of the pattern, or one per top-level
 * alternative. Null when no run of at least 3 characters is certain.
 * Used only as a prefilter hint (compared lower-cased, so a superset).
 */
export function requiredLiterals(source: string): string[] | null {
  const alternatives: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  const out: string[] = [];
  for (const alt of alternatives) {
    const lit = longestRun(alt);
    if (!lit || lit.length < 3) return null;
    out.push(lit.toLowerCase());
  }
  return out;
}

const ESCAPED_CHARS: Record<string, string> = { t: '\t', n: '\n', r: '\r' };

function longestRun(src: string): string | null {
  let best = '';
  let run = '';
  let lastLen = 0; // length of the last atom appended to `run` (0 if the last atom was not a literal)
  const cut = () => {
    if (run.length > best.length) best = run;
    run = '';
    lastLen = 0;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '*' || c === '?' || (c === '{' && /^\{0*,?\d*\}/.test(src.slice(i)) && /^\{0+[,}]/.test(src.slice(i)))) {
      run = run.slice(0, run.length - lastLen); // the previous atom is optional
      cut();
      if (c === '{') i = src.indexOf('}', i);
      if (src[i + 1] === '?') i++;
    } else if (c === '+' || c === '{') {
      cut(); // at least once: keep it, but what follows may be a repetition
      if (c === '{') i = Math.max(i, src.indexOf('}', i));
      if (src[i + 1] === '?') i++;
    } else if (c === '\\') {
      const n = src[++i] ?? '';
      if (ESCAPED_CHARS[n]) {
        run += ESCAPED_CHARS[n];
        lastLen = 1;
      } else if (/[0-9A-Za-z]/.test(n)) {
        if (n === 'x' || n === 'u') i += n === 'x' ? 2 : 4;
        cut();
      } else {
        run += n;
        lastLen = 1;
      }
    } else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
      cut();
    } else if (c === '(') {
      let d = 1;
      for (i++; i < src.length && d > 0; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '(') d++;
        else if (src[i] === ')') d--;
      }
      i--;
      cut();
    } else if (c === '.' || c === '^' || c === '$' || c === '|' || c.charCodeAt(0) > 127) cut();
    else {
      run += c;
      lastLen = 1;
    }
  }
  cut();
  return best || null;
}
