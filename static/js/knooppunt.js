/* Knooppunt: small progressive enhancements. Every page works without this
 * file; the Content-Security-Policy forbids inline scripts, so behaviour is
 * attached here through data attributes. */
(function () {
  "use strict";

  // Ask before submitting a form marked with data-confirm="Question?".
  // A submit button may carry its own data-confirm (e.g. only "Verwijderen").
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Links marked with data-confirm (rare; destructive actions use forms).
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-confirm]") : null;
    if (link && !window.confirm(link.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  function onReady(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  onReady(function () {
    // After a failed submit, move focus to the error summary so screen
    // reader and keyboard users hear what went wrong first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }

    // Quick-find results in the header: Escape closes them.
    var results = document.getElementById("header-results");
    var input = document.getElementById("header-q");
    if (results && input) {
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && results.innerHTML.trim() !== "") {
          results.innerHTML = "";
          input.focus();
        }
      });
      document.addEventListener("click", function (event) {
        if (!event.target.closest(".header-search")) {
          results.innerHTML = "";
        }
      });
    }
  });
})();
