/**
 * Builds the TextMate injection grammar from the regex pieces below and writes
 * postmortem.injection.tmLanguage.json next to this file:
 *
 *   node syntaxes/build-grammar.mjs           write the grammar
 *   node syntaxes/build-grammar.mjs --check   exit 1 if the committed grammar is not what this builds
 *
 * The vocabulary follows the analyser: section titles from server/src/analysis/titles.ts, times,
 * dates, zones and durations from server/src/analysis/time.ts, owners and due dates from
 * server/src/analysis/actions.ts. Regexes are Oniguruma; every repetition is bounded or
 * possessive where it meets another one, so a long line cannot make a match backtrack for long.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Replaces each literal space outside a character class with `[ \t]+` (and an optional one, " ?", with `[ \t]?`). */
function words(source) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      out += char + source[++i];
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    if (char === ' ' && !inClass && source[i + 1] === '?') {
      out += '[ \\t]?';
      i++;
    } else {
      out += char === ' ' && !inClass ? '[ \\t]+' : char;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Section titles: the alternatives of titles.ts, matched case-insensitively against the title as
// written (accents allowed, "&" for "and"). Written with plain spaces; `words` widens them.

const AND = '(?:and|&)';
export const TITLE_ALTERNATIVES = [
  // root cause and resolution (both kinds)
  `(?:root[ -]?causes?|causes?)(?: analysis)? (?:${AND}|/) (?:resolutions?|remediation|recovery|mitigations?|fix(?:es)?|solutions?)(?: ${AND} recovery)?`,
  // summary
  "(?:(?:issue|incident|executive|outage|event|problem)s? )?summar(?:y|ies)(?: of [a-z0-9 ,'-]{1,60})?",
  "tl;? ?dr|resumen(?: del incidente| ejecutivo)?|r[eé]sum[eé](?: de l['’]incident)?|zusammenfassung",
  '(?:(?:issue|incident|outage) )?overview|(?:incident|outage|issue|problem) description|what happened|(?:the )?(?:issue|problem|incident|outage)',
  // impact
  `(?:(?:end[ -]user|user|customer|business|service|infrastructure|productivity) )?impact(?:ed [a-z ]{1,30}| statement| assessment| analysis| summary| ${AND} severity)?|impacto|affected (?:users|customers|services|systems)|what was the impact`,
  '(?:the )?effects?(?: on [a-z ]{1,30})?',
  // timeline
  "(?:detailed |incident |event |outage )?time ?line(?: of [a-z .,'-]{1,60})?|chronology(?: of events)?|cronolog[ií]a|chronologie|sequence of events",
  // root cause
  'root[ -]?causes?(?: analysis)?|rca|main cause|primary cause|underlying causes?|contributing (?:factors|conditions)(?: analysis)?|causa ra[ií]z|cause racine|ursache',
  'what (?:was|were) the (?:root )?causes?|what caused (?:the|this) (?:incident|outage|issue|problem|failure)|why (?:did )?it happen(?:ed)?',
  "(?:the )?(?:five|5) whys|whys|fault|technical cause|what went wrong and why|(?:the )?vulnerability",
  // resolution
  `(?:incident )?resolution(?: ${AND} recovery| steps)?|recovery(?: steps)?|mitigations? ${AND} (?:resolution|recovery)|remediation|mitigations?|the fix|solution|resoluci[oó]n|steps to (?:resolution|resolve)`,
  'how (?:it|we|the (?:issue|incident|outage|problem)) (?:was )?(?:fixed|resolved)|how did we (?:fix|resolve|mitigate) (?:it|this|the (?:issue|incident|outage|problem))|how (?:was|were) (?:it|the (?:issue|incident|outage|problem)) (?:fixed|resolved)',
  'response|how did we respond',
  // corrective and preventative measures
  `corrective (?:${AND}|/) (?:preventa?tive|preventive|prevention) (?:measures|actions|steps)|corrective measures(?: ${AND} prevention)?|corrective actions|preventa?tive (?:measures|actions)|preventive (?:measures|actions)`,
  `(?:postmortem |post-mortem )?action items(?: ${AND} follow[- ]?ups)?|action plan|follow[- ]?ups?(?: actions| items| tasks)?|next steps|(?:looking|moving) forward|remediation (?:items|actions)|remediations|prevention|to[ -]?do(?: list)?`,
  'recommended mitigations?(?: (?:for|in) [a-z ]{1,40})?|mitigaci[oó]n recomendada(?: [a-z ]{1,40})?',
  'recommendations|resulting actions?|(?:future )?improvements|(?:short|medium|long)[- ]term (?:improvements|actions|fixes|measures|remediations?|items)',
  'what (?:are|will) we (?:doing|do) to prevent (?:it|this)(?: from happening again)?|how (?:will|can|do) we prevent (?:it|this)(?: from happening again)?',
  // lessons learned
  "lessons? learn(?:ed|t)|learnings|takeaways|key takeaways|what we learned|lecciones aprendidas|le[cç]ons apprises|insights|how['’]?d we do|how did we do",
  "what went (?:well|wrong|badly|poorly|not so well)|what didn['’]?t go (?:so )?well|what could have gone better|what (?:can|could) (?:be|have been) (?:improved|done better)|where (?:we got|did we get) lucky|things that went (?:well|wrong|badly|poorly)",
];
const TITLE = `(?i:${TITLE_ALTERNATIVES.map(words).join('|')})`;

// What may follow a title on its line, as normalizeTitle strips it: closing emphasis, a
// parenthesised note ("(all times UTC)"), trailing punctuation, a decoration, closing hashes,
// an HTML comment. Possessive runs keep the adjacent optional parts from backtracking.
const TAIL =
  String.raw`(?=[*_]{0,2}[ \t]*+(?:\([^()\n]{0,120}\))?[ \t]*+[:.;,!?\-\x{2013}\x{2014}]*+[ \t]*+[*_]{0,2}[ \t]*+` +
  String.raw`[\p{So}\x{FE0F}]*+[ \t]*+(?:#++[ \t]*+)?(?:<!--.*-->[ \t]*+)?$)`;
// "1.", "2)", "IV.", "a)" before a title in a heading.
const NUMBERING = String.raw`(?:\d{1,3}[.)]|[IVXivx]{1,4}\.|[A-Ha-h][.)])[ \t]+`;

// ---------------------------------------------------------------------------
// Dates, times, zones, durations

const MONTH = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const DATE =
  String.raw`(?<![\w.\-/])(?i:\d{4}-\d{1,2}-\d{1,2}(?!\d)` +
  String.raw`|(?:${MONTH})\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?(?:[ \t]*+,[ \t]*+|[ \t]+)\d{4}(?!\d)` +
  String.raw`|\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?:${MONTH})\.?,?[ \t]+\d{4}(?!\d)` +
  String.raw`|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/]))`;

// time.ts TIME_SOURCE. What may stand before a time (time.ts `startsTime`): not a digit, letter,
// ":", ".", "/", "=", "#", "_" or "+", except the "T" of an ISO date-time.
const TIME_BEFORE = String.raw`(?:(?<=\dT)|(?<![\w:./=#+\x{2212}]))`;
const TIME =
  String.raw`(?i:(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?!\d|:\d)` +
  String.raw`|\d{4}(?=[ \t]?(?:hrs?\b|h\b|[ap]\.?m\b)|Z\b)` +
  String.raw`|\d{1,2}(?=[ \t]?[ap]\.?m\b)` +
  String.raw`|\d{1,2}h\d{2}(?![\d:a-z]))` +
  String.raw`(?:[ \t]?[ap]\.?m\.?(?![a-z])|[ \t]?(?:hrs?|h)(?![a-z]))?)`;

// time.ts ABBREVIATIONS (without the lone "Z", read only right after a time).
const ABBREVIATIONS = [
  'UTC', 'GMT', 'UT', 'ZULU', 'PST', 'PDT', 'MST', 'MDT', 'CST', 'CDT', 'EST', 'EDT', 'PT', 'MT', 'CT', 'ET', 'AKST', 'AKDT', 'HST',
  'BST', 'WET', 'WEST', 'CET', 'CEST', 'MET', 'MEZ', 'MESZ', 'EET', 'EEST', 'WAT', 'CAT', 'EAT', 'SAST', 'MSK', 'TRT', 'GST', 'PKT',
  'IST', 'NPT', 'ICT', 'WIB', 'SGT', 'HKT', 'PHT', 'AWST', 'JST', 'KST', 'ACST', 'ACDT', 'AEST', 'AEDT', 'NZST', 'NZDT', 'BRT', 'ART',
  'COT', 'PET',
];
// Standing alone in prose, only the abbreviations that are not also words or other acronyms
// ("CAT", "ART", "PET", "WEST", "ET", "PT" are zones only right after a time).
const STANDALONE_ABBREVIATIONS = [
  'UTC', 'GMT', 'ZULU', 'PST', 'PDT', 'MST', 'MDT', 'CST', 'CDT', 'EST', 'EDT', 'AKST', 'AKDT', 'HST', 'BST', 'CET', 'CEST', 'MEZ',
  'MESZ', 'EET', 'EEST', 'MSK', 'IST', 'JST', 'KST', 'SGT', 'HKT', 'AWST', 'ACST', 'ACDT', 'AEST', 'AEDT', 'NZST', 'NZDT',
];
const byLength = (list) => [...list].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
const ABBR = `(?:${byLength(ABBREVIATIONS)})`;
const STANDALONE_ABBR = `(?:${byLength(STANDALONE_ABBREVIATIONS)})`;
const UTC_OFFSET = String.raw`(?:UTC|GMT|UT)(?:[ \t]?[+\-\x{2212}][ \t]?\d{1,2}(?::?\d{2})?(?!\d))?`;
// "Pacific Time", "Central European Summer Time", "India Standard Time" (time.ts NAMES).
const ZONE_NAME =
  String.raw`(?:(?:Pacific|Mountain|Central|Eastern|Atlantic|Alaska|Hawaii|Greenwich(?: Mean)?|Coordinated Universal|Universal|Zulu` +
  String.raw`|British Summer|Central European(?: Summer)?|Eastern European|Western European|(?:West|Central|East|South) Africa[n]?` +
  String.raw`|India[n]?|Arabia|Japan|Korea|China|Singapore|Moscow|Australian Eastern|New Zealand|UK|London)(?: Standard| Daylight)? Time)(?![\w])`;
// IANA zone names: "America/New_York", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/UTC".
const IANA =
  String.raw`(?<![\w/])(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)` +
  String.raw`/[A-Z][A-Za-z_\-+0-9]{1,30}(?:/[A-Z][A-Za-z_\-]{1,30})?(?![\w/])`;
const ZONE_AFTER_TIME = `(?:${words(ZONE_NAME)}|${UTC_OFFSET}|${ABBR}(?:[ \\t]?/[ \\t]?${ABBR})?(?![A-Za-z])|${IANA}|[+\\-\\x{2212}]\\d{2}:?\\d{2}(?!\\d))`;

// time.ts DURATION_RE, widened to seconds and days (highlighting, not arithmetic).
const NUMBER_WORD = 'forty-five|seventeen|thirteen|fourteen|eighteen|nineteen|fifteen|sixteen|seventy|eleven|twelve|twenty|thirty|ninety|three|seven|eight|forty|fifty|sixty|four|five|nine|one|two|six|ten';
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|(?:${NUMBER_WORD})\b)`;
const UNIT = String.raw`(?:hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|(?<=\d)(?:h|m|s))\b`;
const DURATION =
  String.raw`(?<![\w:.])(?i:half an hour|an? hour\b|\d+h[ \t]?\d+m\b|` +
  String.raw`${NUMBER}[ \t]*+${UNIT}(?:(?:[ \t]*+,)?[ \t]*+(?:and[ \t]+)?${NUMBER}[ \t]*+(?:minutes?|mins?|seconds?|secs?|(?<=\d)(?:m|s))\b)?)`;

// ---------------------------------------------------------------------------
// Action items (actions.ts): "owner: Priya", "(Owner: @dana)", "assigned to Sam Lee", "@sam"; "due: 2024-05-01".

const OWNER_LABEL = String.raw`(?i:\b(?:owners?|assignee|assigned to|responsible|dri))\b`;
const OWNER_NAME = String.raw`@[A-Za-z][\w\-]*(?:\.[\w\-]+)*|[A-Z][\w\-]*(?:\.[\w\-]+)*(?: [A-Z][\w\-]*(?:\.[\w\-]+)*)?`;
const DUE_LABEL = String.raw`(?i:\b(?:due|deadline|eta|target)(?:[ \t]+date)?)\b`;

const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';
const GENERATED = ['Generated by syntaxes/build-grammar.mjs: edit that file and run it, not this one.'];
// Never inside code, comments, front matter or link targets.
const OUTSIDE_CODE = '-comment -markup.fenced_code -markup.inline.raw -markup.raw -meta.embedded -markup.underline.link';

/**
 * Section titles take a whole line, so they must win over Markdown's own heading and paragraph
 * rules at the start of the line: this injection has left priority ("L:"). The inline scopes
 * below must not (Markdown would then never start the paragraph or list item the line is in, and
 * bold, links and code on the rest of the line would go unscoped), so they are a second injection.
 */
export function buildSectionsGrammar() {
  return {
    $schema: SCHEMA,
    information_for_contributors: GENERATED,
    name: 'Postmortem section titles (injected into Markdown)',
    scopeName: 'postmortem.markdown.sections.injection',
    injectionSelector: `L:text.html.markdown ${OUTSIDE_CODE}`,
    patterns: [
      { include: '#section-heading' },
      { include: '#section-emphasis-line' },
      { include: '#section-plain-line' },
    ],
    repository: {
      'section-heading': {
        comment: 'An ATX heading whose title names a postmortem section: "## Timeline (all times UTC)", "### 2. Root Cause:".',
        name: 'markup.heading.markdown',
        begin: `^[ ]{0,3}(#{1,6})[ \\t]++((?:\\*\\*|__|\\*|_)?)((?:${NUMBERING})?)(${TITLE})${TAIL}`,
        beginCaptures: {
          1: { name: 'punctuation.definition.heading.markdown' },
          2: { name: 'punctuation.definition.bold.markdown' },
          4: { name: 'entity.name.section.markdown entity.name.section.postmortem' },
        },
        end: '$',
        patterns: [{ include: '#title-tail' }],
      },
      'section-emphasis-line': {
        comment: 'A line that is only a bold or italic section title: "**Root Cause:**", "__Timeline__".',
        name: 'markup.heading.section.postmortem',
        begin: `^[ ]{0,3}(\\*\\*|__|\\*|_)((?:${NUMBERING})?)(${TITLE})${TAIL}`,
        beginCaptures: {
          1: { name: 'punctuation.definition.bold.markdown' },
          3: { name: 'entity.name.section.postmortem' },
        },
        end: '$',
        patterns: [{ include: '#title-tail' }],
      },
      'section-plain-line': {
        comment: 'A line that is only a section title, as a label or in capitals: "Timeline:", "ROOT CAUSE", "Issue Summary".',
        name: 'markup.heading.section.postmortem',
        begin: `^[ ]{0,3}(${TITLE})${TAIL}`,
        beginCaptures: { 1: { name: 'entity.name.section.postmortem' } },
        end: '$',
        patterns: [{ include: '#title-tail' }],
      },
      'title-tail': {
        patterns: [
          { match: '(?<=\\S)(\\*\\*|__|\\*|_)', captures: { 1: { name: 'punctuation.definition.bold.markdown' } } },
          { match: '[ \\t]+(#+)[ \\t]*$', captures: { 1: { name: 'punctuation.definition.heading.markdown' } } },
          { match: ':', name: 'punctuation.separator.key-value.postmortem' },
          { include: 'text.html.markdown#inline' },
        ],
      },
    },
  };
}

