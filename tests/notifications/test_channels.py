"""Channel backends behind one interface; SMS and WeCom tested against a fake gateway."""

import json
from unittest import mock

import pytest
from django.test import override_settings

from notifications.channels import ChannelError, HttpSmsChannel, LogChannel, WeComChannel, channel


class FakeResponse:
    def __init__(self, payload):
        self.payload = payload

    def read(self):
        return json.dumps(self.payload).encode()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_sms_and_wechat_only_log_by_default(caplog):
    assert isinstance(channel("sms"), LogChannel) and isinstance(channel("wechat"), LogChannel)
    with caplog.at_level("INFO", logger="notifications"):
        channel("sms").send(address="13900000000", subject="提醒", body="正文")
    assert "提醒" in caplog.text and "13900000000" not in caplog.text  # the address stays private


@override_settings(
    NOTIFICATION_CHANNELS={
        "sms": {"BACKEND": "notifications.channels.HttpSmsChannel", "URL": "http://sms.test/send", "TOKEN": "t"}
    }
)
def test_the_sms_gateway_is_configured_by_settings():
    sent = []

    def fake_urlopen(request, timeout):
        sent.append((request.full_url, json.loads(request.data), request.headers["Authorization"]))
        return FakeResponse({"code": 0})

    with mock.patch("urllib.request.urlopen", fake_urlopen):
        backend = channel("sms")
        assert isinstance(backend, HttpSmsChannel)
        backend.send(address="13900000000", subject="问题交办", body="请签收")
    url, payload, auth = sent[0]
    assert url == "http://sms.test/send" and payload["mobile"] == "13900000000" and auth == "Bearer t"
    assert "问题交办" in payload["content"]


def test_a_refusing_sms_gateway_raises_for_a_retry():
    with mock.patch("urllib.request.urlopen", lambda request, timeout: FakeResponse({"code": 500, "message": "bad"})):
        with pytest.raises(ChannelError):
            HttpSmsChannel("sms", URL="http://sms.test/send").send(address="139", subject="s", body="b")


def test_wecom_gets_a_token_then_sends_a_text_message():
    calls = []

    def fake_urlopen(request, timeout):
        calls.append((request.full_url, json.loads(request.data)))
        if request.full_url.endswith("/gettoken"):
            return FakeResponse({"access_token": "tok"})
        return FakeResponse({"errcode": 0})

    with mock.patch("urllib.request.urlopen", fake_urlopen):
        WeComChannel("wechat", CORP_ID="c", SECRET="s", AGENT_ID="1000002", API_BASE="http://wecom.test").send(
            address="zhangsan", subject="催办", body="请尽快办理"
        )
    assert calls[1][0] == "http://wecom.test/message/send?access_token=tok"
    assert calls[1][1]["touser"] == "zhangsan" and calls[1][1]["text"]["content"].startswith("催办")
