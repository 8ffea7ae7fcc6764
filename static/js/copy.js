// « Copier » beside an address: copies the field named by data-copy. Without this script
// the address stays selectable in its field.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  button.hidden = !navigator.clipboard;
  button.addEventListener("click", function () {
    var field = document.getElementById(button.dataset.copy);
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = button.dataset.copied;
    });
  });
});
