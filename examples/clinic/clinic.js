// The clinic's own script: listens to the quiz's events on the placeholder.
(function () {
  var quiz = document.getElementById('clinic-quiz');
  window.quizEvents = [];
  ['ready', 'started', 'answered', 'completed', 'cta-clicked'].forEach(function (type) {
    quiz.addEventListener('quiz:' + type, function (e) {
      window.quizEvents.push({ type: type, detail: e.detail });
      if (type === 'completed') {
        var thanks = document.getElementById('quiz-thanks');
        thanks.textContent = 'Thanks for taking the quiz! You scored ' + e.detail.percent + '%.';
        thanks.hidden = false;
      }
    });
  });
})();
