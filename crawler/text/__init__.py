"""The text stage: page bytes or saved text -> Article (title, date, author, body paragraphs).

`extract.extract_article` is the entry point and the only trafilatura importer;
`boilerplate` is the Korean filter for what trafilatura leaves (share bars, bylines,
related-article lists), `pagemeta` reads titles, dates and authors from meta tags,
JSON-LD and bylines, `siterules` reads known CMS layouts from their article container,
and `fallback` (with `blocks`) reads pages trafilatura cannot: JSON-LD articleBody,
embedded JSON state, or the block of the most Korean prose; `alternates` finds the AMP or
print version a page links and reads it as the page (the crawl fetches it). Nothing here
knows about money figures, the network or the store.
"""
