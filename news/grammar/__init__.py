"""The parts old articles are made of, read by small named rules.

Each module reads one kind of fact from the normalised text of an article
(news.sources): when and where a meeting was held, the documents it was held
under, who attended in what role, the awards presented and the people elected,
the photo captions and the byline. A rule returns what it recognised with the
source line it came from, and says what it was unsure of, so that the import's
report can show an editor both (news.importer).
"""
