"""Who the customers are and what they buy: trade names, kinds of business,
product lines with their products and usual amounts, projects, where an
opportunity comes from, and the tags of the opportunities."""

# Trade names (字号) with their pinyin, one per customer.
TRADE_NAMES = [
    ("恒信", "hengxin"), ("华宇", "huayu"), ("鼎盛", "dingsheng"), ("宏达", "hongda"),
    ("金桥", "jinqiao"), ("远东", "yuandong"), ("天成", "tiancheng"), ("中联", "zhonglian"),
    ("永固", "yonggu"), ("瑞丰", "ruifeng"), ("新港", "xingang"), ("嘉业", "jiaye"),
    ("德润", "derun"), ("海川", "haichuan"), ("同创", "tongchuang"), ("锦程", "jincheng"),
    ("博远", "boyuan"), ("盛达", "shengda"), ("九洲", "jiuzhou"), ("万通", "wantong"),
    ("信合", "xinhe"), ("鸿运", "hongyun"), ("凯旋", "kaixuan"), ("润泽", "runze"),
    ("明辉", "minghui"), ("兴隆", "xinglong"), ("泰和", "taihe"), ("安澜", "anlan"),
    ("卓越", "zhuoyue"), ("汇通", "huitong"), ("百川", "baichuan"), ("铭远", "mingyuan"),
    ("启航", "qihang"), ("三和", "sanhe"), ("嘉禾", "jiahe"), ("宝鼎", "baoding"),
    ("联创", "lianchuang"), ("华信", "huaxin"), ("友联", "youlian"), ("裕丰", "yufeng"),
    ("金鼎", "jinding"), ("宏图", "hongtu"), ("伟业", "weiye"), ("浩达", "haoda"),
    ("永安", "yongan"), ("东升", "dongsheng"), ("华盛", "huasheng"), ("鑫源", "xinyuan"),
    ("瀚海", "hanhai"), ("中瑞", "zhongrui"), ("晟通", "shengtong"), ("和顺", "heshun"),
    ("天润", "tianrun"), ("明德", "mingde"), ("蓝天", "lantian"), ("宏泰", "hongtai"),
    ("瑞祥", "ruixiang"), ("信达", "xinda"), ("盛世", "shengshi"), ("远航", "yuanhang"),
    ("江南", "jiangnan"), ("国润", "guorun"), ("弘毅", "hongyi"), ("新宇", "xinyu"),
    ("立恒", "liheng"),
]  # fmt: skip

# Product lines: tag, products.
PRODUCT_LINES = {
    "waterproof": ("防水材料", ["SBS改性沥青防水卷材", "高分子自粘防水卷材", "聚氨酯防水涂料", "JS防水涂料"]),
    "pipe": ("管材管件", ["PPR给水管", "PE给水管", "HDPE双壁波纹管", "不锈钢卡压管件", "镀锌钢管"]),
    "cable": ("电线电缆", ["YJV电力电缆", "BV铜芯电线", "阻燃控制电缆", "电缆桥架"]),
    "insulation": ("保温材料", ["岩棉板", "挤塑聚苯板", "橡塑保温管", "硅酸铝保温棉"]),
    "valve": ("阀门泵类", ["消防闸阀", "软密封蝶阀", "不锈钢球阀", "管道离心泵"]),
    "fastener": ("五金紧固件", ["高强度螺栓", "化学锚栓", "膨胀螺栓", "不锈钢紧固件"]),
    "mro": ("工业耗材", ["劳保手套及安全鞋", "工业润滑油", "切削刀具", "轴承及密封件", "气动元件"]),
    "tile": ("瓷砖辅材", ["瓷砖胶", "环氧美缝剂", "自流平砂浆"]),
}
# (low, high) expected revenue in CNY per product line
REVENUE = {
    "waterproof": (80_000, 1_200_000),
    "pipe": (50_000, 900_000),
    "cable": (100_000, 2_500_000),
    "insulation": (60_000, 800_000),
    "valve": (30_000, 500_000),
    "fastener": (20_000, 300_000),
    "mro": (30_000, 600_000),
    "tile": (20_000, 200_000),
}

PROJECTS = {
    "building": [
        "滨江壹号院", "湖畔花园二期", "科创园标准厂房", "人民医院门诊楼", "实验学校新校区", "轨道交通停车场",
        "城市商业综合体", "人才公寓", "安置房三期", "产业园研发楼", "高铁新城商务区", "体育中心改造",
    ],
    "plant": ["二号车间改造", "年度MRO采购", "设备大修", "新厂房建设", "产线扩建", "年度备件框架"],
    "trade": ["门店年度备货", "区域经销合作", "工程渠道拓展"],
    "utility": ["污水管网改造", "泵站更新", "供水管网改造", "热网改造", "锅炉房保温更新"],
    "service": ["仓库屋面防水维修", "园区二期", "客房翻新", "后厨改造", "园区管网维修"],
}  # fmt: skip

