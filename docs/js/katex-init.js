// Typeset every formula that pymdownx.arithmatex marked (class "arithmatex", generic mode:
// inline "\(...\)", display "\[...\]"), with the KaTeX copy served from this site
// (docs/vendor/katex, from the npm registry at build time; no CDN).
//
// Formulas are typeset strictly first. A formula KaTeX cannot typeset (a syntax error or an
// unknown command) is still shown as well as KaTeX can, but it is reported on the console
// and its element gets the class "katex-error", so tests/test_docs_browser.py fails on it
// instead of a reader meeting a silently half-rendered formula.
(function () {
  "use strict";
  var DISPLAY = /^\\\[([\s\S]*)\\\]$/;
  var INLINE = /^\\\(([\s\S]*)\\\)$/;

  function typesetOne(node) {
    if (node.querySelector(".katex")) {
      return; // already typeset (instant navigation may replay)
    }
    var source = node.textContent.trim();
    var display = true;
    var match = DISPLAY.exec(source);
    if (!match) {
      display = false;
      match = INLINE.exec(source);
    }
    if (!match) {
      node.classList.add("katex-error");
      console.error("activity_scores docs: formula without delimiters: " + source);
      return;
    }
    var tex = match[1];
    try {
      katex.render(tex, node, { displayMode: display, throwOnError: true });
    } catch (err) {
      console.error("activity_scores docs: KaTeX cannot typeset " + JSON.stringify(tex) +
        ": " + (err && err.message ? err.message : err));
      katex.render(tex, node, { displayMode: display, throwOnError: false });
      node.classList.add("katex-error");
    }
  }

  function typeset() {
    var nodes = document.querySelectorAll(".arithmatex");
    for (var i = 0; i < nodes.length; i++) {
      typesetOne(nodes[i]);
    }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(typeset); // mkdocs-material (also with instant navigation)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", typeset);
  } else {
    typeset();
  }
})();
