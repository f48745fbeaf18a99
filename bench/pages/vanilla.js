// Vanilla JS reference: fetch the same JSON bank, show its first question.
fetch('banks/microneedling.json').then((r) => r.json()).then((bank) => {
  const app = document.getElementById('app');
  const h1 = document.createElement('h1');
  h1.textContent = bank.bank.title;
  const q = bank.questions[0];
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = q.prompt;
  fieldset.append(legend);
  for (const c of q.choices) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = q.kind === 'multiple' ? 'checkbox' : 'radio';
    input.name = q.id;
    label.append(input, ' ', c.text, document.createElement('br'));
    fieldset.append(label);
  }
  const button = document.createElement('button');
  button.textContent = 'Check answer';
  app.append(h1, fieldset, button);
  performance.mark('quiz-ready');
});
