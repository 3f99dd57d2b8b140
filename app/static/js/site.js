// Progressive enhancement only: every page works without this file.
// Moves keyboard focus to the error summary, so screen readers announce what needs correcting.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});

// Forums: a post's "Reply" and "Quote" links open the reply form right under the post. Without this, or when
// loading the form fails, the links lead to the reply page, which works on its own.
(function () {
  function renameIds(root, prefix) {
    var renamed = {};
    root.querySelectorAll("[id]").forEach(function (element) {
      renamed[element.id] = prefix + element.id;
      element.id = prefix + element.id;
    });
    root.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = renamed[label.htmlFor] || label.htmlFor;
    });
    root.querySelectorAll("[aria-describedby]").forEach(function (element) {
      var ids = element.getAttribute("aria-describedby").split(/\s+/).map(function (id) {
        return renamed[id] || id;
      });
      element.setAttribute("aria-describedby", ids.join(" "));
    });
  }

  function focusText(container) {
    var text = container.querySelector("textarea");
    if (text) {
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    }
  }

  function insertForm(link, article, html) {
    var form = new DOMParser().parseFromString(html, "text/html").querySelector("form.reply-form");
    if (!form) {
      throw new Error("no reply form");
    }
    var container = document.createElement("div");
    container.className = "inline-reply";
    container.setAttribute("data-source", link.href);
    container.appendChild(document.importNode(form, true));
    renameIds(container, "inline-" + article.id + "-");
    var cancel = container.querySelector(".js-cancel-reply");
    if (cancel) {
      cancel.hidden = false;
      cancel.addEventListener("click", function () {
        container.remove();
        link.focus();
      });
    }
    article.insertAdjacentElement("afterend", container);
    focusText(container);
  }

  function openInline(link, article) {
    var open = article.nextElementSibling;
    if (open && open.classList.contains("inline-reply")) {
      if (open.getAttribute("data-source") === link.href) {
        focusText(open);
        return;
      }
      open.remove();
    }
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("reply page unavailable");
        }
        return response.text();
      })
      .then(function (html) { insertForm(link, article, html); })
      .catch(function () { window.location.assign(link.href); });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[data-inline-reply]") : null;
    var article = link ? link.closest("article") : null;
    if (!article) {
      return;
    }
    event.preventDefault();
    openInline(link, article);
  });
}());

// Live suggestions under a text field: an element with data-similar-url, data-similar-title (the field's id) and
// data-similar-forms (the id of a container outside the form) asks the URL for a small HTML fragment about what
// was typed, 300 ms after the last keystroke, and puts its two parts in place: the list into the element (an
// aria-live region) and the forms its buttons submit into the container. Without this, the preview shows the
// same list.
(function () {
  var DELAY = 300;
  var MIN_LENGTH = 3;

  function setUp(region) {
    var field = document.getElementById(region.getAttribute("data-similar-title"));
    var forms = document.getElementById(region.getAttribute("data-similar-forms"));
    if (!field || !forms || !window.fetch || !window.DOMParser) {
      return;
    }
    var timer = null;
    var asked = field.value.trim();
    var pending = null;

    function show(html) {
      var fragment = new DOMParser().parseFromString(html, "text/html");
      var list = fragment.querySelector("[data-part='list']");
      var buttons = fragment.querySelector("[data-part='forms']");
      if (!list || !buttons) {
        return;
      }
      forms.replaceChildren.apply(forms, Array.prototype.map.call(buttons.childNodes, function (node) {
        return document.importNode(node, true);
      }));
      if (region.innerHTML.trim() !== list.innerHTML.trim()) {
        region.replaceChildren.apply(region, Array.prototype.map.call(list.childNodes, function (node) {
          return document.importNode(node, true);
        }));
      }
    }

    function ask() {
      var title = field.value.trim();
      if (title === asked) {
        return;
      }
      asked = title;
      if (pending) {
        pending.abort();
      }
      if (title.length < MIN_LENGTH) {
        show("<div data-part='list'></div><div data-part='forms'></div>");
        return;
      }
      pending = window.AbortController ? new AbortController() : null;
      var url = region.getAttribute("data-similar-url") + "?title=" + encodeURIComponent(title);
      fetch(url, { credentials: "same-origin", signal: pending ? pending.signal : undefined })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("no suggestions");
          }
          return response.text();
        })
        .then(function (html) {
          if (title === asked) {
            show(html);
          }
        })
        .catch(function () { /* suggestions are a help, not a step: the form goes on without them */ });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-similar-url]").forEach(setUp);
  });
}());
