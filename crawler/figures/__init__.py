"""The figures stage: Article -> [Mention] (company, amount, currency, qualifier, period, kind).

`keywords.match_keywords` gates articles on the investment words, `mentions.find_mentions`
finds the money figures with the Korean grammar of `korean/` (amounts, periods,
companies, subjects, kinds), and `analyze.analyze` runs text -> keywords -> mentions
for one document. Pure functions of the text and its publication date; nothing here
touches the network or the store.
"""
