"""Speakers, organisations, topics, industries and pages over REST."""

from tests.api.conftest import get_all, results


def test_speakers_show_appearances_across_editions(client, demo_api):
    speakers = get_all(client, "/api/v1/speakers/?locale=en&page_size=100")
    aigerim = next(s for s in speakers if s["slug"] == "aigerim-nurlanova")
    years = sorted({a["session"]["year"] for a in aigerim["appearances"]})
    assert years == [2025, 2027]
    assert aigerim["name"] == "Aigerim Nurlanova"
    detail = client.get(f"/api/v1/speakers/{aigerim['id']}/?locale=en").json()
    assert detail["calendar_url"].endswith(f"/api/v1/speakers/{aigerim['id']}/sessions.ics")
    assert detail["appearances"] == aigerim["appearances"]


def test_speakers_filter_by_year_and_organisation(client, demo_api):
    in_2026 = get_all(client, "/api/v1/speakers/?year=2026&page_size=100")
    assert in_2026 and all(
        2026 in {a["session"]["year"] for a in s["appearances"]} for s in in_2026
    )
    bca = get_all(client, "/api/v1/speakers/?organisation=bca&locale=en")
    assert [s["name"] for s in bca] == ["Maria Petrova"]
    assert bca[0]["organisation"]["name"] == "Business Clusters Association in Bulgaria"
    assert client.get("/api/v1/speakers/?organisation=nobody").status_code == 400


def test_speaker_detail_by_id_of_other_language(client, demo_api):
    bg_speaker = results(client.get("/api/v1/speakers/?locale=bg"))[0]
    en_speaker = client.get(f"/api/v1/speakers/{bg_speaker['id']}/?locale=en").json()
    assert en_speaker["guid"] == bg_speaker["guid"] and en_speaker["locale"] == "en"


def test_organisations_list_partnerships_per_edition(client, demo_api):
    organisations = get_all(client, "/api/v1/organisations/?locale=en&page_size=100")
    ministry = next(o for o in organisations if o["slug"] == "ministry-of-economy")
    assert {(p["year"], p["role"]) for p in ministry["partnerships"]} >= {(2025, "patron")}
    assert set(ministry["logo"]["urls"]) == {"logo", "logo_small"}
    assert ".max-400x200." in ministry["logo"]["urls"]["logo"]
    detail = client.get(f"/api/v1/organisations/{ministry['id']}/?locale=en").json()
    assert detail["name"] == "Ministry of Economy"
    assert client.get("/api/v1/organisations/?kind=spaceship").status_code == 400


def test_topics_and_industries_in_both_languages(client, demo_api):
    topics_en = get_all(client, "/api/v1/topics/?locale=en")
    assert "Industry 4.0" in [t["name"] for t in topics_en]
    topic = next(t for t in topics_en if t["slug"] == "tech-parks")
    assert (
        client.get(f"/api/v1/topics/{topic['id']}/?locale=bg").json()["name"]
        == "Технологични паркове"
    )
    industries = get_all(client, "/api/v1/industries/?locale=en")
    ict = next(i for i in industries if i["slug"] == "ict")
    assert client.get(f"/api/v1/industries/{ict['id']}/").json()["locale"] == "bg"


def test_pages_list_and_detail(client, demo_api):
    pages = get_all(client, "/api/v1/pages/?locale=en&page_size=100")
    assert {p["type"] for p in pages} == {"news", "standard", "venue"}
    news = [p for p in pages if p["type"] == "news"]
    assert news and all(".width-800." in p["image"]["urls"]["card"] for p in news)
    only_news = get_all(client, "/api/v1/pages/?type=news&year=2025&locale=en")
    assert len(only_news) == 1 and only_news[0]["year"] == 2025
    detail = client.get(f"/api/v1/pages/{only_news[0]['id']}/?locale=en").json()
    assert detail["body"][0]["type"] == "paragraph"
    assert client.get("/api/v1/pages/?type=blog").status_code == 400