# full suffix, short suffix, industry, product lines, projects, e-mail slug, weight
BUSINESS_TYPES = [
    ("建筑工程有限公司", "建筑", "F", "waterproof pipe cable insulation", "building", "build", 10),
    ("建设集团有限公司", "建设", "F", "waterproof cable fastener", "building", "group", 4),
    ("装饰工程有限公司", "装饰", "F", "tile waterproof pipe", "building", "deco", 6),
    ("机电安装工程有限公司", "机电", "F", "pipe valve cable insulation", "building", "mep", 6),
    ("市政工程有限公司", "市政", "F", "pipe valve", "utility", "civil", 3),
    ("置业有限公司", "置业", "L", "waterproof tile insulation", "building", "estate", 4),
    ("物业服务有限公司", "物业", "L", "waterproof valve mro", "service", "property", 2),
    ("精密机械有限公司", "机械", "C", "mro fastener", "plant", "machinery", 5),
    ("汽车零部件有限公司", "汽配", "C", "mro fastener valve", "plant", "auto", 4),
    ("电子科技有限公司", "电子", "C", "mro cable", "plant", "tech", 3),
    ("新材料科技有限公司", "新材料", "C", "mro valve insulation", "plant", "materials", 2),
    ("建材贸易有限公司", "建材", "G", "waterproof pipe tile", "trade", "bm", 4),
    ("五金机电有限公司", "五金", "G", "fastener mro", "trade", "hardware", 2),
    ("水务有限公司", "水务", "E", "pipe valve", "utility", "water", 2),
    ("环保工程有限公司", "环保", "E", "pipe valve", "utility", "env", 2),
    ("热电有限公司", "热电", "D", "insulation valve cable", "utility", "power", 2),
    ("物流有限公司", "物流", "H", "waterproof fastener mro", "service", "logistics", 2),
    ("酒店管理有限公司", "酒店", "I", "pipe tile valve", "service", "hotel", 1),
]

# Trade names (字号) beyond the demo's 65: two characters, with their pinyin.
TRADE_FIRST = [
    ("恒", "heng"), ("华", "hua"), ("鼎", "ding"), ("宏", "hong"), ("金", "jin"), ("远", "yuan"),
    ("天", "tian"), ("中", "zhong"), ("永", "yong"), ("瑞", "rui"), ("新", "xin"), ("嘉", "jia"),
    ("德", "de"), ("海", "hai"), ("同", "tong"), ("锦", "jin"), ("博", "bo"), ("盛", "sheng"),
    ("九", "jiu"), ("万", "wan"), ("信", "xin"), ("鸿", "hong"), ("凯", "kai"), ("润", "run"),
    ("明", "ming"), ("兴", "xing"), ("泰", "tai"), ("安", "an"), ("卓", "zhuo"), ("汇", "hui"),
    ("百", "bai"), ("铭", "ming"), ("启", "qi"), ("三", "san"), ("宝", "bao"), ("联", "lian"),
]  # fmt: skip
TRADE_SECOND = [
    ("达", "da"), ("通", "tong"), ("成", "cheng"), ("源", "yuan"), ("丰", "feng"), ("顺", "shun"),
    ("业", "ye"), ("泰", "tai"), ("隆", "long"), ("昌", "chang"), ("晟", "sheng"), ("创", "chuang"),
    ("宇", "yu"), ("辉", "hui"), ("邦", "bang"), ("固", "gu"), ("祥", "xiang"), ("和", "he"),
    ("茂", "mao"), ("科", "ke"), ("峰", "feng"), ("川", "chuan"), ("越", "yue"), ("路", "lu"),
    ("诚", "cheng"), ("合", "he"), ("星", "xing"), ("航", "hang"), ("力", "li"), ("森", "sen"),
]  # fmt: skip

LEAD_SOURCES = [
    "老客户转介绍",
    "官网询盘",
    "上海建材展名片",
    "电话陌拜",
    "招标网信息",
    "设计院推荐",
    "1688询价",
]

# Opportunity tags (xml id suffix → label): one per product line, and three kinds of deal.
TAGS = {f"tag_{line}": label for line, (label, _products) in PRODUCT_LINES.items()}
TAGS.update({"tag_project": "项目制", "tag_framework": "年度框架", "tag_returning": "老客户"})


BUSINESS_WEIGHTS = [business[-1] for business in BUSINESS_TYPES]


def business_type(rng):
    """A kind of business, as often as the distributor meets it: a row of ``BUSINESS_TYPES``."""
    return rng.choices(BUSINESS_TYPES, BUSINESS_WEIGHTS)[0]


def company_name(city, trade, full_suffix):
    """A company's registered name: city, trade name (字号), kind of business."""
    return f"{city}{trade}{full_suffix}"


def round_revenue(amount):
    """An amount as a salesperson would estimate it: to the thousand, five or ten thousand."""
    step = 1_000 if amount < 100_000 else 5_000 if amount < 1_000_000 else 10_000
    return round(amount / step) * step


def expected_revenue(rng, line):
    """An opportunity's amount for product line ``line``: mostly small, a few large."""
    low, high = REVENUE[line]
    return round_revenue(low + (high - low) * rng.random() ** 2)


def opportunity_name(customer_short, project, product):
    return f"{customer_short} · {project} {product}"


def opportunity_tags(line, project, industry, returning):
    """Keys of ``TAGS``: the product line; an annual framework or, for builders
    and developers, a project; a returning customer."""
    tags = [f"tag_{line}"]
    if "年度" in project:
        tags.append("tag_framework")
    elif industry in ("F", "L"):
        tags.append("tag_project")
    if returning:
        tags.append("tag_returning")
    return tags
