"""What in a page, an e-mail or a feed would make a reader's program fetch something, and from where: the URLs of
its resources (images, styles, scripts, frames, media, icons, CSS url(), a refresh), not the links a reader may
follow. The test inbox, the feed parser and the browser page check every e-mail, feed and page of the suite."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

SOURCE_ATTRIBUTES = ("src", "poster", "background", "data", "lowsrc", "dynsrc", "longdesc", "formaction")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.IGNORECASE)


def resource_urls(markup: str) -> list[str]:
    """Every URL in `markup` (HTML) that a browser or mail program would fetch by itself."""
    soup = BeautifulSoup(markup, "html.parser")
    found: list[str] = []
    for element in soup.find_all(True):
        found += [element[name] for name in SOURCE_ATTRIBUTES if element.get(name)]
        if element.get("srcset"):
            found += [part.split()[0] for part in element["srcset"].split(",") if part.strip()]
        if element.name == "link" and element.get("href"):  # style sheets, icons, preloads, manifests
            found.append(element["href"])
        if element.name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found += REFRESH_URL.findall(element.get("content") or "")
        css = (element.get("style") or "") + (element.string or "" if element.name == "style" else "")
        found += [next(url for url in match if url) for match in CSS_URL.findall(css)]
    return found


def foreign(urls: list[str], own: str) -> list[str]:
    """Those of `urls` on another host than the origin `own` ("http://127.0.0.1:5000"); data: and about: are the
    document's own."""
    base = urlsplit(own)
    return [url for url in urls if urlsplit(urljoin(own + "/", url)).scheme not in ("data", "about", "blob")
            and urlsplit(urljoin(own + "/", url))[:2] != base[:2]]
