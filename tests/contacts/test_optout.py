"""Opt-out detection on the shipped rules: phrases in both scripts and their false friends."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helper.contacts.optout import OptOutRules, load_optout_rules
from helper.rulefiles import RuleFileError, shipped_rules_dir
from helper.rulesets import families

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 3, 2, 14, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def rules() -> OptOutRules:
    return load_optout_rules([shipped_rules_dir()])


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("別再打了", "phone"),
        ("别再打了！！", "phone"),
        ("不要再聯繫我", "all"),
        ("不要再联系我了，谢谢", "all"),
        ("別打電話", "phone"),
        ("再打我就投訴", "all"),
        ("再打我就投诉你们", "all"),
        ("不用聯繫了", "all"),
        ("拉黑你", "all"),
        ("別再傳簡訊給我", "sms"),
        ("我不想再接到你们的电话", "phone"),
        ("停止给我发营销短信", "sms"),
        ("再让我接到你们电话我就报警", "all"),
        ("請不要再打電話給我，有事旺旺說", "phone"),  # a stop beside a channel limit stays a stop
        ("ＴＤ", "sms"),
        ("别打电话了，也别发短信", "phone"),
        ("别再骚扰我，再打就报警", "all"),
    ],
)
def test_opt_out_phrases(rules: OptOutRules, text: str, scope: str) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert detection.opt_out, text
    assert detection.scope == scope
    assert not detection.opt_in
    assert detection.excerpt


@pytest.mark.parametrize(
    ("text", "scope", "rule_id"),
    [
        ("不要打電話，發短信就行", "call", "restrict.sms_not_calls"),
        ("不要打电话,发短信就行", "call", "restrict.sms_not_calls"),
        ("有事发短信，别打电话", "call", "restrict.sms_not_calls"),
        ("有事旺旺說", "phone", "restrict.im_only"),
        ("只能旺旺联系", "phone", "restrict.im_only"),
    ],
)
def test_a_channel_limit_is_a_restriction_not_a_stop(
    rules: OptOutRules, text: str, scope: str, rule_id: str
) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not detection.opt_out
    (limit,) = detection.restrictions
    assert (limit.kind, limit.scope, limit.rule_id) == ("channel", scope, rule_id)


@pytest.mark.parametrize(
    ("text", "kind", "values"),
    [
        ("晚上九点以后别打，白天可以", "hours", (0, 21 * 60)),
        ("晚上九點以後別打", "hours", (0, 21 * 60)),
        ("10点后不要打电话", "hours", (0, 22 * 60)),
        ("八点半以后别打电话了", "hours", (0, 20 * 60 + 30)),
        ("只能下午三点后打", "hours", (15 * 60, None)),
        ("九点前别打", "hours", (9 * 60, None)),
        ("上午10点到下午5点可以打", "hours", (10 * 60, 17 * 60)),
        ("9點到6點之間打", "hours", (9 * 60, 18 * 60)),
        ("12点到2点别打，我午休", "hours", (14 * 60, 12 * 60)),  # closed 12:00–14:00
        ("晚上别打电话，白天都行", "hours", (0, 18 * 60)),
        ("早上别打，我在睡觉", "hours", (12 * 60, None)),
        ("周末不要打电话，工作日可以", "days", frozenset({1, 2, 3, 4, 5})),
        ("只能工作日", "days", frozenset({1, 2, 3, 4, 5})),
        ("工作日别打电话，我上班", "days", frozenset({6, 7})),
    ],
)
def test_limits_are_read_with_their_values(
    rules: OptOutRules, text: str, kind: str, values: object
) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not detection.opt_out and not detection.opt_in
    (limit,) = detection.restrictions
    assert limit.kind == kind
    found = (limit.allowed_from, limit.allowed_until) if kind == "hours" else limit.days
    assert found == values
    assert limit.excerpt


@pytest.mark.parametrize(
    ("text", "not_before"),
    [
        ("5号之前别联系", "2026-03-05"),
        ("1号之前别联系", "2026-04-01"),  # the 1st has passed this month: next month's
        ("12月3號以後再聯繫", "2026-12-03"),
        # a stop for today is a limit until tomorrow, not only a suggested callback time
        ("今天别打了，明天再说", "2026-03-03"),
    ],
)
def test_a_date_limit_is_this_or_next_months(
    rules: OptOutRules, text: str, not_before: str
) -> None:
    (limit,) = rules.detect(text, AT, SHANGHAI).restrictions
    assert limit.not_before is not None and limit.not_before.isoformat() == not_before


@pytest.mark.parametrize("text", ["别打包太紧", "不要发顺丰", "电话打不通吗", "可以打折吗"])
def test_ordinary_buyer_chat_sets_nothing(rules: OptOutRules, text: str) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not (detection.opt_out or detection.opt_in or detection.restrictions)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("現在不方便，晚點打", AT + timedelta(minutes=60)),
        ("现在不方便,晚点打", AT + timedelta(minutes=60)),
        ("在开会，一会儿再打", AT + timedelta(minutes=60)),
        ("明天再打吧", datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI)),
    ],
)
def test_later_is_a_callback_time_not_a_stop(
    rules: OptOutRules, text: str, after: datetime
) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not detection.opt_out
    assert detection.callback_after == after


def test_tomorrow_is_the_buyers_tomorrow(rules: OptOutRules) -> None:
    new_york = ZoneInfo("America/New_York")
    detection = rules.detect("明天再聯繫", AT, new_york)  # Monday 01:00 in New York
    assert detection.callback_after == datetime(2026, 3, 3, 10, 0, tzinfo=new_york)


@pytest.mark.parametrize("text", ["請給我回個電話", "请给我回个电话", "可以打我电话", "麻煩聯繫我"])
def test_reversal_phrases(rules: OptOutRules, text: str) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert detection.opt_in and not detection.opt_out


@pytest.mark.parametrize(
    "text",
    [
        "你好，什么时候发货？",
        "不用打包得太仔细",
        "我打你电话没人接",
        "你是不是把我拉黑了",
        "晚点发货可以吗",
        "不用回电话了",
        "短信收到了",
        "请尽快联系我",
    ],
)
def test_ordinary_messages_are_not_opt_outs(rules: OptOutRules, text: str) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not detection.opt_out, detection.rule_ids
    if text == "请尽快联系我":
        assert detection.opt_in


def test_excerpt_hides_long_numbers(rules: OptOutRules) -> None:
    detection = rules.detect("我的电话13812345678，不要再联系我", AT, SHANGHAI)
    assert detection.opt_out
    assert "13812345678" not in detection.excerpt
    assert "不要再联系我" in detection.excerpt


def test_rule_examples_and_lint_pass_through_the_registry() -> None:
    family = {f.name: f for f in families()}["optout"]
    dirs = [shipped_rules_dir()]
    assert family.lint(dirs) == []
    assert family.examples is not None
    assert family.examples(dirs) == []


def _user_rules(tmp_path: Path, text: str) -> list[Path]:
    folder = tmp_path / "contact"
    folder.mkdir(parents=True)
    (folder / "optout-extra.toml").write_text(text, encoding="utf-8")
    return [shipped_rules_dir(), tmp_path]


def test_a_failing_example_is_reported_with_file_and_line(tmp_path: Path) -> None:
    dirs = _user_rules(
        tmp_path,
        '# extra\n\n[[rule]]\nid = "optout.shop_test"\nkind = "opt_out"\nscope = "all"\n'
        "patterns = ['闭嘴']\nflag = ['閉嘴', '别说了']\npass = ['你好']\n",
    )
    family = {f.name: f for f in families()}["optout"]
    failures = family.examples(dirs)  # type: ignore[misc]
    assert len(failures) == 1
    assert "optout-extra.toml:3" in failures[0] and "别说了" in failures[0]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (
            '[[rule]]\nid = "optout.x"\nkind = "opt_out"\nscope = "all"\npatterns = [\'(\']\n'
            "flag = ['x']\npass = ['y']\n",
            5,
            "bad RE2 pattern",
        ),
        ('[[rule]]\nid = "optout.x"\nkind = "stop"\n', 3, "kind must be"),
        ('[[rule]]\nid = "optout.x"\nkind = "opt_out"\npatterns = [\'a\']\n', 3, "scope"),
        (
            '[[rule]]\nid = "optout.x"\nkind = "callback"\nminutes = 0\npatterns = [\'a\']\n'
            "flag = ['a']\npass = ['b']\n",
            4,
            "minutes",
        ),
        ('[[rule]]\nid = "optout.x"\nkind = "opt_in"\npaterns = [\'a\']\n', 4, "unknown key"),
    ],
)
def test_bad_rule_files_name_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    dirs = _user_rules(tmp_path, body)
    with pytest.raises(RuleFileError) as caught:
        load_optout_rules(dirs)
    assert caught.value.path.name == "optout-extra.toml"
    assert caught.value.line == line
    assert words in caught.value.reason


def test_lint_wants_both_scripts(tmp_path: Path) -> None:
    dirs = _user_rules(
        tmp_path,
        '[[rule]]\nid = "optout.shop_test"\nkind = "opt_out"\nscope = "all"\n'
        "patterns = ['闭嘴']\nflag = ['闭嘴']\npass = ['你好']\n",
    )
    family = {f.name: f for f in families()}["optout"]
    problems = family.lint(dirs)
    assert [p.line for p in problems] == [1]
    assert "both scripts" in problems[0].reason
