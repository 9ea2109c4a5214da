#!/usr/bin/env python3
"""A bot test in Python against `kosmi-recorder serve`: the CI recipe of the README, runnable.

It starts the mock on a free port, reads its URLs from the machine-readable line (and checks --port-file says the
same), subscribes over WebSocket like a bot, sends a SendMessage mutation and finds it in the journal, then pushes a
message and sees it arrive. Needs Python 3.9+ and the `websockets` package (Debian: python3-websockets).

    KOSMI_RECORDER="java -jar cli/target/kosmi-recorder.jar" python3 examples/python/bot_test.py

Exits 0 when every check holds; an AssertionError (exit 1) says which did not.
"""
import asyncio
import json
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.request

import websockets

LISTENING = "kosmi-recorder: listening "
TIMEOUT = 20  # seconds for any one answer

NEW_MESSAGES = {
    "operationName": "NewMessageSubscription",
    "query": "subscription NewMessageSubscription($roomId: String!, $channelId: String!) "
             "{ newMessage(roomId: $roomId, channelId: $channelId) { id body } }",
    "variables": {"roomId": "lobby", "channelId": "general"},
}
SEND_MESSAGE = {
    "operationName": "SendMessage",
    "query": "mutation SendMessage($body: String!, $roomId: String!) { sendMessage(body: $body, roomId: $roomId) { ok } }",
    "variables": {"body": "hello from python", "roomId": "lobby"},
}


def start_mock(port_file):
    """Starts serve on a free port and returns (process, urls) once its listening line is out."""
    command = shlex.split(os.environ.get("KOSMI_RECORDER", "java -jar cli/target/kosmi-recorder.jar"))
    process = subprocess.Popen(command + ["serve", "--port", "0", "--no-ui", "--speed", "0", "--port-file", port_file],
                               stdout=subprocess.PIPE, text=True, encoding="utf-8")
    for line in process.stdout:
        if line.startswith(LISTENING):
            return process, json.loads(line[len(LISTENING):])
    raise AssertionError("serve ended (exit %s) before printing its listening line" % process.wait())


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read().decode("utf-8"))


async def next_message(ws, wanted):
    """The next server message for which wanted(message) is true; others (keep-alives, replayed pushes) are skipped."""
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        if wanted(message):
            return message


async def bot_conversation(urls):
    admin = urls["admin"]
    http("DELETE", admin + "journal")
    async with websockets.connect(urls["ws"], subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        await next_message(ws, lambda m: m["type"] == "connection_ack")

        await ws.send(json.dumps({"type": "subscribe", "id": "messages", "payload": NEW_MESSAGES}))
        recorded = await next_message(ws, lambda m: m.get("id") == "messages")
        assert recorded["type"] == "next", recorded
        print("recorded push arrived:", recorded["payload"]["data"]["newMessage"]["body"])

        await ws.send(json.dumps({"type": "subscribe", "id": "send-1", "payload": SEND_MESSAGE}))
        await next_message(ws, lambda m: m.get("id") == "send-1" and m["type"] == "complete")

        journal = http("GET", admin + "journal?operation=SendMessage")
        assert len(journal["frames"]) == 1, journal
        sent = journal["frames"][0]
        assert sent["type"] == "subscribe" and sent["id"] == "send-1", sent
        assert sent["payload"]["variables"]["body"] == "hello from python", sent
        print("journal has the mutation:", sent["seq"], sent["operationName"], sent["payload"]["variables"])

        pushed = {"data": {"newMessage": {"id": "py-1", "body": "pushed by the test"}}}
        answer = http("POST", admin + "push", {"operation": "NewMessageSubscription", "payload": pushed})
        assert answer == {"delivered": 1}, answer
        arrived = await next_message(ws, lambda m: m.get("id") == "messages" and "py-1" in json.dumps(m))
        assert arrived == {"type": "next", "id": "messages", "payload": pushed}, arrived
        print("pushed message arrived:", arrived["payload"]["data"]["newMessage"]["body"])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        port_file = os.path.join(tmp, "kosmi.json")
        process, urls = start_mock(port_file)
        try:
            with open(port_file, encoding="utf-8") as f:
                assert json.load(f) == urls, "the port file and the listening line disagree"
            asyncio.run(bot_conversation(urls))
        finally:
            process.terminate()
            process.wait(timeout=TIMEOUT)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