/** Times, dates, zones, durations, owners, due dates and severities wherever Markdown has prose. */
export function buildInlineGrammar() {
  return {
    $schema: SCHEMA,
    information_for_contributors: GENERATED,
    name: 'Postmortem times, zones, durations and owners (injected into Markdown)',
    scopeName: 'postmortem.markdown.injection',
    injectionSelector: `text.html.markdown ${OUTSIDE_CODE}`,
    patterns: [{ include: '#inline' }],
    repository: {
      inline: {
        patterns: [
          { include: '#due' },
          { include: '#owner' },
          { include: '#date' },
          { include: '#time' },
          { include: '#zone' },
          { include: '#duration' },
          { include: '#severity' },
        ],
      },
      date: {
        comment: '2024-03-05, March 5, 2024, 5th of March 2024, 03/05/2024 (time.ts DATE_RE).',
        match: DATE,
        name: 'constant.numeric.date.postmortem',
      },
      time: {
        comment: '14:05, 2:05 PM, 14h05, 0710 hrs, 1405Z, 3pm, the T14:05:00 of an ISO date-time; with the zone written right after it.',
        match:
          `${TIME_BEFORE}(${TIME})` +
          // The zone after a time: glued "Z" or "+01:00", "-05:00" glued after seconds (a glued
          // "-" after HH:MM is a range: "14:30-16:00"), or after a space or in brackets.
          String.raw`(?:((?<=\d)Z(?!\w)|(?:\+|(?<=:\d\d:\d\d|\.\d\d\d)[\-\x{2212}])\d{2}:?\d{2}(?!\w|:\d))` +
          `|[ \\t]{1,2}\\(?[ \\t]?(${ZONE_AFTER_TIME})\\)?|\\((${ZONE_AFTER_TIME})\\))?`,
        captures: {
          1: { name: 'constant.numeric.time.postmortem' },
          2: { name: 'constant.other.timezone.postmortem' },
          3: { name: 'constant.other.timezone.postmortem' },
          4: { name: 'constant.other.timezone.postmortem' },
        },
      },
      zone: {
        comment: 'A zone standing alone: "all times UTC", "UTC+2", "PST/PDT", "Pacific Time", "America/New_York".',
        patterns: [
          { match: `(?<![\\w+\\-])(?:${UTC_OFFSET}|${STANDALONE_ABBR}(?:[ \\t]?/[ \\t]?${STANDALONE_ABBR})?)(?![\\w])`, name: 'constant.other.timezone.postmortem' },
          { match: `(?<![\\w])${words(ZONE_NAME)}`, name: 'constant.other.timezone.postmortem' },
          { match: IANA, name: 'constant.other.timezone.postmortem' },
        ],
      },
      duration: {
        comment: '45 minutes, 1h 20m, 2 hours, 1 hour and 30 minutes, ten minutes, half an hour (time.ts DURATION_RE).',
        match: DURATION,
        name: 'constant.numeric.duration.postmortem',
      },
      owner: {
        comment: 'The owner of an action item: "owner: @dana", "Owner: Priya Shah", "assigned to Sam", or any @mention.',
        patterns: [
          {
            // A label needs its colon before a plain name: "the owner was paged" names nobody.
            match: `(${OWNER_LABEL})[ \\t]*+([:=])[ \\t]*+(${OWNER_NAME})`,
            captures: {
              1: { name: 'keyword.other.owner.postmortem' },
              2: { name: 'punctuation.separator.key-value.postmortem' },
              3: { name: 'variable.other.owner.postmortem' },
            },
          },
          {
            match: `(${OWNER_LABEL})[ \\t]++(@[A-Za-z][\\w\\-]*+)`,
            captures: { 1: { name: 'keyword.other.owner.postmortem' }, 2: { name: 'variable.other.owner.postmortem' } },
          },
          {
            match: `(?i:\\b(assigned to))[ \\t]++(${OWNER_NAME})`,
            captures: { 1: { name: 'keyword.other.owner.postmortem' }, 2: { name: 'variable.other.owner.postmortem' } },
          },
          { match: '(?<![\\w.@/])@[A-Za-z][\\w\\-]*+', name: 'variable.other.owner.postmortem' },
        ],
      },
      due: {
        comment: 'The due date of an action item: "due: 2024-05-01", "deadline May 1, 2024", "ETA 2024-05-01"; the placeholder YYYY-MM-DD too.',
        match: `(${DUE_LABEL})[ \\t]*+([:=]?)[ \\t]*+(?:(${DATE})|(YYYY-MM-DD))`,
        name: 'meta.due-date.postmortem',
        captures: {
          1: { name: 'keyword.other.due.postmortem' },
          2: { name: 'punctuation.separator.key-value.postmortem' },
          3: { name: 'constant.numeric.date.postmortem' },
          4: { name: 'constant.numeric.date.placeholder.postmortem' },
        },
      },
      severity: {
        comment: 'SEV1..SEV4, SEV-2, Sev 0.',
        match: '(?<![\\w-])(?i:sev)[ -]?[0-5](?!\\w)',
        name: 'constant.language.severity.postmortem',
      },
    },
  };
}

const OUTPUTS = [
  ['./postmortem.sections.injection.tmLanguage.json', buildSectionsGrammar],
  ['./postmortem.injection.tmLanguage.json', buildInlineGrammar],
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let stale = false;
  for (const [name, build] of OUTPUTS) {
    const path = fileURLToPath(new URL(name, import.meta.url));
    const text = JSON.stringify(build(), null, 2) + '\n';
    if (!process.argv.includes('--check')) {
      writeFileSync(path, text);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      console.error(`${path} is not what syntaxes/build-grammar.mjs builds: run node syntaxes/build-grammar.mjs`);
      stale = true;
    }
  }
  process.exit(stale ? 1 : 0);
}
