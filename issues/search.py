"""Full-text search over issues that finds Chinese words.

PostgreSQL's parsers do not segment Chinese (under `simple`, 崇川区协商议事室 is one token), and
pg_trgm cannot use its index for two-character words such as 停车 or 养老. So each issue keeps a
*search document*: its title and description cut into overlapping character bigrams, the model
of Lucene's CJK analyzer (崇川区协商 -> 崇川 川区 区协 协商), with Latin words and numbers kept
whole. On PostgreSQL a generated `tsvector` column over that document carries a GIN index
(migration 0002_search_document); the query goes through the same tokenizer and becomes a phrase
query, so 议事 finds 崇川区协商议事室 and 停车位 does not match 停车……车位 far apart.

On SQLite the fallback looks for the query's bigram phrase as a substring of the document.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.db.models.signals import pre_save

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
TOKEN_RE = re.compile(rf"[{CJK_RANGES}]+|[0-9a-z]+")
CJK_RE = re.compile(rf"[{CJK_RANGES}]")
MAX_QUERY_TERMS = 8


def _normalise(text):
    # NFKC turns full-width letters and digits (ＡＢＣ１２３) into ASCII before lower-casing.
    return unicodedata.normalize("NFKC", text or "").lower()


def tokenize(text):
    """The tokens of `text`: CJK runs as overlapping bigrams (a lone character as itself),
    runs of Latin letters and digits as whole words. Punctuation and spaces separate runs."""
    tokens = []
    for run in TOKEN_RE.findall(_normalise(text)):
        if CJK_RE.match(run) and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def search_document(*texts):
    """The stored document: every token separated by one space, with a space at each end so
    that a substring match on the SQLite fallback never cuts a token in half."""
    tokens = []
    for text in texts:
        tokens.extend(tokenize(text))
    return f" {' '.join(tokens)} " if tokens else ""


def issue_document(issue):
    return search_document(issue.title, issue.description)


def query_phrases(query):
    """The query's terms (split on white space), each as its list of tokens; empty ones dropped."""
    phrases = []
    for term in _normalise(query).split()[:MAX_QUERY_TERMS]:
        tokens = tokenize(term)
        if tokens:
            phrases.append(tokens)
    return phrases


def _tsquery(phrases):
    """A to_tsquery() string: the tokens of one term joined as a phrase (<->), terms with &."""

    def quote(token):
        return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"

    return " & ".join("(" + " <-> ".join(quote(token) for token in tokens) + ")" for tokens in phrases)


def filter_issues(queryset, query):
    """Issues of `queryset` whose title or description contains every term of `query`.

    A term of one CJK character cannot be found among bigrams, so it is matched with a plain
    substring search; everything else goes through the index (PostgreSQL) or the document.
    """
    phrases = query_phrases(query)
    if not phrases:
        return queryset.none() if (query or "").strip() else queryset
    indexed = []
    for tokens in phrases:
        if len(tokens) == 1 and len(tokens[0]) == 1 and CJK_RE.match(tokens[0]):
            queryset = queryset.filter(Q(title__contains=tokens[0]) | Q(description__contains=tokens[0]))
        else:
            indexed.append(tokens)
    if not indexed:
        return queryset
    if connection.vendor == "postgresql":
        match = RawSQL(
            '"issues_issue"."search_vector" @@ to_tsquery(\'simple\', %s)',
            [_tsquery(indexed)],
            output_field=BooleanField(),
        )
        return queryset.alias(search_match=match).filter(search_match=True)
    for tokens in indexed:
        queryset = queryset.filter(search_document__contains=f" {' '.join(tokens)} ")
    return queryset


def reindex_issues(queryset=None, batch_size=1000):
    """Recompute the search document of `queryset` (default: the issues that have none).

    Writes that bypass `save()` (bulk_create in the demo loader or an import) call this.
    """
    from .models import Issue

    if queryset is None:
        queryset = Issue.objects.filter(search_document="")
    changed = []
    for issue in queryset.only("pk", "title", "description", "search_document").iterator(chunk_size=batch_size):
        document = issue_document(issue)
        if document != issue.search_document:
            issue.search_document = document
            changed.append(issue)
    Issue.objects.bulk_update(changed, ["search_document"], batch_size=batch_size)
    return len(changed)


def _fill_document(sender, instance, **kwargs):
    instance.search_document = issue_document(instance)


def connect():
    from .models import Issue

    pre_save.connect(_fill_document, sender=Issue, dispatch_uid="issue-search-document")
