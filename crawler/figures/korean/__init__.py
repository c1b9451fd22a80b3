"""Korean money-figure grammar: amounts, periods and company names, as pure functions.

The vocabularies (units, currencies, qualifier words, period words, company aliases)
live in crawler/data/*.toml and are loaded once by `crawler.figures.korean.vocab.load_vocab`.
"""
