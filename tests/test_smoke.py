def test_the_overview_lists_every_pairing_with_a_link(client, report_data):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "嘉定区 ⇄ 楚雄彝族自治州" in page
    assert "黄浦区 ⇄ 西盟佤族自治县" in page
    assert page.count('href="/pairings/') == 12
