/* FrontCMS settings for CKEditor 4 that the JSON config from Django cannot carry (its customConfig).
 *
 * - Dialog labels come from Django's catalogue (config.frontcmsLang, set by frontcms/richtext.py):
 *   the bundled Vietnamese calls the image's alt text "Chú thích ảnh" (caption) and leaves some
 *   link-dialog labels in English.
 * - The editor writes void elements the way the server's sanitiser stores them (<img ...>, not
 *   <img ... />), so a value read back from the database and saved again is byte-for-byte the same.
 * - The link dialog offers only protocols the server keeps (no ftp:// or news://).
 */
/* global CKEDITOR */
CKEDITOR.editorConfig = function () {
  // CKEditor calls this with the editor as `this`; a `config.on` set here would be ignored.
  var editor = this
  editor.on("pluginsLoaded", function () {
    var overrides = editor.config.frontcmsLang || {}
    Object.keys(overrides).forEach(function (plugin) {
      if (!editor.lang[plugin]) return
      if (plugin === "format") {
        // The format list keeps the object it read at init and reads its labels from it when it
        // opens: change that object (shared by every editor on the page, which all say the same).
        CKEDITOR.tools.extend(editor.lang.format, overrides.format, true)
        return
      }
      // A copy: the bundled entries are shared by every editor on the page.
      editor.lang[plugin] = CKEDITOR.tools.extend({}, editor.lang[plugin], overrides[plugin], true)
    })
  })
  editor.on("instanceReady", function () {
    editor.dataProcessor.writer.selfClosingEnd = ">"
  })
}

CKEDITOR.on("dialogDefinition", function (event) {
  if (event.data.name !== "link") return
  var protocol = event.data.definition.getContents("info").get("protocol")
  if (protocol) {
    protocol.items = protocol.items.filter(function (item) {
      return item[1] !== "ftp://" && item[1] !== "news://"
    })
  }
})
