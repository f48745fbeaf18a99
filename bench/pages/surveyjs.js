// SurveyJS reference: the same bank converted to SurveyJS's JSON, as a quiz.
fetch('banks/microneedling.json').then((r) => r.json()).then((bank) => {
  const json = {
    title: bank.bank.title,
    showProgressBar: 'top',
    pages: bank.questions.map((q) => ({
      elements: [{
        type: q.kind === 'multiple' ? 'checkbox' : 'radiogroup',
        name: q.id,
        title: q.prompt,
        choices: q.choices.map((c) => ({ value: c.id, text: c.text })),
        correctAnswer: q.kind === 'multiple' ? q.choices.filter((c) => c.correct).map((c) => c.id) : q.choices.find((c) => c.correct).id,
      }],
    })),
  };
  const survey = new Survey.Model(json);
  survey.onAfterRenderSurvey.add(() => performance.mark('quiz-ready'));
  survey.render(document.getElementById('survey'));
});
