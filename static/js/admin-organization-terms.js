/* A term list that follows its organisation (an event's organiser, a membership's organisation;
   committees/term_picking.py). When the organisation changes (typed and picked in the
   autocomplete, or cleared), the terms of the new one are fetched from the admin (the
   `<app>_<model>_terms` view, scoped like the form) and replace the options; a term that still
   fits stays chosen. In an inline row the list follows the row's own organisation, rows added with
   "Thêm …" included. Without this script the server shows the saved organisation's terms and
   refuses a term of another organisation with a message that says why. Loaded by the admins'
   media (OrganizationTermsAdminMixin). */
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
    // "term" in a main form, "memberships-3-term" in an inline row: the organisation field of the
    // same row has the same prefix.
    const prefix = select.name.slice(0, select.name.lastIndexOf("-") + 1)
    const organizer = select.form && select.form.elements.namedItem(prefix + select.dataset.organizerField)
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

  const LISTS = "select[data-terms-url][data-organizer-field]"

  function start() {
    // Not the hidden template of an inline's new rows: the admin copies it with its jQuery
    // handlers, which would then update the template's list, not the new row's.
    document.querySelectorAll(LISTS).forEach((select) => {
      if (!select.name.includes("__prefix__")) {
        follow(select)
      }
    })
    document.addEventListener("formset:added", (event) => {
      event.target.querySelectorAll(LISTS).forEach(follow)
    })
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
