/* CKEditor 4 sends its uploads (the image dialog's upload tab and dropped files) with a token
   field of its own, "ckCsrfToken", taken from CKEDITOR.tools.getCsrfToken(). Hand it Django's CSRF
   token from the admin form instead; frontcms/upload_urls.py checks it as Django's. Loaded after
   ckeditor.js by the rich-text widget (frontcms.richtext). */
;(() => {
  function djangoToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]")
    return field ? field.value : ""
  }

  function handOver() {
    if (!window.CKEDITOR || !window.CKEDITOR.tools) {
      return false
    }
    window.CKEDITOR.tools.getCsrfToken = djangoToken
    return true
  }

  if (!handOver()) {
    document.addEventListener("DOMContentLoaded", handOver)
  }
})()
