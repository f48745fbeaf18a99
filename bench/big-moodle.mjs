// A large Moodle XML export, written as Moodle 4 writes one (HTML question
// text in CDATA, nested categories, the usual per-question settings), for the
// studio benchmark (bench/studio.mjs) and the large-bank browser test.
//   node bench/big-moodle.mjs [questions=3000] [out=target/big-3000.moodle.xml]
// Deterministic: the same count gives the same file. About 1.1 KB of XML per
// question (3,000 questions: about 3.4 MB), texts of ordinary length
// (prompts of 10 to 20 words, four choices, feedback on the wrong ones, a
// general feedback of two sentences), every question's words its own so that
// no two questions look alike. One question in 50 is a short-answer question,
// which the import leaves out and reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The categories and their share of the questions (nested, as courses have them). */
export const CATEGORIES = [
  ['Basics', 4], ['Basics/How it works', 3], ['Skin types', 2], ['Devices', 3], ['Devices/Needle depth', 2],
  ['Preparation', 2], ['Aftercare', 4], ['Aftercare/Risks', 3], ['Aftercare/Sun', 2], ['Contraindications', 3],
  ['Combined treatments', 2], ['Evidence', 2],
];
const COURSE = '$course$/top/Default for Dermatology 201';

/** SplitMix-like 32-bit generator: the same words for the same seed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ner', 'ta', 'vos', 'pri', 'del', 'sun', 'ro', 'bel', 'ti', 'gam', 'po', 'dre', 'lin',
  'sa', 'mor', 've', 'qui', 'tan', 'ho', 'fer', 'zu', 'cal', 'ni', 'bro', 'pel', 'ur', 'dax'];
const word = (r) => Array.from({ length: 2 + Math.floor(r() * 2) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
const words = (r, n) => Array.from({ length: n }, () => word(r)).join(' ');
const sentence = (r, n) => { const w = words(r, n); return w[0].toUpperCase() + w.slice(1); };
const escapeCdata = (s) => s.replaceAll(']]>', ']]]]><![CDATA[>');

function multichoice(i, r) {
  const name = `${sentence(r, 3)} ${i + 1}`;
  const prompt = `<p dir="ltr" style="text-align: left;">${sentence(r, 10 + Math.floor(r() * 10))}?</p>`;
  const general = `<p>${sentence(r, 12)}.</p><p>${sentence(r, 8)}.</p>`;
  const right = Math.floor(r() * 4);
  const answers = [0, 1, 2, 3].map((j) => `    <answer fraction="${j === right ? 100 : 0}" format="html">
      <text><![CDATA[<p>${sentence(r, 3 + Math.floor(r() * 4))}</p>]]></text>
      <feedback format="html">
        <text>${j === right ? '' : `<![CDATA[<p>${sentence(r, 6)}.</p>]]>`}</text>
      </feedback>
    </answer>
`).join('');
  return `<!-- question: ${1000 + i}  -->
  <question type="multichoice">
    <name>
      <text>${name}</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[${escapeCdata(prompt)}]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[${escapeCdata(general)}]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <showstandardinstruction>0</showstandardinstruction>
    <correctfeedback format="html">
      <text>Your answer is correct.</text>
    </correctfeedback>
    <partiallycorrectfeedback format="html">
      <text>Your answer is partially correct.</text>
    </partiallycorrectfeedback>
    <incorrectfeedback format="html">
      <text>Your answer is incorrect.</text>
    </incorrectfeedback>
    <shownumcorrect/>
${answers}  </question>

`;
}

function shortanswer(i, r) {
  return `<!-- question: ${1000 + i}  -->
  <question type="shortanswer">
    <name>
      <text>Short ${i + 1}</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>${sentence(r, 8)}?</p>]]></text>
    </questiontext>
    <defaultgrade>1.0000000</defaultgrade>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>${word(r)}</text>
    </answer>
  </question>

`;
}

/**
 * A Moodle XML export of `n` questions the quiz can take (plus one
 * short-answer question in 50, which it cannot), spread over CATEGORIES.
 * Returns the XML and the number of importable questions per category path.
 */
export function bigMoodleXml(n) {
  const total = CATEGORIES.reduce((a, [, w]) => a + w, 0);
  let made = 0;
  const counts = {};
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'];
  CATEGORIES.forEach(([path, weight], c) => {
    const share = c === CATEGORIES.length - 1 ? n - made : Math.round((n * weight) / total);
    counts[path] = share;
    parts.push(`<!-- question: 0  -->
  <question type="category">
    <category>
      <text>${COURSE}/${path}</text>
    </category>
    <info format="moodle_auto_format">
      <text></text>
    </info>
    <idnumber></idnumber>
  </question>

`);
    for (let k = 0; k < share; k++) {
      const i = made + k;
      const r = rng(i + 1);
      parts.push(multichoice(i, r));
      if (i % 50 === 49) parts.push(shortanswer(i, r));
    }
    made += share;
  });
  parts.push('</quiz>\n');
  return { xml: parts.join(''), counts };
}

/**
 * The compiled bank (the JSON a quiz page loads) of the same `n` questions
 * as bigMoodleXml, once imported and finished: a source cited by every
 * question, a disclaimer. For the quiz page's pipeline benchmark.
 */
export function ordinaryBank(n) {
  const questions = [];
  const total = CATEGORIES.reduce((a, [, w]) => a + w, 0);
  let made = 0;
  CATEGORIES.forEach(([, weight], c) => {
    const share = c === CATEGORIES.length - 1 ? n - made : Math.round((n * weight) / total);
    for (let k = 0; k < share; k++) {
      const i = made + k;
      const r = rng(i + 1);
      const name = `${sentence(r, 3)} ${i + 1}`;
      const prompt = `${sentence(r, 10 + Math.floor(r() * 10))}?`;
      const explanation = `${sentence(r, 12)}.\n\n${sentence(r, 8)}.`;
      const right = Math.floor(r() * 4);
      const choices = [0, 1, 2, 3].map((j) => {
        const text = sentence(r, 3 + Math.floor(r() * 4));
        const choice = { id: 'abcd'[j], text, correct: j === right };
        if (j !== right) choice.feedback = `${sentence(r, 6)}.`;
        return choice;
      });
      questions.push({
        id: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, topic: `c${c}`, kind: 'single', prompt, choices,
        explanation, cites: [{ source: 'leaflet', locator: 'Aftercare' }], points: 1,
      });
    }
    made += share;
  });
  return {
    format: 1,
    bank: {
      id: `ordinary-${n}`, title: 'Dermatology 201', language: 'en', version: '1', description: 'An imported course bank.',
      pass_mark: 70, disclaimer: 'Education only, not medical advice.', scoring: 'partial', shuffle: true,
    },
    sources: [{ id: 'leaflet', title: 'Aftercare leaflet', authors: ['The clinic'], publisher: 'The clinic', date: '2026', url: 'https://example.org/leaflet' }],
    topics: CATEGORIES.map(([path], c) => ({ id: `c${c}`, label: path.replace('/', ' › ') })),
    questions,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 3000);
  const out = process.argv[3] ?? `target/big-${n}.moodle.xml`;
  const { xml, counts } = bigMoodleXml(n);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, xml);
  console.log(`${out}: ${n} questions, ${(xml.length / 1024 / 1024).toFixed(2)} MB`, counts);
}
