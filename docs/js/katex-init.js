// Typeset every formula that pymdownx.arithmatex marked (class "arithmatex"), with the
// KaTeX copy served from this site (docs/vendor/katex, built from the npm registry).
(function () {
  function typeset() {
    var nodes = document.querySelectorAll(".arithmatex");
    for (var i = 0; i < nodes.length; i++) {
      renderMathInElement(nodes[i], {
        delimiters: [
          { left: "\\[", right: "\\]", display: true },
          { left: "\\(", right: "\\)", display: false }
        ],
        throwOnError: false
      });
    }
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(typeset);  // mkdocs-material instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", typeset);
  }
})();
