"""FrontCMS: the project package and the shared CMS core (pages, menus, site settings, text)."""
