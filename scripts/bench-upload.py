#!/usr/bin/env python3
"""1 GiB (or BENCH_UPLOAD_MIB) document upload through a running portal into its case API.

Logs in with the demo login, submits a Kapvergunning, announces the file and sends it in
16 MiB PATCH requests (as the SPA does), streamed from disk. Meanwhile it samples the server
process's resident memory; prints throughput and peak RSS growth as one JSON line.

Usage: bench-upload.py BASE_URL SERVER_PID FILE
"""
import http.client
import http.cookiejar
import json
import os
import sys
import threading
import time
import urllib.parse
import urllib.request

CHUNK = 16 * 1024 * 1024
base, pid, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
size = os.path.getsize(path)
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
csrf = ""


def call(method, url_path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + url_path, data=data, method=method)
    request.add_header("content-type", "application/json")
    request.add_header("x-csrf-token", csrf)
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    with opener.open(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def rss_kib(field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise SystemExit(f"{field} missing")


csrf = call("GET", "/api/session")["csrf_token"]
csrf = call("POST", "/api/session/demo", {"bsn": "999993653"})["csrf_token"]
products = call("GET", "/api/catalogue")
kap = next(p for p in products if p["title"] == "Kapvergunning")
doc_type = next(d for d in kap["documents"] if d["title"] == "Situatietekening")
draft = call("POST", "/api/drafts", {"product_id": kap["id"]})
call("PUT", f"/api/drafts/{draft['id']}", {
    "answers": {"aantalBomen": "1", "boomsoort": "Eik", "reden": "Overlast"},
    "contact": {"email": "bench@example.nl", "phone": "0612345678"},
    "step": "controleren"})
case = call("POST", f"/api/drafts/{draft['id']}/submit", None,
            {"idempotency-key": f"bench-{time.time()}"})
upload = call("POST", "/api/uploads", {
    "target": {"case": case["case_id"]}, "document_type_id": doc_type["id"],
    "file_name": os.path.basename(path), "size_bytes": size})

# Sample RSS every 50 ms (VmHWM cannot be reset for another process without privileges we
# may lack, so the peak is the highest sample, plus VmHWM as a cross-check).
baseline = rss_kib("VmRSS")
peak = [baseline]
done = threading.Event()


def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss_kib("VmRSS"))
        time.sleep(0.05)


sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
started = time.monotonic()
receive_seconds = 0.0
offset = 0
last = None
with open(path, "rb") as source:
    while offset < size:
        length = min(CHUNK, size - offset)
        t0 = time.monotonic()
        connection.putrequest("PATCH", f"/api/uploads/{upload['id']}")
        for k, v in [("cookie", cookie), ("x-csrf-token", csrf), ("upload-offset", str(offset)),
                     ("content-type", "application/offset+octet-stream"),
                     ("content-length", str(length))]:
            connection.putheader(k, v)
        connection.endheaders()
        left = length
        while left:
            block = source.read(min(1024 * 1024, left))
            connection.send(block)
            left -= len(block)
        response = connection.getresponse()
        last = json.loads(response.read())
        if response.status != 200:
            raise SystemExit(f"PATCH at {offset}: {response.status} {last}")
        offset += length
        if offset < size:
            receive_seconds += time.monotonic() - t0
        else:
            final_request = time.monotonic() - t0
total = time.monotonic() - started
done.set()
sampler.join()
hwm = rss_kib("VmHWM")
mib = size / 1024 / 1024
print(json.dumps({
    "size_mib": round(mib, 1),
    "state": last["state"],
    "total_seconds": round(total, 2),
    "end_to_end_mib_per_s": round(mib / total, 1),
    "last_request_incl_delivery_seconds": round(final_request, 2),
    "rss_baseline_mib": round(baseline / 1024, 1),
    "peak_rss_growth_mib": round((peak[0] - baseline) / 1024, 1),
    "vmhwm_mib": round(hwm / 1024, 1),
}))
