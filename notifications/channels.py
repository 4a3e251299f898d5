"""Channel backends: one interface, `send(address=, subject=, body=, headers=None)`, for e-mail,
SMS and WeChat (`headers` are e-mail headers; the other channels ignore them). Settings choose
the backend of each channel (NOTIFICATION_CHANNELS); a backend raises `ChannelError` (or any
exception) when the message did not go out, and the worker retries.

- `EmailChannel` sends through Django's e-mail backend (console by default, SMTP in production).
- `LogChannel` only writes the message to the log: the default for SMS and WeChat, so nothing is
  sent until a real gateway is configured.
- `HttpSmsChannel` posts JSON to an SMS gateway (a provider's HTTP API or the government's
  unified SMS platform): URL and token from the settings.
- `WeComChannel` sends a text message through 企业微信's application message API.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

logger = logging.getLogger("notifications")

DEFAULT_CHANNELS = {
    "email": {"BACKEND": "notifications.channels.EmailChannel"},
    "sms": {"BACKEND": "notifications.channels.LogChannel"},
    "wechat": {"BACKEND": "notifications.channels.LogChannel"},
}
HTTP_TIMEOUT = 10


class ChannelError(Exception):
    """The channel refused or could not take the message."""


class Channel:
    def __init__(self, name, **options):
        self.name = name
        self.options = options

    def send(self, *, address: str, subject: str, body: str, headers: dict | None = None) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    def send(self, *, address, subject, body, headers=None):
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], headers=headers or None)
        message.send(fail_silently=False)


class LogChannel(Channel):
    def send(self, *, address, subject, body, headers=None):
        # The address is private: the log names the channel and the subject only.
        logger.info("[%s] %s", self.name, subject)


def _post_json(url, payload, headers=None):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:  # noqa: S310 (configured URL)
        return json.loads(response.read().decode("utf-8") or "{}")


class HttpSmsChannel(Channel):
    """OPTIONS: URL (the gateway's endpoint), TOKEN (sent as a Bearer token), SIGN (短信签名)."""

    def send(self, *, address, subject, body, headers=None):
        answer = _post_json(
            self.options["URL"],
            {"mobile": address, "sign": self.options.get("SIGN", ""), "content": f"{subject}：{body}"[:300]},
            headers={"Authorization": f"Bearer {self.options.get('TOKEN', '')}"},
        )
        if str(answer.get("code", "0")) not in ("0", "OK", "ok"):
            raise ChannelError(f"SMS gateway refused: {answer.get('code')} {answer.get('message', '')}")


class WeComChannel(Channel):
    """企业微信 application messages. OPTIONS: CORP_ID, SECRET, AGENT_ID; the address is the
    member's 企业微信 user id. API_BASE may point at a private deployment."""

    def send(self, *, address, subject, body, headers=None):
        base = self.options.get("API_BASE", "https://qyapi.weixin.qq.com/cgi-bin")
        token_answer = _post_json(
            f"{base}/gettoken", {"corpid": self.options["CORP_ID"], "corpsecret": self.options["SECRET"]}
        )
        token = token_answer.get("access_token")
        if not token:
            raise ChannelError(f"WeCom token refused: {token_answer.get('errcode')}")
        answer = _post_json(
            f"{base}/message/send?access_token={token}",
            {
                "touser": address,
                "msgtype": "text",
                "agentid": self.options["AGENT_ID"],
                "text": {"content": f"{subject}\n{body}"},
            },
        )
        if answer.get("errcode", 0) != 0:
            raise ChannelError(f"WeCom refused: {answer.get('errcode')} {answer.get('errmsg', '')}")


def channel(name: str) -> Channel:
    """The configured backend of channel `name` ("email", "sms", "wechat")."""
    config = {**DEFAULT_CHANNELS, **getattr(settings, "NOTIFICATION_CHANNELS", {})}[name]
    options = {key: value for key, value in config.items() if key != "BACKEND"}
    return import_string(config["BACKEND"])(name, **options)
