// Generates core/src/locale_data.inc, the card's locale table, from the
// Unicode CLDR JSON packages (cldr-core, cldr-dates-full, cldr-numbers-full:
// exact versions pinned in package.json) and our own words in
// core/locales/locales.json.
//
//   node scripts/generate-locales.mjs          # writes core/src/locale_data.inc
//   node scripts/generate-locales.mjs --check  # exit 1 if the committed file differs
//
// The generated file is committed, so building the core needs neither node
// nor the CLDR packages; tests/js/locale_data.test.mjs regenerates it and
// fails when the committed copy differs (a changed word, a new CLDR version).
// The output depends only on those inputs: no dates, no paths, keys in a fixed order.
//
// What CLDR gives each locale: the long date pattern (dateFormats.long), the
// short time pattern (timeFormats.short) joined by the long date-time pattern
// (dateTimeFormats.long), the wide format month names (genitive where the
// language inflects them, e.g. Polish "października"), the abbreviated day
// periods (am and pm, or for a flexible day period "B" the language's day
// period rules, as ICU applies them: "midnight" is never written), the
// cardinal plural rules for whole numbers, the writing direction (from the
// locale's likely script's rtl flag) and the tags that match it (deprecated
// aliases such as iw -> he, siblings under one parent locale such as
// no/nn -> nb, and, for a language with locales in two scripts, the script
// and the regions whose likely script it is: zh-Hant, zh-HK -> zh-TW).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'core/src/locale_data.inc');

function readJson(...parts) {
  return JSON.parse(fs.readFileSync(path.join(root, ...parts), 'utf8'));
}

function fail(message) {
  throw new Error(`generate-locales: ${message}`);
}

// Codes in compiled patterns (bytes below 0x20, never in the texts).
const FIELD = {
  d: 1, dd: 2, M: 3, L: 3, MM: 4, LL: 4, MMMM: 5, y: 6, H: 7, HH: 8, h: 9, hh: 10, mm: 11, a: 12, B: 12,
};
const PLACEHOLDER = 1;  // {0} in our own texts
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

