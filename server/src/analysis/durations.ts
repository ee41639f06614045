/**
 * Durations as people state them in postmortems ("for 45 minutes", "Duration: 1h 30m").
 */

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};
const NUMBER = String.raw`(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
// "1 hour and 30 minutes", "2 hours, 30 minutes", "ten minutes", "an hour", "half an hour", "1h30m".
const DURATION_RE = new RegExp(
  String.raw`(?<![\w:.])(?:(half an hour)|(an? hour)|(\d+)h\s?(\d+)m\b|${NUMBER}\s*(hours?|hrs?|minutes?|mins?|weeks?|days?|(?<=\d)h|(?<=\d)m)\b(?:[\s,]*(?:and\s+)?${NUMBER}\s*(minutes?|mins?|(?<=\d)m)\b)?)`,
  'gi',
);
// A duration is a stated duration only with a cue: "Duration: 30 minutes", "down for 66 minutes",
// "lasted 1 hour", "45 minutes of downtime", "(2 hours, 30 minutes)", "47 minutes from ...".
const DURATION_BEFORE_RE =
  /(?:duration[^:\n]{0,30}:[*_]*\s*(?:of\s+)?(?:about|approximately|around|roughly|~)?|\b(?:down|offline|inactive|unavailable|unreachable|degraded|disrupted|impacted|affected|inaccessible|failing|failed|broken|interrupted|out|outage|incident)\s+(?:for\s+)?(?:(?:just\s+)?(?:about|approximately|around|roughly|nearly|almost|over|under)|~)?\s*|\blast(?:ed|ing)\s+(?:for\s+)?(?:about|approximately|around|roughly)?|\btook\s+(?:about|approximately)?|\(|\boutage\s+of\s+)\s*$/i;
const DURATION_AFTER_RE =
  /^\s*(?:of\s+(?:downtime|outage|disruption|degradation|impact)|long\b|outage\b|(?:(?!(?:the|a|an|of|after|before|later|into|in)\b)[a-z]+\s+)?(?:failure|outage|downtime|disruption|incident)\b|from\b|\(|\)|,\s*from\b)/i;

export interface DurationMention {
  start: number;
  end: number;
  minutes: number;
  /** Written as approximate ("about", "just over", "nearly", "~"): a few minutes either way agree with it. */
  approximate: boolean;
}

const APPROXIMATE_BEFORE_RE = /(?:\b(?:about|approximately|approx\.?|around|roughly|nearly|almost|over|under|some|circa|ca\.)|~|\\~)\s*$/i;

function numberValue(word: string): number {
  const lower = word.toLowerCase();
  return NUMBER_WORDS[lower] ?? Number(lower);
}

/** The first stated duration of the incident in `text[from, to)`, read only where a cue says it is one. */
export function findStatedDuration(text: string, from = 0, to = text.length): DurationMention | null {
  DURATION_RE.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = DURATION_RE.exec(text)) !== null) {
    if (match.index >= to) break;
    const end = match.index + match[0].length;
    const before = text.slice(Math.max(from, match.index - 60), match.index);
    const after = text.slice(end, Math.min(to, end + 20));
    if (!DURATION_BEFORE_RE.test(before) && !DURATION_AFTER_RE.test(after) && !opensWindowSentence(text, from, to, match.index, end)) continue;
    // "2 days later", "3 weeks ago": a distance in time, not a length.
    if (/^\s*(?:ago|later|earlier|before|after|prior|since)\b/i.test(after)) continue;
    let minutes: number;
    if (match[1]) {
      minutes = 30;
    } else if (match[2]) {
      minutes = 60;
    } else if (match[3]) {
      minutes = Number(match[3]) * 60 + Number(match[4]);
    } else {
      const value = numberValue(match[5]);
      minutes = /^h/i.test(match[6]) ? value * 60 : /^w/i.test(match[6]) ? value * 10_080 : /^d/i.test(match[6]) ? value * 1440 : value;
      if (match[7]) minutes += numberValue(match[7]);
    }
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    return {
      start: match.index,
      end,
      minutes: Math.round(minutes),
      approximate: APPROXIMATE_BEFORE_RE.test(text.slice(Math.max(from, match.index - 20), match.index)),
    };
  }
  return null;
}

// "For 1 hour and 30 minutes on 2024-05-01, between 14:03 and 15:15, ...": the SRE book's impact
// sentence opens with the length and goes on to the times it runs between.
const SENTENCE_OPENING_FOR_RE =
  /(?:^|[.!?:]\s+|\n[\s>*_-]*)(?:impact:\s*)?for\s+(?:about\s+|approximately\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|~)?$/i;
const WINDOW_FOLLOWS_RE =
  /^(?:\s+on\s+[^,.!?\n]{1,40})?,?\s+(?:between|from|starting(?:\s+at)?|beginning(?:\s+at)?)\s+(?:about\s+|approximately\s+|around\s+)?\d{1,2}:\d{2}/i;

function opensWindowSentence(text: string, from: number, to: number, start: number, end: number): boolean {
  return SENTENCE_OPENING_FOR_RE.test(text.slice(Math.max(from, start - 40), start)) && WINDOW_FOLLOWS_RE.test(text.slice(end, Math.min(to, end + 160)));
}

export function describeMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes > 0 || hours === 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.join(' ');
}
