"""Find the article in the pruned HTML tree and turn it into blocks.

trafilatura is the content extractor: after the DOM stage has cut the
obvious boilerplate it works on a smaller, cleaner tree, which makes it both
faster and more precise. Its text output puts one paragraph, heading or list
item per line, which is exactly our block shape, so both input kinds meet here.
When it finds nothing, the page's visible text is the fallback, and the block
stages still clean it.
"""

from __future__ import annotations

from dataclasses import dataclass

from boilerstrip.blocks import split_blocks
from boilerstrip.document import Document

STAGE = "main_content"


@dataclass(frozen=True)
class ExtractMainContent:
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.tree is None:
            return doc
        import trafilatura  # deferred: `import boilerstrip` stays light

        text = trafilatura.extract(
            doc.tree,
            url=doc.url,
            output_format="txt",
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,  # its cache would make output depend on earlier pages
        )
        if not text:
            body = doc.tree.find("body")
            text = (body if body is not None else doc.tree).text_content()
        doc.blocks = split_blocks(text)
        doc.tree = None  # the tree is spent; release it before the block stages
        return doc
