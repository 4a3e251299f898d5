"""scripts/fix_fullwidth.py turns ASCII marks in Chinese copy full-width and leaves code alone:
format specifiers, fields, URLs, numbers, dates, regexes, Excel formats, entities, scripts,
English asides. A second run changes nothing."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("fix_fullwidth", ROOT / "scripts" / "fix_fullwidth.py")
fix = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fix)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('_("名称(选填)")', '_("名称（选填）")'),
        ('_("状态:%(value)s,请核对!")', '_("状态：%(value)s，请核对！")'),
        ('_("满意率 88.4%(484 条评价)")', '_("满意率 88.4%（484 条评价）")'),
        ('_("开始日期(YYYY-MM-DD,北京时间).")', '_("开始日期（YYYY-MM-DD，北京时间）。")'),
        ('x = f"共{n}条, 其中{m:>3}条:"', 'x = f"共{n}条，其中{m:>3}条："'),
        ('"{place}居民议事会:{category}".format(place=p)', '"{place}居民议事会：{category}".format(place=p)'),
        ('x = "您希望协商什么问题?"', 'x = "您希望协商什么问题？"'),
        ("x = '他说\"有事好商量\"'", "x = '他说“有事好商量”'"),
        ('("居民反映:", ",希望尽快解决。")', '("居民反映：", "，希望尽快解决。")'),
    ],
)
def test_python_copy_becomes_full_width(source, expected):
    assert fix.convert_python(source) == expected
    assert fix.convert_python(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "source",
    [
        'd.strftime("%Y年%m月%d日 %H:%M")',
        'date_format(d, "Y年n月j日 H:i")',
        'url = "详见 https://example.cn/a?b=1,2"',
        'PATTERN = re.compile("(第)(\\\\d+)条")',
        'PATTERN = re.compile(r"(第)(\\d+)条")',
        'DATETIME_FORMAT = \'yyyy"年"m"月"d"日" hh:mm\'',
        'raise CommandError("找不到 pg_dump。 (pg_dump is not on PATH.)")',
        'names = {"名称": 1, "层级": 2}',
        'name = "文件名.xlsx"',
        'def f():\n    """Rooms (启用/停用): one line. A 协商议事室. Its level."""\n',
        "page.wait_for_selector('h1:has-text(\"开放数据接口\")')",
        'text = "议事场次 1 / 10（10.0%）"',
    ],
)
def test_python_code_is_left_alone(source):
    assert fix.convert_python(source) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% translate "抱歉,没有找到这个页面" %}', '{% translate "抱歉，没有找到这个页面" %}'),
        ("<p>有事好商量,众人的事情由众人商量.</p>", "<p>有事好商量，众人的事情由众人商量。</p>"),
        (
            '<a href="/issues/?a=1,2" title="说明:详情" class="x">查看(全部)</a>',
            '<a href="/issues/?a=1,2" title="说明：详情" class="x">查看（全部）</a>',
        ),
        (
            '<span>%({{ n }}&nbsp;{% translate "条评价" %})</span>',
            '<span>%（{{ n }}&nbsp;{% translate "条评价" %}）</span>',
        ),
        ("<p><strong>合计</strong>: {{ n }}</p>", "<p><strong>合计</strong>：{{ n }}</p>"),
        (
            "{% blocktranslate %}已为 {{ user }} 签发令牌(用途:{{ name }}).{% endblocktranslate %}",
            "{% blocktranslate %}已为 {{ user }} 签发令牌（用途：{{ name }}）。{% endblocktranslate %}",
        ),
    ],
)
def test_template_copy_becomes_full_width(source, expected):
    assert fix.convert_template(source) == expected
    assert fix.convert_template(expected) == expected


@pytest.mark.parametrize(
    "source",
    [
        '{{ day|date:"Y年n月j日 H:i" }}',
        '<script>var message = "中文,x"; if (a) { b(); }</script>',
        "<style>.a::before { content: '中:'; }</style>",
        "<!-- 说明:注释 -->",
        "<code>Authorization: Token &lt;令牌&gt;</code>",
        '<p>12:30 88.4% <a href="https://example.cn/中文?q=1">Latin: text (here)</a></p>',
    ],
)
def test_template_code_is_left_alone(source):
    assert fix.convert_template(source) == source


def test_javascript_strings_only():
    source = (
        "const re = /[,:]/g; // 说明:注释\n"
        'status.textContent = "无法保存草稿(存储空间不足).";\n'
        'ask("草稿(保存于 " + when + "),是否恢复?");\n'
    )
    expected = (
        "const re = /[,:]/g; // 说明:注释\n"
        'status.textContent = "无法保存草稿（存储空间不足）。";\n'
        'ask("草稿（保存于 " + when + "），是否恢复？");\n'
    )
    assert fix.convert_js(source) == expected
    assert fix.convert_js(expected) == expected


def test_check_mode_lists_offenders_and_fails(tmp_path, capsys):
    bad = tmp_path / "copy.py"
    bad.write_text('MESSAGE = _("保存失败,请重试")\n', encoding="utf-8")
    assert fix.main(["--check", str(bad)]) == 1
    assert "保存失败，请重试" in capsys.readouterr().out
    assert bad.read_text(encoding="utf-8") == 'MESSAGE = _("保存失败,请重试")\n'  # --check writes nothing
    assert fix.main([str(bad)]) == 0
    assert bad.read_text(encoding="utf-8") == 'MESSAGE = _("保存失败，请重试")\n'
