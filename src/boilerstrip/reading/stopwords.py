"""Function words of the six languages the rules cover, and of Indonesian/Malay
and Dutch, two large web languages that are cheap to add.

Prose and headlines are made of them; menus, tag rows and mastheads are not
("Markets Commodities Energy Mining" has none). A small fixed list is enough
for that contrast and costs nothing to load.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """
    a about after against all also an and are as at be been before but by can could did do does for
    from had has have he her his how i if in into is it its more new no not of on or our out over
    she so than that the their them there they this to under up was we were what when which who will
    with would you your aber als am an auch auf aus bei bis das dass dem den der des die ein eine
    einem einen einer es für hat ich im in ist mit nach nicht noch nur oder sich sie sind um und vom
    von vor war wie wird zu zum zur über au aux avec ce ces dans de des du elle en est et il ils la
    le les leur mais ne nous ou par pas pour qu que qui sa se ses son sur un une été à al como con
    del el en es la las lo los más para pero por que se sin su sus un una y che da dei della delle
    di gli il in non per sono una è ao com da das de do dos em na no nos os para pela pelo por que
    se um uma é
    ada adalah akan atau bahwa bisa dalam dan dari dengan di ini itu jangan juga karena ke kita
    lebih oleh pada saat saya sebagai sudah tapi telah tidak untuk yang
    aan als bij dan dat de die een en er het hij in is met naar niet of om ook op te van voor was
    wat werd worden zijn
    """.split()  # noqa: SIM905  # a word list reads best as words
)
_WORD = re.compile(r"\w+")


# Counted as a map of the set's lookup over the words: no Python frame per word.
is_stopword = STOPWORDS.__contains__


def stopword_count(text: str) -> int:
    return sum(map(is_stopword, _WORD.findall(text.casefold())))


def stopword_density(text: str) -> float:
    words = _WORD.findall(text.casefold())
    return sum(map(is_stopword, words)) / len(words) if words else 0.0
