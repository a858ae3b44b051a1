"""Load profile of the public API: visitors browsing the agenda, sessions, speakers, search and
exports, and clients revalidating what they fetched (If-None-Match).

    locust -f platform/load/locustfile.py --headless -H http://127.0.0.1:8010 -u 100 -r 20 -t 2m

Before the load, the newest edition, its session ids and some speaker ids are read from the API
(/api/v1/editions/, /api/v1/sessions/, /api/v1/speakers/). Any answer other than 2xx or 304 is a
failure; locust then exits with status 1 (as it does when the API cannot be read at the start).
Requests are grouped by route (ids and queries as placeholders) in the statistics.

LOAD_WAIT: seconds each user waits between tasks, "MIN-MAX" (default 0.1-1).
"""

import os
import random
from urllib.parse import quote

import requests
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

SEARCHES = ["клъстер", "cluster innovation", "иновации", "klaster", "mechatronix", "startups"]
EXPORTS = ["schedule.json", "schedule.xml", "agenda.ics", "agenda.csv"]
PAGE_SIZE = 20
KEEP_ETAGS = 50


def wait_range():
    text = os.environ.get("LOAD_WAIT", "0.1-1")
    low, _, high = text.partition("-")
    try:
        return float(low), float(high or low)
    except ValueError:
        raise SystemExit(
            f"LOAD_WAIT must be MIN-MAX in seconds, e.g. 0.1-1, got {text!r}"
        ) from None


class Catalogue:
    """What the users pick from: read once from the API before the load starts."""

    year = None
    sessions = []
    speakers = []


@events.init.add_listener
def discover(environment, **kwargs):
    """Fill the catalogue; an error here stops locust with status 1 before any load."""
    host = (environment.host or "").rstrip("/")
    if not host:
        raise RuntimeError("load: no host; pass -H http://127.0.0.1:8010")
    with requests.Session() as http:

        def get(path):
            answer = http.get(host + path, timeout=30)
            answer.raise_for_status()
            return answer.json()

        editions = get("/api/v1/editions/?page_size=100")["results"]
        if not editions:
            raise RuntimeError(f"load: {host} has no published editions")
        Catalogue.year = max(edition["year"] for edition in editions)
        Catalogue.sessions = [
            s["id"]
            for s in get(f"/api/v1/sessions/?year={Catalogue.year}&page_size=100")["results"]
        ]
        Catalogue.speakers = [p["id"] for p in get("/api/v1/speakers/?page_size=100")["results"]]
    if not Catalogue.sessions or not Catalogue.speakers:
        raise RuntimeError(f"load: edition {Catalogue.year} has no sessions or speakers")


class Visitor(FastHttpUser):
    wait_time = between(*wait_range())

    def on_start(self):
        if Catalogue.year is None:
            raise StopUser()
        self.etags = {}  # url -> (route name, ETag) of earlier 200 answers

    def fetch(self, url, name, headers=None):
        """GET; a failure unless 2xx or 304. Returns the JSON body of a JSON 200, else None."""
        with self.client.get(url, name=name, headers=headers, catch_response=True) as response:
            status = response.status_code
            if not (200 <= status < 300 or status == 304):
                response.failure(f"HTTP {status}")
                return None
            response.success()
            etag = response.headers.get("ETag")
            if status == 200 and etag:
                if len(self.etags) >= KEEP_ETAGS:
                    self.etags.pop(next(iter(self.etags)))
                self.etags[url] = (name, etag)
            if status == 200 and "json" in response.headers.get("Content-Type", ""):
                try:
                    return response.json()
                except ValueError:
                    response.failure("invalid JSON")
            return None

    @task(4)
    def agenda(self):
        year = Catalogue.year
        self.fetch(f"/api/v1/editions/{year}/", "/api/v1/editions/[year]/")
        url = f"/api/v1/sessions/?year={year}&page_size={PAGE_SIZE}"
        pages = 0
        while url and pages < 50:
            body = self.fetch(url, "/api/v1/sessions/?year=[year]&page=[n]")
            url = body.get("next") if body else None
            pages += 1

    @task(3)
    def session(self):
        pk = random.choice(Catalogue.sessions)
        self.fetch(f"/api/v1/sessions/{pk}/", "/api/v1/sessions/[id]/")

    @task(2)
    def speakers(self):
        self.fetch(f"/api/v1/speakers/?page_size={PAGE_SIZE}", "/api/v1/speakers/")
        pk = random.choice(Catalogue.speakers)
        self.fetch(f"/api/v1/speakers/{pk}/", "/api/v1/speakers/[id]/")

    @task(2)
    def search(self):
        text = random.choice(SEARCHES)
        self.fetch(f"/api/v1/search/?q={quote(text)}", "/api/v1/search/?q=[text]")

    @task(1)
    def export(self):
        name = random.choice(EXPORTS)
        self.fetch(f"/api/v1/editions/{Catalogue.year}/{name}", f"/api/v1/editions/[year]/{name}")

    @task(2)
    def revalidate(self):
        if not self.etags:
            self.session()
            return
        url, (name, etag) = random.choice(list(self.etags.items()))
        self.fetch(url, f"If-None-Match {name}", headers={"If-None-Match": etag})
