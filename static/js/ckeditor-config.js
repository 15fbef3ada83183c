/* FrontCMS settings for CKEditor 4 that the JSON config from Django cannot carry (its customConfig).
 *
 * - Dialog labels come from Django's catalogue (config.frontcmsLang, set by frontcms/richtext.py):
 *   the bundled Vietnamese calls the image's alt text "Chú thích ảnh" (caption) and leaves some
 *   link-dialog and format-list labels in English.
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
      // In place: some plugins (the format list) keep the object they read at init and read their
      // labels from it later. The bundled entries are shared by every editor on the page, and
      // every editor on the site gets the same labels (frontcms.richtext.editor_config).
      if (editor.lang[plugin]) {
        CKEDITOR.tools.extend(editor.lang[plugin], overrides[plugin], true)
      }
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