// A CLDR date/time pattern as literal UTF-8 text and field codes.
function compilePattern(pattern, where) {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) fail(`${where}: unterminated quote in "${pattern}"`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const field = pattern.slice(i, j);
      if (!(field in FIELD)) fail(`${where}: field "${field}" in "${pattern}" is not supported`);
      out += String.fromCharCode(FIELD[field]);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// One relation of a plural rule ("i % 10 = 2..4") for whole numbers: there
// n = i and the operands v, w, f, t, c and e are all 0. Returns true or
// false when the relation does not depend on the number, else its text
// for the core: "n", an optional "%MOD", "=" or "!", and the ranges.
function compileRelation(text, where) {
  const m = /^([niftvwec])\s*(?:%\s*(\d+))?\s*(!=|=)\s*([\d.,]+)$/.exec(text.trim());
  if (!m) fail(`${where}: plural relation "${text}" not understood`);
  const [, operand, mod, op, ranges] = m;
  const items = ranges.split(',').map((r) => r.split('..').map(Number));
  if ('vwftce'.includes(operand)) {
    const inRange = items.some(([lo, hi = lo]) => lo <= 0 && 0 <= hi);
    return op === '=' ? inRange : !inRange;
  }
  return `n${mod ? `%${mod}` : ''}${op === '=' ? '=' : '!'}${ranges.replace(/\.\./g, '-')}`;
}

// A CLDR plural rule for whole numbers: or-groups ('|') of and-ed relations
// ('&'); "" is always true, null never.
function compileRule(rule, where) {
  const condition = rule.split('@')[0].trim();
  if (condition === '') return '';
  const groups = [];
  for (const group of condition.split(/\s+or\s+/)) {
    const relations = [];
    let possible = true;
    for (const relation of group.split(/\s+and\s+/)) {
      const r = compileRelation(relation, where);
      if (r === false) possible = false;
      else if (r !== true) relations.push(r);
    }
    if (!possible) continue;
    if (relations.length === 0) return '';
    groups.push(relations.join('&'));
  }
  return groups.length ? groups.join('|') : null;
}

function compileText(text, where, placeholders) {
  const parts = text.split('{0}');
  if (parts.length - 1 !== placeholders && !(placeholders === -1 && parts.length <= 2)) {
    fail(`${where}: "${text}" needs ${placeholders === 1 ? 'one {0}' : 'no {0}'}`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f]/.test(text)) fail(`${where}: control character in "${text}"`);
  return parts.join(String.fromCharCode(PLACEHOLDER));
}

// A locale's day periods for its compiled date-time pattern: "" for a 24-hour
// clock, else each period as one byte (its first hour + 1) and its name, in
// order from midnight. "a" is am from 0:00 and pm from 12:00; a flexible "B"
// (zh-Hant's "Bh:mm") takes the language's day period rules. Like ICU, it
// never writes "midnight" (an "at" rule); a language whose rules have
// "noon", which ICU writes at 12:00 exactly, needs more code first.
function dayPeriods(dateTime, rawTime, names, rules, where) {
  if (!dateTime.includes(String.fromCharCode(FIELD.a))) return '';
  const flexible = rawTime.replace(/'[^']*'/g, '').includes('B');
  let starts = [[0, names.am], [12, names.pm]];
  if (flexible) {
    if (!rules) fail(`${where}: "B" in "${rawTime}" but no day period rules`);
    const hour = (hhmm, name) => {
      const m = /^(\d\d):00$/.exec(hhmm || '');
      if (!m) fail(`${where}: day period ${name} at "${hhmm}" is not a whole hour`);
      return Number(m[1]);
    };
    if (rules.noon) fail(`${where}: day period "noon" is not supported`);
    const spans = Object.entries(rules).filter(([, r]) => r._from !== undefined)
      .map(([name, r]) => ({ name, from: hour(r._from, name), before: hour(r._before, name) }))
      .sort((a, b) => a.from - b.from);
    spans.forEach((s, i) => {
      if (s.from !== (i ? spans[i - 1].before : 0)) fail(`${where}: day periods leave a gap or overlap at ${s.name}`);
    });
    if (spans[spans.length - 1].before !== 24) fail(`${where}: day periods end before midnight`);
    starts = spans.map((s) => [s.from, names[s.name]]);
  }
  return starts.map(([from, name]) => {
    // eslint-disable-next-line no-control-regex -- the hour bytes are control characters
    if (!name || /[\u0000-\u001f]/.test(name)) fail(`${where}: day period from ${from}:00 has no usable name`);
    return String.fromCharCode(from + 1) + name;
  }).join('');
}

export function generate() {
  const pkg = readJson('package.json');
  const versions = ['cldr-core', 'cldr-dates-full', 'cldr-numbers-full'].map((name) => {
    const pinned = pkg.devDependencies[name];
    const installed = readJson('node_modules', name, 'package.json').version;
    if (pinned !== installed) fail(`${name} ${installed} installed, package.json pins ${pinned}`);
    return `${name} ${installed}`;
  });
  const supplemental = (file) => readJson('node_modules/cldr-core/supplemental', file).supplemental;
  const plurals = supplemental('plurals.json')['plurals-type-cardinal'];
  const likely = supplemental('likelySubtags.json').likelySubtags;
  const parents = supplemental('parentLocales.json').parentLocales.parentLocale;
  const languageAlias = supplemental('aliases.json').metadata.alias.languageAlias;
  const scripts = readJson('node_modules/cldr-core/scriptMetadata.json').scriptMetadata;
  const dayPeriodRules = supplemental('dayPeriods.json').dayPeriodRuleSet;

  const words = readJson('core/locales/locales.json');
  const tags = Object.keys(words).filter((k) => !k.startsWith('_'));
  const records = [];
  const languages = [];
  for (const tag of tags) {
    const w = words[tag];
    const id = w.cldr;
    const lang = tag.split('-')[0];
    languages.push(lang);
    const gregorian = readJson('node_modules/cldr-dates-full/main', id, 'ca-gregorian.json')
      .main[id].dates.calendars.gregorian;
    const numbers = readJson('node_modules/cldr-numbers-full/main', id, 'numbers.json').main[id].numbers;
    // The core writes ASCII digits: a locale whose default digits differ needs more code first.
    if (numbers.defaultNumberingSystem !== 'latn') fail(`${tag}: digits are ${numbers.defaultNumberingSystem}`);
    const script = (likely[id] || likely[lang] || fail(`${tag}: no likely subtags`)).split('-')[1];
    const direction = scripts[script].rtl === 'YES' ? 'rtl' : 'ltr';
    const date = compilePattern(gregorian.dateFormats.long, `${tag} date`);
    const time = compilePattern(gregorian.timeFormats.short, `${tag} time`);
    const dateTime = compilePattern(gregorian.dateTimeFormats.long, `${tag} date-time`)
      .replace('{1}', date).replace('{0}', time);
    const periods = dayPeriods(dateTime, gregorian.timeFormats.short, gregorian.dayPeriods.format.abbreviated,
      dayPeriodRules[lang], tag);
    const namedMonths = date.includes(String.fromCharCode(FIELD.MMMM));
    const months = [];
    for (let m = 1; m <= 12; m++) months.push(namedMonths ? gregorian.months.format.wide[m] : '');

    const rules = plurals[lang] || fail(`${tag}: no plural rules`);
    const categories = [];
    for (const category of CATEGORIES.slice(0, -1)) {
      const rule = rules[`pluralRule-count-${category}`];
      if (rule === undefined) continue;
      const compiled = compileRule(rule, `${tag} ${category}`);
      if (compiled !== null) categories.push([category, compiled]);
    }
    const forms = w.minutes_read;
    const used = [...categories.map(([c]) => c), 'other'];
    for (const c of used) if (typeof forms[c] !== 'string') fail(`${tag}: minutes_read needs "${c}"`);
    for (const c of Object.keys(forms)) if (!used.includes(c)) fail(`${tag}: minutes_read has "${c}", which whole numbers never take`);

    records.push({
      tag,
      lang,
      script,
      fields: [
        ['tag', tag],
        ['direction', direction],
        ['date', date],
        ['date and time', dateTime],
        ['day periods', periods],
        ...months.map((m, i) => [`month ${i + 1}`, m]),
        ['updated', compileText(w.updated, `${tag} updated`, 0)],
        ['published', compileText(w.published, `${tag} published`, 0)],
        ['more news', compileText(w.more_news, `${tag} more_news`, 0)],
        ['tags', compileText(w.tags, `${tag} tags`, 0)],
        ['by', compileText(w.by, `${tag} by`, 1)],
        ['photo', compileText(w.photo, `${tag} photo`, 1)],
        ['source', compileText(w.source, `${tag} source`, 1)],
        ['unavailable', compileText(w.unavailable, `${tag} unavailable`, 0)],
        ['plural rules', categories.map(([, r]) => r).join(';')],
        ...used.map((c) => [`minutes read: ${c}`, compileText(forms[c], `${tag} minutes_read ${c}`, -1)]),
      ],
    });
  }

  // Other language codes that CLDR matches to one of ours.
  const aliases = [];
  const add = (code, index) => {
    if (!languages.includes(code) && !aliases.some(([c]) => c === code)) aliases.push([code, index]);
  };
  const bare = (code) => /^[a-z]{2,3}$/.test(code);
  // Codes a BCP 47 tag may still carry (deprecated ones, members of a
  // macrolanguage); not the overlong or bibliographic ISO 639-2 forms, which
  // BCP 47 never uses for a language that has a two-letter code.
  for (const code of Object.keys(languageAlias).sort()) {
    const { _replacement: to, _reason: reason } = languageAlias[code];
    if (reason !== 'deprecated' && reason !== 'macrolanguage') continue;
    if (bare(code) && bare(to || '') && languages.includes(to)) add(code, languages.indexOf(to));
  }
  for (const code of Object.keys(parents).sort()) {
    const parent = parents[code];
    if (!bare(code) || !bare(parent)) continue;
    // A language under a bare parent (nb under no): the parent and its other children match it.
    for (const [i, lang] of languages.entries()) {
      if (parents[lang] === parent && languages.indexOf(lang) === i) {
        add(parent, i);
        if (code !== lang) add(code, i);
      }
    }
  }
  aliases.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  // A language with locales in more than one script (zh-CN, zh-TW): the
  // first locale in each other script is matched by that script's subtag
  // and by the regions whose likely script it is (zh-Hant, zh-HK, zh-MO),
  // before the language's first locale is. The tag's second subtag decides:
  // zh-Hans-HK names its script, so it stays with zh-CN.
  const subtagMatches = []; // [language, locale index, second subtags]
  for (const [i, r] of records.entries()) {
    const first = records[languages.indexOf(r.lang)];
    if (first.script === r.script || subtagMatches.some(([l, j]) => l === r.lang && records[j].script === r.script)) continue;
    const subtags = [r.script];
    for (const key of Object.keys(likely).sort()) {
      const [l, second, ...more] = key.split('-');
      if (l === r.lang && /^([A-Z]{2}|\d{3})$/.test(second || '') && !more.length && likely[key].split('-')[1] === r.script) subtags.push(second);
    }
    subtagMatches.push([r.lang, i, subtags.map((t) => t.toLowerCase()).sort()]);
  }
  if (!subtagMatches.length) fail('no language has locales in two scripts: the subtag table would be empty');

  // C++ string literal text: printable UTF-8 as it is, everything else as octal bytes.
  const literal = (s) => {
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0);
      if (ch === '"' || ch === '\\' || ch === '?') out += `\\${ch}`;
      else if (cp >= 0x20 && cp < 0x7f) out += ch;
      else if (cp > 0x7f && !/[\p{Z}\p{C}]/u.test(ch)) out += ch;
      else for (const b of Buffer.from(ch, 'utf8')) out += `\\${b.toString(8).padStart(3, '0')}`;
    }
    return out;
  };

  let offset = 0;
  const offsets = [];
  let body = '';
  for (const r of records) {
    offsets.push(offset);
    body += `    // ${r.tag}\n`;
    for (const [name, value] of r.fields) {
      body += `    "${literal(value)}\\000"  // ${name}\n`;
      offset += Buffer.byteLength(value, 'utf8') + 1;
    }
  }
  if (offset > 65535) fail('the table outgrew 16-bit offsets');

  return `// Generated by scripts/generate-locales.mjs from ${versions.join(', ')}
// and core/locales/locales.json. Do not edit: change those and run
// \`node scripts/generate-locales.mjs\` (tests/js/locale_data.test.mjs checks this copy).
//
// One record per locale, fields ended by NUL, in the order locale.cpp reads
// them. Patterns hold field codes: ${[...new Set(Object.values(FIELD))]
    .map((v) => `${v} ${Object.keys(FIELD).filter((k) => FIELD[k] === v && k[0] !== 'L').join(' or ')}`).join(', ')};
// in our texts, ${PLACEHOLDER} stands for {0}. Plural rules (CLDR cardinal, for whole
// numbers): a rule per category but "other", separated by ';', each or-groups
// '|' of and-ed '&' relations "n", optional "%MOD", '=' (in) or '!' (not in),
// ranges "A" or "A-B" separated by ','; the texts follow, one per rule and "other" last.
// Day periods (for a 12-hour clock, else ""): each is a byte, its first hour
// + 1, and its name, in order from midnight ("\\001AM\\015PM").
// clang-format off
constexpr int locale_count = ${records.length};

constexpr char locale_table[] =
${body.trimEnd()}
    ;

// Where each record starts in locale_table.
constexpr unsigned short locale_offsets[locale_count] = {${offsets.join(', ')}};

// Language codes that CLDR matches to a locale of ours (index into the table), sorted.
struct language_alias {
  char code[4];
  unsigned char locale;
};
constexpr language_alias language_aliases[] = {
${aliases.map(([c, i]) => `    {"${c}", ${i}},  // ${records[i].tag}`).join('\n')}
};

// For a language with locales in two scripts: the locale other than its first
// that a second subtag (a script, or a region whose likely script it is;
// lower case, each ended by a space) picks.
struct subtag_match {
  char language[4];
  unsigned char locale;
  const char* subtags;
};
constexpr subtag_match subtag_matches[] = {
${subtagMatches.map(([l, i, subtags]) => `    {"${l}", ${i}, "${subtags.join(' ')} "},  // ${records[i].tag}`).join('\n')}
};
// clang-format on
`;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
    if (committed !== text) {
      console.error('core/src/locale_data.inc differs from what the generator writes: run node scripts/generate-locales.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(output, text);
  }
}
