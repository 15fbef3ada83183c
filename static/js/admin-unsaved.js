/* Staff who leave an admin form with changes they have not saved (a link in the menu, the
 * "Thêm báo cáo" button, the browser's back button) are asked first, by the browser's own
 * "Leave site?" dialog; saving, deleting or any other button of the form leaves without asking.
 *
 * A form counts as changed once one of its fields is edited (typing, choosing, ticking, adding an
 * inline row), once a rich-text editor's content differs from what it loaded (CKEditor's
 * checkDirty), and from the start when the page shows the form again with errors: what it holds
 * was never saved. Only change and add forms (Django gives them the id `<model>_form`) are watched,
 * not the list's action form.
 */
;(function () {
  "use strict"

  var form = document.querySelector('#content-main form[id$="_form"][method="post" i]')
  if (!form) return

  var changed = form.querySelector(".errornote, .errorlist") !== null
  var leaving = false

  function markChanged(event) {
    // Django's own widgets fire events that are not edits (the related-object links' focus).
    if (event.target && event.target.closest && event.target.closest(".related-widget-wrapper-link")) return
    changed = true
  }

  function editorsChanged() {
    if (typeof CKEDITOR === "undefined" || !CKEDITOR.instances) return false
    return Object.keys(CKEDITOR.instances).some(function (name) {
      var editor = CKEDITOR.instances[name]
      return editor.element && form.contains(editor.element.$) && editor.checkDirty()
    })
  }

  form.addEventListener("input", markChanged)
  form.addEventListener("change", markChanged)
  // "Thêm một … khác" adds an inline row; removing one ("×") is a change too.
  document.addEventListener("formset:added", function () { changed = true })
  document.addEventListener("formset:removed", function () { changed = true })
  form.addEventListener("submit", function () { leaving = true })

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !(changed || editorsChanged())) return
    event.preventDefault()
    event.returnValue = "" // older Chromium needs a value to show the dialog
  })
})()
