// Public forms: after a refused submission, move the focus to the error summary (WCAG 3.3.1) so that screen
// readers announce it. A file, not an inline script, for the Content-Security-Policy.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
