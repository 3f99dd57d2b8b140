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
