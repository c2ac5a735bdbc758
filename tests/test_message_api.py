"""POST /v1/check/message through the real app, and through a real `helper serve`."""

from __future__ import annotations

import json
import time
from pathlib import Path

from flask.testing import FlaskClient

from helper.services import Services
from tests.support.helper_process import HelperProcess, run_cli

PATH = "/v1/check/message"


def post_raw(client: FlaskClient, data: bytes):  # type: ignore[no-untyped-def]
    return client.post(PATH, data=data, content_type="application/json")


def test_check_returns_the_agreed_shape(client: FlaskClient) -> None:
    reply = client.post(PATH, json={"text": "😊你个傻B，我知道你住哪", "platform": "tmall"})
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["verdict"] == "block"
    assert body["platform"] == "tmall"
    assert body["text"] == "😊你个傻B，我知道你住哪"
    assert isinstance(body["elapsed_ms"], float)
    first, second = body["findings"]
    assert first["rule_id"] == "insult.intellect" and first["match"] == "傻B"
    assert (first["category"], first["term"], first["allowable"]) == ("intellect", "傻逼", True)
    assert (first["start"], first["end"], first["start_cp"], first["end_cp"]) == (4, 6, 3, 5)
    assert second["rule_id"] == "threat.address" and second["severity"] == "serious"
    assert second["penalty"]["points"] == 12
    assert second["penalty"]["source"]
    assert second["suggestion"]
    # 「替换」 deletes the curse in place; the suggestion is a whole reply, not a span fix
    assert first["replacement"] == ""
    assert first["suggestion"].startswith("亲，您好") and len(first["suggestion"]) > 20


def test_normal_reply_is_ok(client: FlaskClient) -> None:
    body = client.post(PATH, json={"text": "亲，您稍等，我帮您确认收货地址"}).get_json()
    assert body == {**body, "verdict": "ok", "findings": [], "platform": "taobao"}


def test_platform_alias_in_either_script(client: FlaskClient) -> None:
    body = client.post(PATH, json={"text": "傻逼", "platform": "天貓國際"}).get_json()
    assert body["platform"] == "tmall_intl"


def test_empty_text_is_a_clear_422(client: FlaskClient) -> None:
    for text in ("", "   \n"):
        reply = client.post(PATH, json={"text": text})
        assert reply.status_code == 422
        assert reply.get_json()["error"]["code"] == "invalid_field"
        assert reply.get_json()["field"] == "text"


def test_missing_or_non_string_text_is_422(client: FlaskClient) -> None:
    assert client.post(PATH, json={}).status_code == 422
    assert client.post(PATH, json={"text": 42}).status_code == 422
    assert client.post(PATH, json={"text": "好", "platform": 7}).status_code == 422


def test_text_over_the_limit_is_413(client: FlaskClient, services: Services) -> None:
    limit = services.settings.checks.max_message_chars
    assert client.post(PATH, json={"text": "好" * limit}).status_code == 200
    reply = client.post(PATH, json={"text": "好" * (limit + 1)})
    assert reply.status_code == 413
    assert str(limit) in reply.get_json()["error"]["message"]


def test_invalid_utf8_bytes_are_a_clear_400(client: FlaskClient) -> None:
    reply = post_raw(client, b'{"text": "\xe5\x82\xbb\xff"}')
    assert reply.status_code == 400
    assert reply.get_json()["error"]["code"] == "bad_json"
    assert "UTF-8" in reply.get_json()["error"]["message"]


def test_lone_surrogate_escape_is_422_not_500(client: FlaskClient) -> None:
    reply = post_raw(client, b'{"text": "\\ud800\\u50bb"}')
    assert reply.status_code == 422
    assert reply.get_json()["field"] == "text"


def test_unknown_platform_is_a_clear_422(client: FlaskClient) -> None:
    reply = client.post(PATH, json={"text": "您好", "platform": "jd"})
    assert reply.status_code == 422
    body = reply.get_json()
    assert body["error"]["code"] == "unknown_platform"
    assert "taobao" in body["known"] and "jd" in body["error"]["message"]


def test_needs_the_token(client: FlaskClient) -> None:
    reply = client.post(PATH, json={"text": "您好"}, headers={"Authorization": ""})
    assert reply.status_code == 401


def test_is_in_the_openapi_document(client: FlaskClient) -> None:
    document = client.get("/v1/openapi.json").get_json()
    operation = document["paths"][PATH]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["required"] == ["text"]
    assert 422 in [int(code) for code in operation["responses"]]


def test_bad_user_rule_file_falls_back_to_shipped_rules_and_degrades_health(
    data_dir: Path,
) -> None:
    from helper.app import create_app
    from helper.settings import load_settings

    user_rules = data_dir / "rules" / "message"
    user_rules.mkdir(parents=True)
    (user_rules / "mine.toml").write_text("[[rule]]\nid = 3\n", encoding="utf-8")
    app = create_app(load_settings(data_dir), background=False)
    try:
        services = app.extensions["wbg"]
        assert "mine.toml:2" in services.problems["message_rules"]
        assert services.message_engine.check("傻逼").findings
        health = app.test_client().get(
            "/v1/health", base_url=f"http://127.0.0.1:{services.settings.port}"
        )
        assert health.get_json()["status"] == "degraded"
    finally:
        app.extensions["wbg"].close()


def test_served_check_and_rules_reload(served: HelperProcess) -> None:
    reply = served.api.post(PATH, {"text": "你个傻逼"})
    assert reply.status == 200 and reply.json["verdict"] == "block"
    user_rules = served.data_dir / "rules" / "message"
    user_rules.mkdir(parents=True)
    rule_file = user_rules / "shop.toml"
    rule_file.write_text(
        '[[rule]]\nid = "shop.rival"\nscene = "insult"\nseverity = "ordinary"\n'
        'message = "不要提竞品"\nwhy = "店铺规定"\nsuggestion = "亲，您好！"\n'
        'exact_terms = ["隔壁店"]\nflag = ["隔壁店更差"]\npass = ["您好"]\n',
        encoding="utf-8",
    )
    reloaded = run_cli(served.data_dir, "rules", "reload")
    assert "已重新加载" in reloaded.stdout
    reply = served.api.post(PATH, {"text": "隔壁店的东西更差"})
    assert [f["rule_id"] for f in reply.json["findings"]] == ["shop.rival"]

    rule_file.write_text(rule_file.read_text(encoding="utf-8") + "typo = 1\n", encoding="utf-8")
    failed = run_cli(served.data_dir, "rules", "reload", check=False)
    assert failed.returncode == 1 and "shop.toml:11" in failed.stderr
    # the watcher sees the bad file too: health degrades, the last good rules stay in force
    deadline = time.monotonic() + 10
    while served.api.get("/v1/health").json["status"] == "ok" and time.monotonic() < deadline:
        time.sleep(0.2)
    health = served.api.get("/v1/health").json
    assert health["status"] == "degraded" and "shop.toml:11" in json.dumps(
        health, ensure_ascii=False
    )
    reply = served.api.post(PATH, {"text": "隔壁店的东西更差"})
    assert [f["rule_id"] for f in reply.json["findings"]] == ["shop.rival"]
