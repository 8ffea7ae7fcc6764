// List cells of entraide rows: add and remove items one by one. Without this script the
// form still works: the empty input at the end adds an item, clearing an input removes it.
document.querySelectorAll("[data-item-list]").forEach(function (list) {
  var items = list.querySelector("[data-items]");
  var max = parseInt(list.dataset.maxItems, 10);
  function refresh() {
    list.querySelector("[data-add-item]").disabled = items.children.length >= max;
  }
  items.addEventListener("click", function (event) {
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
    refresh();
  });
  list.querySelector("[data-add-item]").addEventListener("click", function () {
    var last = items.lastElementChild;
    var copy = last.cloneNode(true);
    var input = copy.querySelector("input");
    input.value = "";
    input.removeAttribute("id");
    items.appendChild(copy);
    input.focus();
    refresh();
  });
  refresh();
});
