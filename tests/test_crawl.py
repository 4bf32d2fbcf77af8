"""Every public page and every download they link answers, with every report loaded: the two
founding reports and the corpus, in both languages."""

from tests.pages import public_pages


def test_every_public_page_and_download_answers_with_the_corpus_loaded(client, report_data):
    downloads = set()
    pages = public_pages(client, ["/", "/en/"], downloads)
    assert len(pages) > 100 and any(path.startswith("/en/") for path in pages)
    assert {path.split("?")[0].rsplit(".", 1)[1] for path in downloads} >= {"csv", "xlsx", "json"}
    for path in sorted(downloads):
        response = client.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content if response.streaming else [response.content])
