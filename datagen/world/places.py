"""Where the distributor sells: cities with their province, telephone area
code, postcode prefix and districts, street names, and its sales regions."""

# name, state, area code, zip prefix, districts
CITIES = {
    "上海": ("base.state_cn_SH", "021", "201", ["浦东新区", "闵行区", "嘉定区", "松江区", "宝山区"]),
    "苏州": ("base.state_cn_JS", "0512", "215", ["工业园区", "高新区", "吴中区", "相城区", "吴江区"]),
    "昆山": ("base.state_cn_JS", "0512", "2153", ["开发区", "花桥镇", "周市镇", "张浦镇"]),
    "无锡": ("base.state_cn_JS", "0510", "214", ["新吴区", "滨湖区", "惠山区", "锡山区"]),
    "常州": ("base.state_cn_JS", "0519", "213", ["武进区", "新北区", "天宁区"]),
    "南京": ("base.state_cn_JS", "025", "210", ["江宁区", "浦口区", "栖霞区", "雨花台区"]),
    "南通": ("base.state_cn_JS", "0513", "226", ["崇川区", "通州区", "开发区"]),
    "合肥": ("base.state_cn_AH", "0551", "230", ["蜀山区", "包河区", "经开区", "高新区"]),
    "杭州": ("base.state_cn_ZJ", "0571", "310", ["余杭区", "萧山区", "滨江区", "钱塘区"]),
    "湖州": ("base.state_cn_ZJ", "0572", "313", ["吴兴区", "南浔区", "长兴县"]),
    "宁波": ("base.state_cn_ZJ", "0574", "315", ["鄞州区", "北仑区", "镇海区", "慈溪市"]),
    "绍兴": ("base.state_cn_ZJ", "0575", "312", ["柯桥区", "越城区", "上虞区"]),
    "嘉兴": ("base.state_cn_ZJ", "0573", "314", ["南湖区", "秀洲区", "嘉善县", "平湖市"]),
}
ROADS = [
    "星湖街", "长江路", "人民路", "建设路", "工业大道", "创业路", "科技大道", "金山路",
    "兴业路", "光明路", "东环路", "新华路", "园区大道", "滨河路", "解放东路", "江南大道",
]  # fmt: skip


# Sales teams: regions of the distributor; numbered when there are more teams than regions.
TEAM_REGIONS = [
    "华东",
    "华南",
    "华北",
    "华中",
    "西南",
    "西北",
    "东北",
    "苏南",
    "浙北",
    "沪西",
    "皖江",
    "闽东",
]


def street(rng, city):
    """A street address in one of ``city``'s districts."""
    return f"{rng.choice(CITIES[city][3])}{rng.choice(ROADS)}{rng.randint(8, 999)}号"


def zip_code(rng, city):
    """A six-digit postcode starting with ``city``'s prefix."""
    return (CITIES[city][2] + "".join(str(rng.randint(0, 9)) for _ in range(6)))[:6]


def landline(rng):
    """A landline number without its area code (eight digits, first 5 to 8)."""
    return f"{rng.choice('5678')}{rng.randint(0, 9999999):07d}"
