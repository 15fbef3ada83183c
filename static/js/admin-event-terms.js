/* Event form: the term list follows the organiser. When the organiser changes (typed and picked in
   the autocomplete, or cleared), the terms of the new organiser are fetched from the admin
   (EventAdmin.term_choices_view, scoped like the form) and replace the options; a term that still
   fits stays chosen. Without this script the server shows the saved organiser's terms and refuses
   a term of another organiser with a message that says why. Loaded by EventAdmin.Media. */
;(() => {
  "use strict"

  function replaceOptions(select, results) {
    const chosen = select.value
    const empty = select.querySelector("option[value='']")
    select.replaceChildren(...(empty ? [empty] : []))
    for (const term of results) {
      select.append(new Option(term.text, term.id, false, term.id === chosen))
    }
    if (select.value !== chosen) {
      // Let the admin's "change" link next to the list (RelatedObjectLookups) follow the new value.
      select.dispatchEvent(new Event("change", { bubbles: true }))
    }
  }

  function follow(select) {
    const organizer = select.form && select.form.elements.namedItem(select.dataset.organizerField)
    if (!organizer) {
      return
    }
    let latest = 0
    let shownFor = organizer.value

    async function reload() {
      if (organizer.value === shownFor) {
        return
      }
      shownFor = organizer.value
      const request = ++latest
      if (!organizer.value) {
        replaceOptions(select, [])
        return
      }
      select.setAttribute("aria-busy", "true")
      try {
        const url = new URL(select.dataset.termsUrl, window.location.href)
        url.searchParams.set("organization", organizer.value)
        const response = await fetch(url, { headers: { Accept: "application/json" } })
        const data = response.ok ? await response.json() : { results: [] }
        if (request === latest) {
          replaceOptions(select, data.results)
        }
      } finally {
        if (request === latest) {
          select.removeAttribute("aria-busy")
        }
      }
    }

    // select2 (the organiser's autocomplete) announces a choice through jQuery only; jQuery's
    // handlers also receive the browser's own change events.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(organizer).on("change", reload)
    } else {
      organizer.addEventListener("change", reload)
    }
  }

  function start() {
    document.querySelectorAll("select[data-terms-url][data-organizer-field]").forEach(follow)
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
