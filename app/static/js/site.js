// Progressive enhancement only: every page works without this file.
// Moves keyboard focus to the error summary, so screen readers announce what needs correcting.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
