"""A page's URL as a record states it: absolute, normalised, without trackers.

Pages declare their canonical URL in every form (`/news/a-story`,
`//example.com/a`, `https://Example.com:443/a?utm_source=feed`), and the
URLs a crawl hands over carry the tracking parameters of the link that was
followed. A record holds neither: the URL is resolved against the page's
own address when relative, then cleaned by courlan (trafilatura's URL
library: lower-case scheme and host, default port dropped, query sorted,
tracking parameters such as `utm_*`, `fbclid` and `ref` removed). What is no
web address after that (`javascript:`, `mailto:`, a bare path with nothing
to resolve it against) is no URL at all.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def page_url(url: str | None, base: str | None = None) -> str | None:
    """`url` made absolute against `base` (when it is relative and there is
    one) and cleaned; None when it is no http(s) address."""
    # Deferred: courlan costs a noticeable part of a second to import, and
    # only a page with a URL needs it (trafilatura loads it too, later).
    from courlan import clean_url, is_valid_url

    if not url or not url.strip():
        return None
    try:
        absolute = urljoin(base, url.strip()) if base else url.strip()
        cleaned = clean_url(absolute)
    except ValueError:  # `http://[::1/`: no address can be read from it
        return None
    return cleaned if cleaned is not None and is_valid_url(cleaned) else None


def page_host(url: str | None) -> str | None:
    """The URL's host, lower-case, without a leading `www.`; None when there is none."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    except ValueError:  # `http://[::1/`: no host can be read from it
        return None
    return host.removeprefix("www.") or None
