// List cells of entraide rows: add and remove items one by one, or paste several lines
// into a box to make one item a line. Listeners sit on the document, so that a row's form
// fetched into the plan page (htmx) works as its own page does. Without this script the
// form still works: the empty input at the end adds an item, clearing an input removes it.
(function () {
  function refresh(list) {
    var items = list.querySelector("[data-items]");
    var max = parseInt(list.dataset.maxItems, 10);
    list.querySelector("[data-add-item]").disabled = items.children.length >= max;
  }

  function refreshAll(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("[data-item-list]").forEach(refresh);
  }

  // A new empty item after `item` (a copy without its value or id); its input.
  function addAfter(list, item) {
    var copy = item.cloneNode(true);
    var input = copy.querySelector("input");
    input.value = "";
    input.removeAttribute("id");
    item.after(copy);
    refresh(list);
    return input;
  }

  document.addEventListener("click", function (event) {
    var list = event.target.closest("[data-item-list]");
    if (!list) return;
    var items = list.querySelector("[data-items]");
    if (event.target.closest("[data-add-item]")) {
      addAfter(list, items.lastElementChild).focus();
      return;
    }
    var button = event.target.closest("[data-remove-item]");
    if (!button) return;
    var item = button.closest("li");
    if (items.children.length > 1) {
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      next.querySelector("input").focus();
    } else {
      item.querySelector("input").value = "";
    }
    refresh(list);
  });

  // Several lines pasted into one box: one item a line (a leading "- " or "• " dropped).
  document.addEventListener("paste", function (event) {
    var input = event.target;
    var list = input.closest && input.closest("[data-item-list]");
    var text = event.clipboardData && event.clipboardData.getData("text");
    if (!list || !text || text.indexOf("\n") < 0) return;
    var lines = text.split(/\r?\n/).map(function (line) {
      return line.replace(/^\s*[-•]\s+/, "").trim();
    }).filter(Boolean);
    if (!lines.length) return;
    event.preventDefault();
    var max = parseInt(list.dataset.maxItems, 10);
    var items = list.querySelector("[data-items]");
    input.value = lines.shift();
    var item = input.closest("li");
    lines.forEach(function (line) {
      if (items.children.length >= max) return;
      var next = addAfter(list, item);
      next.value = line;
      item = next.closest("li");
    });
    item.querySelector("input").focus();
  });

  document.addEventListener("htmx:load", function (event) { refreshAll(event.target); });
  refreshAll(document);
})();
