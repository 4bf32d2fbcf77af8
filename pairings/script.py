"""Chinese script: reports come in simplified and in traditional script (閔行 for 闵行, 西雙版納
for 西双版纳), and a reader types either. OpenCC's dictionaries convert between them, phrase by
phrase; what is stored (names, excerpts) stays as it was printed, only comparisons convert."""

import opencc

_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_TO_TRADITIONAL = opencc.OpenCC("s2t")


def simplified(text):
    """Return the text in simplified script: 閔行 → 闵行; simplified text is unchanged."""
    return _TO_SIMPLIFIED.convert(text)


def spellings(term):
    """Return the term as typed and in each script, distinct: what a search of stored text,
    printed in either script, must look for."""
    return list(dict.fromkeys([term, simplified(term), _TO_TRADITIONAL.convert(term)]))
