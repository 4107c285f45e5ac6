"""Drop the metadata fields the page's type does not carry, and take the
headline its type states.

A shop's category page, a service's landing page, a listing of cards: none
has an author or a publication date, yet they print names and dates (a
review's author, a teaser's date, "© 2025" in the footer, a JSON-LD
`datePublished` the CMS fills on every page), and the metadata stage, which
reads the page before its type is known, takes them. The page's profile
(`boilerstrip.page_types.profiles`, `metadata_off`) names the fields its
type does not carry; on a page the classifier is sure enough of, they are
dropped here, each recorded in the audit trail with the profile as its rule.

A landing page prints a slogan as its `<h1>` ("Grow faster with less
effort") and names the service in its title ("Payroll Software for Small
Teams | Brand"): for a type whose profile says so (`title_headline`), the
record's title is the stated one. It is set here, last, so that the body
stages went on dropping the printed headline's repeats from the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.document import Document
from boilerstrip.page_types.profiles import Profiles

STAGE = "profile_metadata"


@dataclass(frozen=True)
class DropProfileMetadata:
    profiles: Profiles
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        profile = self.profiles.for_page(doc.metadata)
        if profile.title_headline and doc.stated_title:
            doc.title = doc.stated_title
        for field in sorted(profile.metadata_off):
            value = doc.metadata.pop(field, None)
            if field == "author":
                doc.metadata.pop("authors", None)
            if value is not None:
                doc.note_removal(STAGE, f"profile:{profile.page_type}", f"{field}: {value}")
        return doc
