"""Page types: what kind of page this is (article, forum, product, collection,
listing, documentation, service), guessed from structural evidence.

`html_features` and `text_features` turn a page into named numbers; `model`
reads the weights (`weights.json`) and makes the guess. The stage that
writes `metadata.page_type` is `boilerstrip.stages.page_type`; how the
classifier was trained and what it scores is in `docs/page-types.md`.
"""
