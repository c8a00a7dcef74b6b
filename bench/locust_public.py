"""Load test of the public portal's recruiter check (issue 14: 200 requests per second with a
p95 of at most 200 ms on 2 cores).

1. A list of promoters of realistic size (the Bureau of Emigration lists about 2,500):
       python bench/locust_public.py 2500 > /tmp/promoters.csv
       htms import_promoters /tmp/promoters.csv --user <an administrator>
2. Serve the site with several worker processes (the WSGI server of the deployment), then:
       locust -f bench/locust_public.py --headless -u 200 -r 50 -t 60s --host http://127.0.0.1:8000

Each simulated visitor checks licence numbers, names in Latin and Urdu script and phone numbers
of the list and outside it, about once a second, as people do from the home page.
"""

import csv
import random
import sys

from locust import FastHttpUser, between, task

SURNAMES = ["Khan", "Butt", "Chaudhry", "Malik", "Qureshi", "Sheikh", "Awan", "Baloch"]
FIRST = ["Muhammad", "Ali", "Imran", "Asif", "Tariq", "Shahid", "Naveed", "Zahid", "Kamran"]
URDU = ["محمد آصف", "شاہد اقبال", "عمران خان", "طارق ملک", "کامران بٹ"]
KINDS = ["Overseas Employment Promoters", "Manpower Services", "Recruiting Agency", "Travels"]
CITIES = [("RWP", "051"), ("LHR", "042"), ("KHI", "021"), ("PSH", "091"), ("ISB", "051")]


def licence(n: int) -> str:
    return f"OEP-{n:04d}/{CITIES[n % len(CITIES)][0]}"


def promoter_rows(count: int) -> list[list[str]]:
    rows = []
    for n in range(1, count + 1):
        name = f"{FIRST[n % len(FIRST)]} {SURNAMES[n % len(SURNAMES)]} {KINDS[n % len(KINDS)]}"
        code = CITIES[n % len(CITIES)][1]
        status = "valid" if n % 10 else random.choice(["suspended", "cancelled"])  # noqa: S311
        rows.append([licence(n), name, "", f"{code}-{5550000 + n}", status, "2030-06-30"])
    return rows


class Visitor(FastHttpUser):
    wait_time = between(0.5, 1.5)

    @task(4)
    def by_licence(self) -> None:
        number = licence(random.randint(1, 3000))  # noqa: S311
        self.client.get("/public/en/check/", params={"q": number}, name="check by licence")

    @task(4)
    def by_name(self) -> None:
        name = f"{random.choice(FIRST)} {random.choice(SURNAMES)}"  # noqa: S311
        self.client.get("/public/ur/check/", params={"q": name}, name="check by name")

    @task(1)
    def by_urdu_name(self) -> None:
        query = random.choice(URDU)  # noqa: S311
        self.client.get("/public/ur/check/", params={"q": query}, name="check by Urdu name")

    @task(1)
    def by_phone(self) -> None:
        phone = f"042-{5550000 + random.randint(1, 3000)}"  # noqa: S311
        self.client.get("/public/en/check/", params={"q": phone}, name="check by phone")


if __name__ == "__main__":
    writer = csv.writer(sys.stdout)
    writer.writerow(["Licence No", "Name", "Address", "Phone", "Status", "Expiry"])
    writer.writerows(promoter_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 2500))
