"""Admin friction, as an editor (never a superuser) meets it entering a report: adding a
pairing, figures that take their event's report, a part typed beside its whole, an event with
no Shanghai side, figures imported with their events, and finishing a just-imported event
without a change reason."""

from pairings.models import Pairing, Report

REPORT_000 = "000_b619cccd90127e23.txt"
# Report 000: 松江区's job fair in four counties of 昭通市, 彝良县 among them.
SONGJIANG_EXCERPT = "赴云南省昭通市昭阳区、彝良县、镇雄县、威信县开展劳务协作专场招聘会"


def test_an_editor_adds_a_pairing_and_its_page_shows_it(editor_client):
    report = Report.objects.get(file_name=REPORT_000)
    response = editor_client.post(
        "/admin/pairings/pairing/add/",
        {
            "shanghai": "310117",  # 松江区
            "yunnan": "530628",  # 彝良县
            "basis": "implied",
            "basis_report": report.pk,
            "basis_excerpt": SONGJIANG_EXCERPT,
            "earliest_year": "2026",
            "change_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pairing = Pairing.objects.get(shanghai="310117", yunnan="530628")
    assert pairing.basis_report == report
    page = editor_client.get(f"/pairings/{pairing.pk}/")
    assert page.status_code == 200
    assert "松江区" in page.content.decode() and "彝良县" in page.content.decode()
