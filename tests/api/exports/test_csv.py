"""The agenda as CSV."""

import csv
import io


def test_agenda_csv_has_header_and_a_row_per_session(client, demo_api):
    response = client.get("/api/v1/editions/2025/agenda.csv?locale=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == client.get("/api/v1/sessions/?year=2025").json()["count"]
    assert rows[0]["date"] == "2025-03-26" and rows[0]["start"] == "09:00"
    panel = next(r for r in rows if r["type"] == "panel")
    assert panel["room"] == "Innovation Forum – Main Hall"
    assert panel["speakers"].startswith("Nikolay Stoyanov")
