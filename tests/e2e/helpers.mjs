import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

/** A compiled bank from dist/: the answer key the tests check the page against. */
export const loadBank = (name) => JSON.parse(readFileSync(`dist/banks/${name}.json`, 'utf8'));

/** The default bank (compiled into the app). */
export const bank = loadBank('microneedling');
export const frenchBank = loadBank('microneedling.fr');

/** How many questions a visit asks: the bank's draw, or all of them. */
export const perVisit = (b = bank) => Math.min(b.bank.draw ?? b.questions.length, b.questions.length);

export function questionByPrompt(prompt, from = bank) {
  const q = from.questions.find((x) => x.prompt === prompt.trim());
  if (!q) throw new Error(`no question with prompt ${prompt}`);
  return q;
}

/** Reads the visible question and returns it from the bank. */
export async function currentQuestion(page, from = bank) {
  const legend = page.locator('fieldset legend');
  await expect(legend).toBeVisible();
  return questionByPrompt(await legend.innerText(), from);
}

/** Chooses answers by their label, as a person would. */
export async function choose(page, q, ids) {
  for (const id of ids) {
    const c = q.choices.find((x) => x.id === id);
    const control = q.kind === 'multiple'
      ? page.getByRole('checkbox', { name: c.text, exact: true })
      : page.getByRole('radio', { name: c.text, exact: true });
    await control.check();
  }
}

export const correctIds = (q) => q.choices.filter((c) => c.correct).map((c) => c.id);
export const wrongId = (q) => q.choices.find((c) => !c.correct).id;

export async function start(page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByRole('heading', { name: /^Question 1 of \d+$/ })).toBeVisible();
}
