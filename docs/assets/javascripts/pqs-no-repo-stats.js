/* Material asks api.github.com for a GitHub repository's stars and forks on every page. The site loads
 * nothing from another host, so this unhooks that before the theme's script runs (overrides/main.html
 * loads it just before the theme's bundle); the link to the repository stays. A file, not an inline
 * script, so the Content-Security-Policy needs no exception for it. */
document.querySelectorAll("[data-md-component=source]").forEach(function (el) { el.removeAttribute("data-md-component"); });
