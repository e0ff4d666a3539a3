/* Sphinx's search drops every query word made of digits only, though its index
   has them: searching for "950" (a decision's number) found nothing. Put those
   words back into the query. Loaded, deferred, on the search page only
   (book/_ext/trim_assets.py), so it runs after searchtools.js and before the
   search starts. */
(() => {
  if (typeof Search === "undefined" || typeof splitQuery === "undefined") return;
  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parseQuery(query);
    const [, searchTerms, , highlightTerms] = parsed;
    splitQuery(query.trim())
      .filter((word) => /^\d+$/.test(word))
      .forEach((word) => {
        searchTerms.add(word);
        highlightTerms.add(word);
      });
    return parsed;
  };
})();
