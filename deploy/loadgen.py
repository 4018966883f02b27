#!/usr/bin/env python3
"""Load driver for the fault test (deploy/fault-test.sh): readers, searchers, quiz takers, retro participants and one writer,
all through the load balancer, with nothing but the Python standard library.

  loadgen.py setup  --base URL --out DIR [--users N]   admin makes a team, N users (each signs in and makes an access token),
                                                       a retro in its reflect step, a cluster-probe cycle; writes DIR/setup.json
  loadgen.py run    --base URL --out DIR --seconds S   runs the load for S seconds; writes DIR/requests.csv and DIR/acked.json
  loadgen.py windows --out DIR                         only the error rates per fault and the recovery times, from DIR's files
  loadgen.py report --base URL --out DIR --nodes URL,URL,... --psql CONNINFO
                                                       checks what was acknowledged against the database, the cycle runs, every
                                                       node's index; error rates per fault (DIR/faults.log) and recovery times
Every request is logged: time, actor kind, what, status (or the error), milliseconds, and whether a signed-in request was sent
to the sign-in page.
"""
import argparse, csv, http.cookiejar, json, os, random, re, subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request

ADMIN_EMAIL = os.environ.get("ADMIN_EMAIL", "admin@cluster.test")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "Cluster admin password 2026")
ADMIN_TOKEN = os.environ.get("ADMIN_TOKEN", "sa_cluster_admin_token_0123456789abcdefghijkl")
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "cluster-health-token-0123456789abcdefghijk")
PASSWORD = "Iron triangle cluster load 9"
PROBE_SECONDS = 15


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One person: a cookie jar (sign-in cookie) or an access token; never follows redirects."""

    def __init__(self, base, token=None, log=None, kind=""):
        self.base, self.token, self.log, self.kind = base.rstrip("/"), token, log, kind
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.signed_in = False

    def request(self, method, path, what=None, form=None, body=None, timeout=20):
        headers = {"Accept-Language": "en"}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        started = time.time()
        status, text, location, error = 0, "", "", ""
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers, method=method), timeout=timeout) as r:
                status, text = r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, location = e.code, e.headers.get("Location", "") or ""
            try:
                text = e.read().decode("utf-8", "replace")
            except Exception:
                text = ""
        except Exception as e:  # connection refused/reset, timeout
            error = type(e).__name__ + ": " + str(e)[:80]
        sign_in_redirect = self.signed_in and status in (301, 302, 303, 307) and "/account/login" in location
        if self.log is not None:
            self.log.append((round(started, 3), self.kind, what or method + " " + path.split("?")[0], status, error,
                             round((time.time() - started) * 1000), 1 if sign_in_redirect else 0))
        return status, text, location, error

    def form_token(self, page):
        status, html, _, _ = self.request("GET", page, "setup")
        main = html[html.find("<main"):] if "<main" in html else html
        m = re.search(r'<input[^>]*name="__RequestVerificationToken"[^>]*>', main)
        if not m:
            raise SystemExit(f"no form token on {page} ({status})")
        return re.search(r'value="([^"]+)"', m.group(0)).group(1)

    def submit(self, page, action, fields):
        fields = dict(fields, __RequestVerificationToken=self.form_token(page))
        return self.request("POST", action, "setup", form=fields)

    def sign_in(self, email, password, tries=20):
        for _ in range(tries):  # a node may be down or the database paused: try again, as a person would
            try:
                status, _, location, error = self.submit("/account/login", "/account/login", {"Email": email, "Password": password, "ReturnUrl": ""})
            except SystemExit as e:
                status, location, error = 0, "", str(e)
            if status == 302 and "/account/login" not in location:
                self.signed_in = True
                return
            time.sleep(2)
        raise SystemExit(f"sign-in of {email} failed: {status} {location} {error}")


def api(client, method, path, body=None, expect=(200, 201)):
    status, text, _, error = client.request(method, path, "setup", body=body)
    if status not in expect:
        raise SystemExit(f"{method} {path}: {status} {error} {text[:300]}")
    return json.loads(text) if text else None


def items(page):
    return page["items"] if isinstance(page, dict) and "items" in page else page


def setup(args):
    admin = Client(args.base)
    admin.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    admin_api = Client(args.base, token=ADMIN_TOKEN)
    team_name = "Cluster team " + time.strftime("%H%M%S")
    admin.submit("/admin/teams", "/admin/teams?handler=Create", {"name": team_name, "description": "fault test"})
    team = next(t for t in items(api(admin_api, "GET", "/api/v1/teams?pageSize=100")) if t["name"] == team_name)
    users = []
    for i in range(args.users):
        email = f"load{i}-{int(time.time())}@cluster.test"
        admin.submit("/admin/users", "/admin/users?handler=Create", {"email": email, "displayName": f"Load {i}", "role": "Rep", "password": PASSWORD})
        admin.submit("/admin/teams", "/admin/teams?handler=AddMember", {"id": team["id"], "email": email, "role": "AccountManager"})
        person = Client(args.base)
        person.sign_in(email, PASSWORD)
        status, html, _, _ = person.submit("/account/profile", "/account/profile?handler=CreateToken", {"name": "load", "scope": "ReadWrite"})
        token = re.search(r'id="new-token">([^<]+)<', html)
        if status != 200 or not token:
            raise SystemExit(f"no access token for {email}: {status}")
        users.append({"email": email, "token": token.group(1)})
    retro = api(admin_api, "POST", "/api/v1/retros", {"teamId": team["id"], "template": "start-stop-continue", "title": "Cluster retro"})
    retro = api(admin_api, "POST", f"/api/v1/retros/{retro['id']}/phase", {"phase": "Reflect"})
    prompts = [p["key"] for p in retro["prompts"]]
    quiz = next(q for q in items(api(admin_api, "GET", "/api/v1/quizzes?pageSize=100")) if q["id"] == "quiz-iron-triangle-basics")
    # The probe kind exists only on nodes started with Scheduling:ClusterProbeHoldSeconds (fault-test.sh sets it).
    cycle = {"id": None} if os.environ.get("NO_PROBE") == "1" else api(admin_api, "POST", "/api/v1/cycles", {
        "kind": "cluster-probe", "title": "Cluster probe", "teamIds": [team["id"]], "cadence": "Cron", "cron": f"*/{PROBE_SECONDS} * * * * *"})
    state = {"team": team["id"], "users": users, "retro": retro["id"], "prompts": prompts, "quiz": quiz["id"], "cycle": cycle["id"],
             "cycleFrom": time.time()}
    json.dump(state, open(os.path.join(args.out, "setup.json"), "w"), indent=1)
    print(f"setup: team {team['id']}, {len(users)} users with tokens, retro {retro['id']} in reflect ({len(prompts)} prompts), "
          f"quiz {quiz['id']}, cluster-probe cycle {cycle['id']} every {PROBE_SECONDS} s")


def run(args):
    state = json.load(open(os.path.join(args.out, "setup.json")))
    log, acked, lock = [], {"answers": {}, "cards": [], "published": [], "visibleAfter": []}, threading.Lock()
    stop = time.time() + args.seconds
    stop_file = os.path.join(args.out, "stop")  # fault-test.sh ends the load by making this file

    def running():
        return time.time() < stop and not os.path.exists(stop_file)
    users = state["users"]
    words = ["铁三角", "客户经理", "交付", "iron triangle", "discount", "解决方案", "handover", "playbook"]

    def reader(i):
        c = Client(args.base, log=log, kind="reader")
        c.sign_in(users[i % len(users)]["email"], PASSWORD)
        pages = ["/", "/cases", "/playbooks", "/drills", "/quizzes", "/notifications", f"/retros/{state['retro']}", "/account/profile"]
        while running():
            c.request("GET", random.choice(pages))
            time.sleep(0.3)

    def searcher(i):
        c = Client(args.base, log=log, kind="searcher")
        c.sign_in(users[(i + 3) % len(users)]["email"], PASSWORD)
        while running():
            c.request("GET", "/search?q=" + urllib.parse.quote(random.choice(words)), "GET /search")
            time.sleep(0.4)

    def quiz_taker(i):
        c = Client(args.base, token=users[i % len(users)]["token"], log=log, kind="quiz")
        detail = None
        while running() and detail is None:
            s, text, _, _ = c.request("POST", "/api/v1/attempts", "POST /attempts", body={"quizId": state["quiz"]})
            if s in (200, 201):
                detail = json.loads(text)
            else:
                time.sleep(1)
        if detail is None:
            return
        attempt = detail["attempt"]["id"]
        sequence = detail["sequence"]
        choosable = [q for q in detail["questions"] if q["kind"] == "single" and q.get("options")]
        while running() and choosable:
            q = random.choice(choosable)
            choice = random.choice(q["options"])["id"]
            s, text, _, _ = c.request("PUT", f"/api/v1/attempts/{attempt}/answers/{q['slot']}", "PUT /answers",
                                      body={"sequence": sequence, "response": {"choice": choice}})
            if s == 200:
                sequence = json.loads(text)["sequence"]
                with lock:
                    acked["saves"] = acked.get("saves", 0) + 1
                    acked["answers"][f"{attempt}:{q['slot']}"] = {"choice": choice, "sequence": sequence, "token": users[i % len(users)]["token"]}
            elif s == 409:
                s2, t2, _, _ = c.request("GET", f"/api/v1/attempts/{attempt}", "GET /attempt")
                if s2 == 200:
                    sequence = json.loads(t2)["sequence"]
            time.sleep(0.3)

    def retro_participant(i):
        c = Client(args.base, token=users[i % len(users)]["token"], log=log, kind="retro")
        seen = set()
        n = 0
        while running():
            n += 1
            s, text, _, _ = c.request("POST", f"/api/v1/retros/{state['retro']}/cards", "POST /cards",
                                      body={"prompt": random.choice(state["prompts"]), "text": f"card {i}-{n} {time.time():.3f}"})
            if s == 201:
                mine = {card["id"] for card in json.loads(text)["cardList"] if card.get("mine")}
                new = mine - seen
                seen |= mine
                with lock:
                    acked["cards"].extend(sorted(new))
            c.request("GET", f"/api/v1/retros/{state['retro']}", "GET /retro")
            time.sleep(0.5)

    def writer():
        c = Client(args.base, token=ADMIN_TOKEN, log=log, kind="writer")
        n = 0
        while running():
            n += 1
            word = f"zq{int(time.time())}{n}"
            item = f"drill-load-{word}"
            s, _, _, _ = c.request("POST", "/api/v1/content", "POST /content", body=drill(item, word))
            if s == 201:
                s, _, _, _ = c.request("POST", f"/api/v1/content/{item}/publish", "POST /publish")
                if s == 200:
                    published = time.time()
                    with lock:
                        acked["published"].append(item)
                    # Found through the balancer: consecutive searches land on different nodes.
                    while time.time() < published + 30:
                        s, text, _, _ = c.request("GET", "/api/v1/search?q=" + word, "GET /api/search")
                        if s == 200 and item in text:
                            with lock:
                                acked["visibleAfter"].append(round(time.time() - published, 2))
                            break
                        time.sleep(0.25)
            time.sleep(8)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.readers)]
    threads += [threading.Thread(target=searcher, args=(i,)) for i in range(args.searchers)]
    threads += [threading.Thread(target=quiz_taker, args=(i,)) for i in range(args.quiz_takers)]
    threads += [threading.Thread(target=retro_participant, args=(i,)) for i in range(args.retro)]
    threads += [threading.Thread(target=writer)]
    for t in threads:
        t.daemon = True
        t.start()
    for t in threads:
        t.join()
    with open(os.path.join(args.out, "requests.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["t", "kind", "what", "status", "error", "ms", "signInRedirect"])
        w.writerows(sorted(log))
    json.dump(acked, open(os.path.join(args.out, "acked.json"), "w"))
    print(f"load: {len(log)} requests; acknowledged {acked.get('saves', 0)} answer saves ({len(acked['answers'])} attempt questions), {len(acked['cards'])} cards, "
          f"{len(acked['published'])} published drills")


def drill(item, word):
    return {"type": "Drill", "id": item, "fields": {
        "slug": item, "culture": "en", "title": "Load drill " + word, "scenario": "A customer asks about " + word + ".",
        "objectives": ["Agree on one answer"], "durationMinutes": 30,
        "roles": [{"role": "AccountManager", "brief": "You own the relationship."}],
        "steps": [{"title": "Prepare", "minutes": 10}],
        "rubric": [{"criterion": "One voice", "weight": 100, "anchors": {"1": "Each says something else", "3": "Mostly aligned", "5": "One clear answer"}}]}}


def failed(row):
    return row["error"] != "" or int(row["status"]) >= 500 or int(row["status"]) == 0 or row["signInRedirect"] == "1"


def windows(args):
    """The error rate during each fault (a request counts when it was in flight during it) and the time to recover."""
    rows = list(csv.DictReader(open(os.path.join(args.out, "requests.csv"))))
    print(f"requests: {len(rows)} in all, {sum(1 for r in rows if failed(r))} failed (5xx, connection errors or 20-s timeouts, sign-in redirects), "
          f"{sum(1 for r in rows if r['status'] == '429')} rate-limited")
    faults = []
    for line in open(os.path.join(args.out, "faults.log")):
        t, name, edge = line.split()
        if edge == "start":
            faults.append([name, float(t), None])
        else:
            next(f for f in reversed(faults) if f[0] == name)[2] = float(t)
    print(f"{'fault':<14}{'seconds':>8}{'in flight':>11}{'failed':>8}{'rate':>8}{'  last failure after its end':>30}")
    for name, start, end in faults:
        during = [r for r in rows if float(r["t"]) <= end and float(r["t"]) + int(r["ms"]) / 1000 >= start]
        bad = [r for r in during if failed(r)]
        # Recovered: the end of the last failed request that started before the first 5 s after the fault's end without a failure.
        last = end
        for r in sorted((r for r in rows if failed(r) and float(r["t"]) + int(r["ms"]) / 1000 > end), key=lambda r: float(r["t"])):
            if float(r["t"]) - last > 5:
                break
            last = max(last, float(r["t"]) + int(r["ms"]) / 1000)
        rate = len(bad) / len(during) if during else 0
        print(f"{name:<14}{end - start:>8.1f}{len(during):>11}{len(bad):>8}{rate:>8.1%}{last - end:>28.1f} s")
    causes = {}
    for r in rows:
        if failed(r):
            key = r["what"] + " " + (r["status"] if r["error"] == "" else r["error"][:40])
            causes[key] = causes.get(key, 0) + 1
    for k, v in sorted(causes.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  failed: {v:>5} × {k}")


def report(args):
    state = json.load(open(os.path.join(args.out, "setup.json")))
    acked = json.load(open(os.path.join(args.out, "acked.json")))
    rows = list(csv.DictReader(open(os.path.join(args.out, "requests.csv"))))
    ok = True

    def check(good, text):
        nonlocal ok
        ok &= bool(good)
        print(("PASS " if good else "FAIL ") + text)

    def psql(sql):
        return subprocess.run(["psql", args.psql, "-AtqX", "-F", "|", "-c", sql], capture_output=True, text=True, check=True).stdout.strip().splitlines()

    # 1. Every acknowledged answer and card is in the database.
    missing_answers = 0
    by_attempt = {}
    for key, a in acked["answers"].items():
        attempt, slot = key.split(":")
        by_attempt.setdefault((attempt, a["token"]), []).append((int(slot), a["choice"]))
    for (attempt, token), slots in by_attempt.items():
        c = Client(args.base, token=token)
        for _ in range(10):
            s, text, _, _ = c.request("GET", f"/api/v1/attempts/{attempt}")
            if s == 200:
                break
            time.sleep(1)
        saved = {q["slot"]: (q.get("response") or {}).get("choice") for q in json.loads(text)["questions"]}
        missing_answers += sum(1 for slot, choice in slots if saved.get(slot) != choice)
    check(missing_answers == 0, f"answers: {acked.get('saves', 0)} saves acknowledged; the last one of each of {len(acked['answers'])} attempt questions, {missing_answers} not as acknowledged in the database")
    cards = {int(x) for x in psql(f'select "Id" from "RetroCards" where "RetroId" = {state["retro"]}')}
    lost = [c for c in acked["cards"] if c not in cards]
    check(not lost, f"retro cards: {len(acked['cards'])} acknowledged, {len(cards)} in the database, {len(lost)} acknowledged but missing")

    # 2. Every fire time of the probe cycle has exactly one run.
    runs = [r.split("|") for r in psql(f'select to_char("ScheduledUtc", \'YYYY-MM-DD"T"HH24:MI:SS\'), "Trigger", "Status" from "CycleRuns" where "CycleId" = {state["cycle"]} order by 1')]
    triggers, statuses = {"0": "Scheduled", "1": "CatchUp", "2": "Manual"}, {"0": "Pending", "1": "Open", "2": "Closed", "3": "Failed"}
    runs = [(t, triggers.get(tr, tr), statuses.get(st, st)) for t, tr, st in runs]
    times = [r[0] for r in runs]
    dupes = len(times) - len(set(times))
    epoch = [time.mktime(time.strptime(t, "%Y-%m-%dT%H:%M:%S")) for t in times]
    missed = [(a, b, r) for a, b, r in zip(epoch, epoch[1:], runs[1:]) if b - a > PROBE_SECONDS]
    # Quartz's misfire policy: fire times missed while no node could run them (database paused) are made up by ONE catch-up run.
    uncovered = [m for m in missed if m[2][1] != "CatchUp"]
    fire_times = int((epoch[-1] - epoch[0]) / PROBE_SECONDS) + 1 if epoch else 0
    not_closed = [r for r in runs if r[2] != "Closed"]
    check(dupes == 0 and not uncovered and not not_closed,
          f"cycle: {fire_times} fire times from {times[0] if times else '-'} to {times[-1] if times else '-'}: {len(runs)} runs "
          f"({sum(1 for r in runs if r[1] == 'Scheduled')} on time, {sum(1 for r in runs if r[1] == 'CatchUp')} catch-up covering "
          f"{sum(int((b - a) / PROBE_SECONDS) - 1 for a, b, _ in missed)} missed fire times), {dupes} fire times with more than one run, "
          f"{len(uncovered)} gaps without a catch-up, {len(not_closed)} runs not closed")
    told = psql("select count(*), count(distinct (\"Key\", \"Recipient\")) from \"UserNotifications\" where \"Key\" like 'cluster-probe:%'")[0].split("|")
    check(told[0] == told[1], f"probe notifications: {told[0]} in-app notifications, {told[1]} distinct (run, member)")

    # 3. Every node's index holds exactly the published items.
    for node in args.nodes.split(","):
        req = urllib.request.Request(node + "/health", headers={"X-Health-Token": HEALTH_TOKEN})
        try:
            h = json.load(urllib.request.urlopen(req, timeout=10))
            d = h["checks"]["search"]["data"]
            content = h["checks"]["content"]["data"]
            check(d.get("documents") == d.get("published") and d.get("lag") == 0,
                  f"index of {h['node']}: {d.get('documents')} documents, {d.get('published')} published, lag {d.get('lag')} changes; "
                  f"content snapshot lag {content.get('lag', 'not built')}")
        except Exception as e:
            check(False, f"index of {node}: /health failed ({e})")
    vis = acked["visibleAfter"]
    check(len(vis) == len(acked["published"]) and all(v <= 5 for v in vis),
          f"change visibility: {len(acked['published'])} drills published through the balancer, found by search after "
          f"{', '.join(f'{v:.1f}' for v in vis)} s (max {max(vis) if vis else '-'} s)")

    # 4. No signed-in request was sent to the sign-in page.
    redirects = sum(1 for r in rows if r["signInRedirect"] == "1")
    check(redirects == 0, f"sign-in redirects of signed-in requests: {redirects} of {sum(1 for r in rows if r['kind'] in ('reader', 'searcher'))} cookie requests")

    windows(args)
    print("RESULT: " + ("all checks passed" if ok else "some checks FAILED"))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["setup", "run", "report", "windows"])
    p.add_argument("--base", default="http://127.0.0.1:5480")
    p.add_argument("--out", required=True)
    p.add_argument("--users", type=int, default=6)
    p.add_argument("--seconds", type=int, default=150)
    p.add_argument("--readers", type=int, default=4)
    p.add_argument("--searchers", type=int, default=2)
    p.add_argument("--quiz-takers", type=int, default=4)
    p.add_argument("--retro", type=int, default=3)
    p.add_argument("--nodes", default="")
    p.add_argument("--psql", default="")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sys.exit({"setup": setup, "run": run, "report": report, "windows": windows}[args.command](args) or 0)


if __name__ == "__main__":
    main()
