"""Chinese full-text search: the bigram tokenizer, the index, the list filter and site search."""

import pytest
from django.db import connection

from issues.models import Issue
from issues.search import filter_issues, query_phrases, reindex_issues, search_document, tokenize
from tests.factories import IssueFactory


def test_tokenizer_cuts_cjk_into_bigrams_and_keeps_latin_words():
    assert tokenize("崇川区协商议事室") == ["崇川", "川区", "区协", "协商", "商议", "议事", "事室"]
    assert tokenize("加装电梯(二期)5G基站 ＡＢＣ") == ["加装", "装电", "电梯", "二期", "5g", "基站", "abc"]
    assert tokenize("车") == ["车"]
    assert tokenize("!!! ...") == []
    assert search_document("停车位") == " 停车 车位 "
    assert query_phrases("停车位  养老") == [["停车", "车位"], ["养老"]]


@pytest.mark.django_db
def test_search_document_follows_every_save():
    issue = IssueFactory(title="崇川区协商议事室", description="")
    assert issue.search_document == search_document("崇川区协商议事室", "")
    issue.title = "老旧小区加装电梯"
    issue.save()
    issue.refresh_from_db()
    assert "电梯" in issue.search_document and "议事" not in issue.search_document


@pytest.mark.django_db
def test_reindex_fills_documents_of_bulk_created_issues():
    template = IssueFactory()
    Issue.objects.bulk_create(
        [
            Issue(
                title="养老服务中心建设",
                category=template.category,
                room=template.room,
                reported_on=template.reported_on,
            )
        ]
    )
    assert Issue.objects.filter(search_document="").count() == 1
    assert reindex_issues() == 1
    assert filter_issues(Issue.objects.all(), "养老").get().title == "养老服务中心建设"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("议事", {"崇川区协商议事室门前停车"}),  # a word inside one long run of characters
        ("停车", {"崇川区协商议事室门前停车", "小区停车位不足"}),
        ("停车位", {"小区停车位不足"}),
        ("停车 议事", {"崇川区协商议事室门前停车"}),  # every term must match
        ("养老", {"社区养老助餐"}),
        ("助餐点", set()),  # the whole phrase must appear, not just its bigrams somewhere
        ("门", {"崇川区协商议事室门前停车"}),  # one character: plain substring match
        ("电梯", {"Elevator 电梯 加装"}),
        ("ELEVATOR", {"Elevator 电梯 加装"}),
        ("   ", {"崇川区协商议事室门前停车", "小区停车位不足", "社区养老助餐", "Elevator 电梯 加装", "无关"}),
        ("!!!", set()),
        ("'; DROP TABLE issues_issue; --", set()),
        ("停车 & | ! <-> :*", {"崇川区协商议事室门前停车", "小区停车位不足"}),  # operators are just punctuation
    ],
)
def test_filter_issues_finds_chinese_words(query, expected):
    for title in ("崇川区协商议事室门前停车", "小区停车位不足", "社区养老助餐", "Elevator 电梯 加装"):
        IssueFactory(title=title, description="")
    IssueFactory(title="无关", description="描述里提到助餐,也提到点位")
    found = {issue.title for issue in filter_issues(Issue.objects.all(), query)}
    assert found == expected


@pytest.mark.django_db
def test_postgresql_uses_the_gin_index():
    if connection.vendor != "postgresql":
        pytest.skip("the tsvector column and its GIN index exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'issue_search_vector_gin'")
        assert "gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SET enable_seqscan = off")
        # Without the list's ordering, which an ordering index could serve with a filter instead.
        sql, params = filter_issues(Issue.objects.all(), "停车").order_by().query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "issue_search_vector_gin" in plan
