# A stand-in honeypot for ListenerRelayIT: parses the PROXY v2 header (HAProxy proxy-protocol.txt),
# answers SSH and HTTP clients with a banner, and writes one JSON line per connection.
import socket, struct, json, sys, threading
log = open(sys.argv[2], "a")
def handle(c):
    hdr = b""
    while len(hdr) < 16: hdr += c.recv(16 - len(hdr))
    assert hdr[:12] == b"\r\n\r\n\x00\r\nQUIT\n", hdr
    n = struct.unpack(">H", hdr[14:16])[0]
    body = b""
    while len(body) < n: body += c.recv(n - len(body))
    fam = hdr[13]
    if fam == 0x11:
        src = socket.inet_ntoa(body[0:4]); dst = socket.inet_ntoa(body[4:8]); sp, dp = struct.unpack(">HH", body[8:12]); rest = body[12:]
    else:
        src = socket.inet_ntop(socket.AF_INET6, body[0:16]); dst = socket.inet_ntop(socket.AF_INET6, body[16:32]); sp, dp = struct.unpack(">HH", body[32:36]); rest = body[36:]
    tlv = {}
    while rest:
        t, l = rest[0], struct.unpack(">H", rest[1:3])[0]; tlv[hex(t)] = rest[3:3+l].decode(); rest = rest[3+l:]
    c.settimeout(2)
    data = b""
    try:
        first = c.recv(4096); data += first
        if first.startswith(b"SSH-"): c.sendall(b"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3\r\n")
        elif first[:4] in (b"GET ", b"POST", b"HEAD"): c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nhoneypot\n")
        while True:
            d = c.recv(4096)
            if not d: break
            data += d
    except Exception: pass
    log.write(json.dumps({"src": src, "dst": dst, "sport": sp, "dport": dp, "tlv": tlv, "first": data[:200].decode("latin1")}) + "\n"); log.flush()
    c.close()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(128)
print("listening", flush=True)
while True:
    c, a = s.accept(); threading.Thread(target=handle, args=(c,), daemon=True).start()
